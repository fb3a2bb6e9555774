-- What `cx survey report --by month` computes.
SELECT s.name, strftime('%Y-%m', r.at, 'unixepoch', 'localtime'),
       count(*), count(r.nps), count(*) FILTER (WHERE r.nps >= 9),
       count(*) FILTER (WHERE r.nps BETWEEN 7 AND 8), count(*) FILTER (WHERE r.nps <= 6),
       count(r.csat), count(*) FILTER (WHERE r.csat >= 4), total(r.csat), total(r.csat * r.csat),
       count(r.ces), total(r.ces), total(r.ces * r.ces), count(*) FILTER (WHERE r.ces >= 5),
       count(*) FILTER (WHERE r.nps <= 6 OR r.csat <= 2 OR r.ces <= 3),
       count(r.case_id) FILTER (WHERE r.nps <= 6 OR r.csat <= 2 OR r.ces <= 3)
FROM responses r JOIN surveys s ON s.id = r.survey_id
WHERE r.complete = 1 GROUP BY s.id, 2 ORDER BY s.created_at, s.id, 2;
