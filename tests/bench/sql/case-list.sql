-- What `cx case list --limit 20` asks: the newest 20 cases not closed, with their customers.
SELECT k.id, k.status, k.priority, k.customer_id, c.name, k.owner, k.channel, k.stage, k.opened_at,
       k.updated_at, k.title
FROM cases k JOIN customers c ON c.id = k.customer_id
WHERE k.status <> 'closed'
ORDER BY k.opened_at DESC, k.id DESC LIMIT 20;
