-- The aggregates behind `cx journey map`, written the way one would in SQL: per stage, per
-- stage and channel, each customer's latest touchpoint (drop-off) and first touchpoint per
-- stage (time to the next stage). cx computes the same in one scan.
CREATE TEMP TABLE j AS SELECT customer_id, at, stage, channel, emotion, effort, kind = 'case' AS is_case FROM journey;
SELECT stage, count(*), count(DISTINCT customer_id), avg(emotion), count(emotion), sum(emotion < 0), avg(effort),
       sum(effort <= 3), sum(is_case)
FROM j GROUP BY stage;
SELECT stage, channel, count(*), count(DISTINCT customer_id), sum(emotion < 0), count(emotion), sum(effort <= 3),
       count(effort), sum(is_case)
FROM j GROUP BY stage, channel;
SELECT stage, channel, count(*) FROM (
  SELECT customer_id, stage, channel, max(at) AS latest FROM j GROUP BY customer_id
) WHERE latest < CAST(strftime('%s', 'now') AS INTEGER) - 2592000 GROUP BY stage, channel;
SELECT count(*) FROM (SELECT customer_id, stage, min(at) FROM j GROUP BY customer_id, stage);
