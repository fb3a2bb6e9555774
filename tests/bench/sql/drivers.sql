-- The gathering of cx survey drivers in SQL: each customer's latest NPS
-- answer, and the mean emotion and effort of each stage before it.
WITH latest AS (
  SELECT customer_id, max(at) AS at FROM responses
  WHERE complete = 1 AND nps IS NOT NULL AND customer_id IS NOT NULL
    AND survey_id = (SELECT id FROM surveys WHERE name = 'answers')
  GROUP BY customer_id)
SELECT count(*), avg(e), avg(f) FROM (
  SELECT l.customer_id, t.stage, avg(t.emotion) AS e, avg(t.effort) AS f
  FROM latest l JOIN touchpoints t ON t.customer_id = l.customer_id AND t.at < l.at
  GROUP BY l.customer_id, t.stage);
