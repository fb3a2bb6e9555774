-- The queries behind `cx report daily`, as plain SQL: the day's cases with the median times to
-- first response and to resolution, the backlog by age, the open cases' service-level clocks
-- (targets and pending spans from the audit trail), overdue public feedback (each item's deadline
-- from the most specific target of its source and sentiment), the survey figures of the day and
-- the day before and by week for eight weeks, unhappy respondents nobody followed up, and the
-- day's journey.
SELECT count(*) FROM cases WHERE opened_at >= @SINCE@ AND opened_at < @UNTIL@;
SELECT count(*) FROM cases WHERE resolved_at >= @SINCE@ AND resolved_at < @UNTIL@;
SELECT count(*) FROM cases WHERE status IN ('new', 'open', 'pending');
SELECT d FROM (SELECT first_response_at - opened_at AS d FROM cases WHERE opened_at >= @SINCE@
  AND opened_at < @UNTIL@ AND first_response_at IS NOT NULL) ORDER BY d
  LIMIT 1 OFFSET (SELECT (count(*) - 1) / 2 FROM cases WHERE opened_at >= @SINCE@ AND opened_at < @UNTIL@
  AND first_response_at IS NOT NULL);
SELECT d FROM (SELECT resolved_at - opened_at AS d FROM cases WHERE resolved_at >= @SINCE@
  AND resolved_at < @UNTIL@) ORDER BY d LIMIT 1 OFFSET (SELECT (count(*) - 1) / 2 FROM cases
  WHERE resolved_at >= @SINCE@ AND resolved_at < @UNTIL@);
SELECT CASE WHEN @UNTIL@ - opened_at < 86400 THEN 0 WHEN @UNTIL@ - opened_at < 259200 THEN 1
            WHEN @UNTIL@ - opened_at < 604800 THEN 2 WHEN @UNTIL@ - opened_at < 2419200 THEN 3 ELSE 4 END AS b,
       count(*) FROM cases WHERE status IN ('new', 'open', 'pending') GROUP BY b;
SELECT k.id, coalesce(k.owner, '(nobody)'), k.priority, k.title, k.opened_at, k.first_response_at,
       coalesce((SELECT p.first_response FROM sla_policies p WHERE p.priority = k.priority AND p.channel = k.channel),
                (SELECT p.first_response FROM sla_policies p WHERE p.priority = k.priority AND p.channel = '*')),
       coalesce((SELECT p.resolution FROM sla_policies p WHERE p.priority = k.priority AND p.channel = k.channel),
                (SELECT p.resolution FROM sla_policies p WHERE p.priority = k.priority AND p.channel = '*')),
       (SELECT group_concat(at || ':' || json_extract(details, '$.to')) FROM events e
        WHERE e.entity = 'case' AND e.entity_id = k.id AND e.action = 'status')
FROM cases k WHERE k.status IN ('new', 'open', 'pending') AND k.opened_at < @UNTIL@ ORDER BY k.opened_at, k.id;
CREATE TEMP VIEW due AS SELECT f.*, f.at + coalesce(
  (SELECT seconds FROM feedback_targets t WHERE t.source = f.source AND t.sentiment = coalesce(f.sentiment, 'unknown')),
  (SELECT seconds FROM feedback_targets t WHERE t.source = f.source AND t.sentiment = '*'),
  (SELECT seconds FROM feedback_targets t WHERE t.source = '*' AND t.sentiment = coalesce(f.sentiment, 'unknown')),
  (SELECT seconds FROM feedback_targets t WHERE t.source = '*' AND t.sentiment = '*'), 86400) AS deadline
FROM feedback f WHERE f.status = 'open';
SELECT count(*) FROM due WHERE deadline < @UNTIL@;
SELECT id, source, at, rating, sentiment, deadline - @UNTIL@, author, case_id, body FROM due
WHERE deadline < @UNTIL@ ORDER BY at, id LIMIT 10;
SELECT count(*), count(nps), sum(nps >= 9), sum(nps <= 6), count(csat), sum(csat >= 4), avg(ces)
FROM responses WHERE complete = 1 AND at >= @SINCE@ AND at < @UNTIL@;
SELECT count(*), count(nps), sum(nps >= 9), sum(nps <= 6), count(csat), sum(csat >= 4), avg(ces)
FROM responses WHERE complete = 1 AND at >= @SINCE@ - 86400 AND at < @SINCE@;
SELECT (at - (@UNTIL@ - 8 * 604800)) / 604800 AS w, count(*), count(nps), sum(nps >= 9), sum(nps <= 6),
       count(csat), sum(csat >= 4), avg(ces)
FROM responses WHERE complete = 1 AND at >= @UNTIL@ - 8 * 604800 AND at < @UNTIL@ GROUP BY w;
SELECT count(*) FROM responses r WHERE r.complete = 1 AND r.case_id IS NULL AND r.at >= @SINCE@ AND r.at < @UNTIL@
  AND (r.nps <= 6 OR r.csat <= 2 OR r.ces <= 3);
SELECT r.id, s.name, r.at, coalesce(c.name, r.name, r.email), r.nps, r.csat, r.ces, r.comment
FROM responses r JOIN surveys s ON s.id = r.survey_id LEFT JOIN customers c ON c.id = r.customer_id
WHERE r.complete = 1 AND r.case_id IS NULL AND r.at >= @SINCE@ AND r.at < @UNTIL@
  AND (r.nps <= 6 OR r.csat <= 2 OR r.ces <= 3) ORDER BY r.at LIMIT 10;
SELECT stage, channel, count(*), sum(emotion < 0), sum(effort <= 3) FROM journey
WHERE at >= @SINCE@ AND at < @UNTIL@ GROUP BY stage, channel;
