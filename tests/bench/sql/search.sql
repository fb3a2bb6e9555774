-- What `cx search grinder leaking` asks: the best twenty matches with their snippets
-- (cx then looks up each one's customer and date).
SELECT rowid, rank, snippet(search_index, 0, '[', ']', '...', 12) FROM search_index
WHERE search_index MATCH 'grinder leaking' ORDER BY rank LIMIT 20;
