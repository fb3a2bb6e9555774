-- The peer's table for `.import`: the same columns as the survey export, typed, with the
-- response id as primary key; WAL like cx's database.
PRAGMA journal_mode = WAL;
CREATE TABLE peer (id TEXT PRIMARY KEY, name TEXT, email TEXT, submitted_at TEXT, store TEXT,
                   nps INTEGER, csat INTEGER, ces INTEGER, comment TEXT);
