-- What `cx case brief CASE` asks: the customer, the case, its service-level clocks (the business's
-- calendar, the targets, the pending spans from the audit trail), its timeline, what the customer
-- was told, their other cases, survey scores, public feedback and journey so far. @CASE@ is the
-- case number, @CUST@ its customer (as cx finds it first).
SELECT c.id, c.name, c.email, c.phone, '@' || c.handle, c.org,
       (SELECT group_concat(tag, ',') FROM (SELECT tag FROM customer_tags t WHERE t.customer_id = c.id ORDER BY tag)),
       c.prefers,
       (SELECT channel FROM cases k WHERE k.customer_id = c.id AND channel IS NOT NULL
        GROUP BY channel ORDER BY count(*) DESC, max(opened_at) DESC LIMIT 1),
       c.note,
       (SELECT count(*) FROM cases k WHERE k.customer_id = c.id AND k.status NOT IN ('resolved', 'closed')),
       (SELECT count(*) FROM cases k WHERE k.customer_id = c.id AND k.status IN ('resolved', 'closed')),
       c.created_at,
       (SELECT group_concat(id, ',') FROM (SELECT id FROM customers m WHERE m.merged_into = c.id ORDER BY id))
FROM customers c WHERE c.id = (SELECT customer_id FROM cases WHERE id = @CASE@);
SELECT k.id, k.title, k.status, k.priority, k.customer_id, c.name, k.owner, k.channel, k.stage,
       (SELECT group_concat(tag, ',') FROM (SELECT tag FROM case_tags t WHERE t.case_id = k.id ORDER BY tag)),
       k.outcome, k.opened_at, k.opened_by, coalesce(k.closed_at, k.resolved_at, 1790000000) - k.opened_at,
       k.first_response_at, k.first_response_at - k.opened_at, k.resolved_at, k.closed_at, k.updated_at,
       (SELECT group_concat(other, ',') FROM (SELECT case_b AS other FROM case_links WHERE case_a = k.id
        UNION SELECT case_a FROM case_links WHERE case_b = k.id ORDER BY 1))
FROM cases k JOIN customers c ON c.id = k.customer_id WHERE k.id = @CASE@;
SELECT e.at, e.actor, e.action, json_extract(e.details, '$.from'), json_extract(e.details, '$.to'),
       e.note_id, n.body
FROM events e LEFT JOIN notes n ON n.id = e.note_id
WHERE e.entity = 'case' AND e.entity_id = @CASE@ ORDER BY e.at, e.id;
SELECT * FROM (SELECT created_at, author, kind, body FROM notes
               WHERE case_id = @CASE@ AND public = 1 ORDER BY created_at DESC, id DESC LIMIT 5) ORDER BY 1;
SELECT id, opened_at, status, outcome, coalesce(resolved_at, closed_at) - opened_at, owner, title
FROM cases WHERE customer_id = (SELECT customer_id FROM cases WHERE id = @CASE@) AND id <> @CASE@
ORDER BY opened_at DESC, id DESC;
SELECT r.at, s.name, r.nps, r.csat, r.ces, r.case_id, r.comment
FROM responses r JOIN surveys s ON s.id = r.survey_id
WHERE r.customer_id = (SELECT customer_id FROM cases WHERE id = @CASE@) AND r.complete = 1
ORDER BY r.at DESC, r.id DESC LIMIT 5;
SELECT value FROM settings WHERE key = 'timezone';
SELECT weekday, opens, closes FROM business_hours ORDER BY weekday, opens;
SELECT day FROM holidays ORDER BY day;
SELECT k.status, k.opened_at, k.first_response_at, coalesce(k.resolved_at, k.closed_at),
       coalesce((SELECT p.first_response FROM sla_policies p WHERE p.priority = k.priority AND p.channel = k.channel),
                (SELECT p.first_response FROM sla_policies p WHERE p.priority = k.priority AND p.channel = '*')),
       coalesce((SELECT p.resolution FROM sla_policies p WHERE p.priority = k.priority AND p.channel = k.channel),
                (SELECT p.resolution FROM sla_policies p WHERE p.priority = k.priority AND p.channel = '*'))
FROM cases k WHERE k.id = @CASE@;
SELECT at, json_extract(details, '$.to') FROM events
WHERE entity = 'case' AND entity_id = @CASE@ AND action = 'status' ORDER BY at, id;
SELECT id, at, source, rating, sentiment, status, case_id, body FROM feedback
WHERE customer_id = @CUST@ ORDER BY at DESC, id DESC LIMIT 5;
SELECT at, stage, channel, kind, emotion, summary FROM journey
WHERE customer_id = @CUST@ ORDER BY at DESC, kind, ref DESC LIMIT 6;
SELECT (SELECT count(*) FROM journey WHERE customer_id = @CUST@),
       (SELECT avg(emotion) FROM (SELECT emotion FROM journey WHERE customer_id = @CUST@
          AND emotion IS NOT NULL ORDER BY at DESC LIMIT 5)),
       (SELECT avg(emotion) FROM (SELECT emotion FROM journey WHERE customer_id = @CUST@
          AND emotion IS NOT NULL ORDER BY at DESC LIMIT 5 OFFSET 5));
