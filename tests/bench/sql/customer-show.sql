-- What `cx customer show CUSTOMER` asks: the profile, their cases, their notes. @CUST@ is the customer.
SELECT c.id, c.name, c.email, c.phone, '@' || c.handle, c.org,
       (SELECT group_concat(tag, ',') FROM (SELECT tag FROM customer_tags t WHERE t.customer_id = c.id ORDER BY tag)),
       c.prefers,
       (SELECT channel FROM cases k WHERE k.customer_id = c.id AND channel IS NOT NULL
        GROUP BY channel ORDER BY count(*) DESC, max(opened_at) DESC LIMIT 1),
       c.note,
       (SELECT count(*) FROM cases k WHERE k.customer_id = c.id AND k.status NOT IN ('resolved', 'closed')),
       (SELECT count(*) FROM cases k WHERE k.customer_id = c.id AND k.status IN ('resolved', 'closed')),
       c.created_at
FROM customers c WHERE c.id = @CUST@;
SELECT id, status, priority, opened_at, owner, outcome, title FROM cases WHERE customer_id = @CUST@
ORDER BY opened_at DESC, id DESC;
SELECT id, created_at, case_id, CASE WHEN case_id IS NULL THEN 'customer' ELSE 'case ' || case_id END,
       CASE public WHEN 1 THEN 'public' ELSE 'internal' END, kind, author, body
FROM notes WHERE customer_id = @CUST@ ORDER BY created_at, id;
