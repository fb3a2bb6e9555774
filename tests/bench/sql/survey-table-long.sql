-- The peer's table for `.import` of longcomments.py's file: its four columns, typed, with the
-- response id as primary key; WAL like cx's database.
PRAGMA journal_mode = WAL;
CREATE TABLE peer (id TEXT PRIMARY KEY, score INTEGER, comment TEXT, created_at TEXT);
