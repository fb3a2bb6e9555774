-- The queries behind `cx report daily`, as plain SQL: the day's cases, the backlog by age,
-- the open cases' service-level clocks (targets and pending spans from the audit trail),
-- overdue feedback, the survey figures of the day and the day before, the day's journey.
SELECT count(*) FROM cases WHERE opened_at >= @SINCE@ AND opened_at < @UNTIL@;
SELECT count(*) FROM cases WHERE resolved_at >= @SINCE@ AND resolved_at < @UNTIL@;
SELECT CASE WHEN @UNTIL@ - opened_at < 86400 THEN 0 WHEN @UNTIL@ - opened_at < 259200 THEN 1
            WHEN @UNTIL@ - opened_at < 604800 THEN 2 WHEN @UNTIL@ - opened_at < 2419200 THEN 3 ELSE 4 END AS b,
       count(*) FROM cases WHERE status IN ('new', 'open', 'pending') GROUP BY b;
SELECT k.id, k.owner, k.opened_at, k.first_response_at,
       (SELECT p.first_response FROM sla_policies p WHERE p.priority = k.priority AND p.channel IN (k.channel, '*')
        ORDER BY p.channel = '*' LIMIT 1),
       (SELECT p.resolution FROM sla_policies p WHERE p.priority = k.priority AND p.channel IN (k.channel, '*')
        ORDER BY p.channel = '*' LIMIT 1),
       (SELECT group_concat(at || ':' || json_extract(details, '$.to')) FROM events e
        WHERE e.entity = 'case' AND e.entity_id = k.id AND e.action = 'status')
FROM cases k WHERE k.status IN ('new', 'open', 'pending');
SELECT count(*) FROM feedback f WHERE f.status = 'open' AND f.at + 86400 < @UNTIL@;
SELECT count(*), count(nps), sum(nps >= 9), sum(nps <= 6), count(csat), sum(csat >= 4), avg(ces)
FROM responses WHERE complete = 1 AND at >= @SINCE@ AND at < @UNTIL@;
SELECT count(*), count(nps), sum(nps >= 9), sum(nps <= 6), count(csat), sum(csat >= 4), avg(ces)
FROM responses WHERE complete = 1 AND at >= @SINCE@ - 86400 AND at < @SINCE@;
SELECT stage, channel, count(*), sum(emotion < 0), sum(effort <= 3) FROM journey
WHERE at >= @SINCE@ AND at < @UNTIL@ GROUP BY stage, channel;
