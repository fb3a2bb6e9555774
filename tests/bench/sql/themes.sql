-- The counting of cx survey themes in SQL: each stem's comments (the search
-- index's stems column, one row a word and comment), by unhappy or not, for
-- the stems in at least three comments.
CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, search_index, instance);
SELECT w.term, sum(r.nps <= 6) AS unhappy, sum(r.nps > 6) AS others
FROM (SELECT DISTINCT term, doc FROM temp.words WHERE col = 'stems' AND doc % 8 = 4) w
JOIN responses r ON r.id = w.doc / 8
WHERE r.survey_id = (SELECT id FROM surveys WHERE name = 'comments')
GROUP BY w.term HAVING count(*) >= 3 ORDER BY unhappy DESC LIMIT 20;
