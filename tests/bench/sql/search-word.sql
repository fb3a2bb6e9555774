-- What `cx search espresso` asks: one word in about one text in two hundred,
-- every match scored to find the best twenty.
SELECT rowid, rank, snippet(search_index, 0, '[', ']', '...', 12) FROM search_index
WHERE search_index MATCH 'espresso' ORDER BY rank LIMIT 20;
