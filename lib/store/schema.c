/*
 * The schema as an ordered list of migrations. Entry N brings a database from
 * user_version N to N+1; a migration is never edited once released, only
 * followed by another.
 */
#include <stdio.h>
#include <time.h>

#include "db_impl.h"
#include "sql.h"

static const char *const migrations[] = {
	/* 0 -> 1: customers, cases, notes, the audit trail, settings, stages and channels. */
	"CREATE TABLE customers ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  email TEXT,"
	"  phone TEXT,"
	"  handle TEXT,"
	"  org TEXT,"
	"  note TEXT,"
	"  prefers TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  merged_into INTEGER REFERENCES customers(id),"
	"  forgotten_at INTEGER);"
	"CREATE UNIQUE INDEX customers_email ON customers(lower(email));"
	"CREATE UNIQUE INDEX customers_handle ON customers(lower(handle));"
	"CREATE INDEX customers_name ON customers(lower(name));"
	"CREATE TABLE customer_tags ("
	"  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,"
	"  tag TEXT NOT NULL,"
	"  PRIMARY KEY (customer_id, tag));"
	"CREATE INDEX customer_tags_tag ON customer_tags(tag, customer_id);"
	"CREATE TABLE stages (name TEXT PRIMARY KEY, position INTEGER NOT NULL);"
	"INSERT INTO stages VALUES ('awareness',1),('consideration',2),('decision',3),"
	"  ('purchase',4),('delivery',5),('packaging',6),('use',7),('recommendation',8),('service',9);"
	"CREATE TABLE channels (name TEXT PRIMARY KEY, position INTEGER NOT NULL);"
	"INSERT INTO channels VALUES ('phone',1),('email',2),('social',3),('store',4),('web',5),"
	"  ('chat',6),('packaging',7),('product',8),('other',9);"
	"CREATE TABLE cases ("
	"  id INTEGER PRIMARY KEY,"
	"  customer_id INTEGER NOT NULL REFERENCES customers(id),"
	"  title TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'new'"
	"    CHECK (status IN ('new','open','pending','resolved','closed')),"
	"  priority TEXT NOT NULL DEFAULT 'normal'"
	"    CHECK (priority IN ('low','normal','high','urgent')),"
	"  channel TEXT REFERENCES channels(name) ON UPDATE CASCADE,"
	"  stage TEXT REFERENCES stages(name) ON UPDATE CASCADE,"
	"  owner TEXT,"
	"  outcome TEXT,"
	"  opened_by TEXT NOT NULL,"
	"  opened_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  first_response_at INTEGER,"
	"  resolved_at INTEGER,"
	"  closed_at INTEGER);"
	"CREATE INDEX cases_opened ON cases(opened_at);"
	"CREATE INDEX cases_status ON cases(status, opened_at);"
	"CREATE INDEX cases_customer ON cases(customer_id, opened_at);"
	"CREATE INDEX cases_owner ON cases(owner, status);"
	"CREATE TABLE case_tags ("
	"  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	"  tag TEXT NOT NULL,"
	"  PRIMARY KEY (case_id, tag));"
	"CREATE INDEX case_tags_tag ON case_tags(tag, case_id);"
	"CREATE TABLE case_links ("
	"  case_a INTEGER NOT NULL REFERENCES cases(id),"
	"  case_b INTEGER NOT NULL REFERENCES cases(id),"
	"  PRIMARY KEY (case_a, case_b),"
	"  CHECK (case_a < case_b));"
	"CREATE INDEX case_links_b ON case_links(case_b);"
	"CREATE TABLE notes ("
	"  id INTEGER PRIMARY KEY,"
	"  customer_id INTEGER NOT NULL REFERENCES customers(id),"
	"  case_id INTEGER REFERENCES cases(id),"
	"  public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),"
	"  kind TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  author TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL);"
	"CREATE INDEX notes_case ON notes(case_id, created_at);"
	"CREATE INDEX notes_customer ON notes(customer_id, created_at);"
	/* Personal data stays out of details: ids, field names and states only. */
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  entity_id INTEGER,"
	"  action TEXT NOT NULL,"
	"  note_id INTEGER REFERENCES notes(id),"
	"  details TEXT);"
	"CREATE INDEX events_entity ON events(entity, entity_id, at);"
	"CREATE INDEX events_at ON events(at);"
	"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);",

	/* 1 -> 2: surveys and their responses. */
	"CREATE TABLE surveys ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  tool TEXT NOT NULL,"
	"  stage TEXT REFERENCES stages(name) ON UPDATE CASCADE,"
	"  columns TEXT,"
	"  created_at INTEGER NOT NULL);"
	"CREATE UNIQUE INDEX surveys_name ON surveys(lower(name));"
	/* The survey's other questions, named once; answers refer to them by number. */
	"CREATE TABLE survey_questions ("
	"  survey_id INTEGER NOT NULL REFERENCES surveys(id),"
	"  qid INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  PRIMARY KEY (survey_id, qid),"
	"  UNIQUE (survey_id, text));"
	/* key: the tool's response id, or a hash of the row when the tool has none. */
	"CREATE TABLE responses ("
	"  id INTEGER PRIMARY KEY,"
	"  survey_id INTEGER NOT NULL REFERENCES surveys(id),"
	"  key TEXT NOT NULL,"
	"  customer_id INTEGER REFERENCES customers(id),"
	"  email TEXT,"
	"  name TEXT,"
	"  at INTEGER NOT NULL,"
	"  complete INTEGER NOT NULL CHECK (complete IN (0, 1)),"
	"  nps INTEGER CHECK (nps BETWEEN 0 AND 10),"
	"  csat INTEGER CHECK (csat BETWEEN 1 AND 5),"
	"  ces INTEGER CHECK (ces BETWEEN 1 AND 7),"
	"  comment TEXT,"
	"  answers TEXT,"   /* {"qid": "answer", ...} for survey_questions */
	"  case_id INTEGER REFERENCES cases(id),"
	"  imported_at INTEGER NOT NULL,"
	"  UNIQUE (survey_id, key));"
	"CREATE INDEX responses_customer ON responses(customer_id, at) WHERE customer_id IS NOT NULL;"
	"CREATE INDEX responses_case ON responses(case_id) WHERE case_id IS NOT NULL;",

	/* 2 -> 3: touchpoints, and the journey: every interaction, wherever it was recorded. */
	"CREATE TABLE touchpoints ("
	"  id INTEGER PRIMARY KEY,"
	"  customer_id INTEGER NOT NULL REFERENCES customers(id),"
	"  at INTEGER NOT NULL,"
	"  channel TEXT NOT NULL REFERENCES channels(name) ON UPDATE CASCADE,"
	"  stage TEXT NOT NULL REFERENCES stages(name) ON UPDATE CASCADE,"
	"  emotion INTEGER CHECK (emotion BETWEEN -2 AND 2),"
	"  effort INTEGER CHECK (effort BETWEEN 1 AND 7),"
	"  direction TEXT CHECK (direction IN ('in', 'out')),"
	"  case_id INTEGER REFERENCES cases(id),"
	"  summary TEXT,"
	"  key TEXT," /* imports: what makes a row the same row again */
	"  author TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL);"
	"CREATE INDEX touchpoints_customer ON touchpoints(customer_id, at);"
	"CREATE INDEX touchpoints_case ON touchpoints(case_id) WHERE case_id IS NOT NULL;"
	"CREATE UNIQUE INDEX touchpoints_key ON touchpoints(key) WHERE key IS NOT NULL;"
	/*
	 * The journey is a view, not copies: a case opened, a public reply and a
	 * survey answer are touchpoints already, so they are read where they live
	 * and never logged twice (a stage change or a merge shows up at once).
	 * Survey scores become emotion (NPS 0-4 -2, 5-6 -1, 7-8 0, 9 +1, 10 +2;
	 * CSAT 1..5 -> -2..+2 when there is no NPS) and CES is the effort.
	 */
	"CREATE VIEW journey (kind, ref, customer_id, at, channel, stage, emotion, effort, direction,"
	"  case_id, summary) AS"
	" SELECT 'touch', id, customer_id, at, channel, stage, emotion, effort, direction, case_id, summary"
	"   FROM touchpoints"
	" UNION ALL"
	" SELECT 'case', id, customer_id, opened_at, coalesce(channel, 'other'), coalesce(stage, 'service'),"
	"   NULL, NULL, 'in', id, title FROM cases"
	" UNION ALL"
	" SELECT 'reply', n.id, n.customer_id, n.created_at,"
	"   CASE n.kind WHEN 'call' THEN 'phone' WHEN 'email' THEN 'email' WHEN 'chat' THEN 'chat'"
	"     WHEN 'visit' THEN 'store' WHEN 'social' THEN 'social' ELSE coalesce(k.channel, 'other') END,"
	"   coalesce(k.stage, 'service'), NULL, NULL, 'out', n.case_id, n.body"
	"   FROM notes n JOIN cases k ON k.id = n.case_id WHERE n.public = 1"
	" UNION ALL"
	" SELECT 'survey', r.id, r.customer_id, r.at, 'web', coalesce(s.stage, 'recommendation'),"
	"   CASE WHEN r.nps IS NOT NULL THEN CASE WHEN r.nps <= 4 THEN -2 WHEN r.nps <= 6 THEN -1"
	"     WHEN r.nps <= 8 THEN 0 WHEN r.nps = 9 THEN 1 ELSE 2 END"
	"     WHEN r.csat IS NOT NULL THEN r.csat - 3 END,"
	"   r.ces, 'in', r.case_id,"
	"   s.name || coalesce(': NPS ' || r.nps, '') || coalesce(', CSAT ' || r.csat, '')"
	"     || coalesce(', CES ' || r.ces, '') || coalesce(' - ' || r.comment, '')"
	"   FROM responses r JOIN surveys s ON s.id = r.survey_id"
	"   WHERE r.complete = 1 AND r.customer_id IS NOT NULL;",

	/* 3 -> 4: public feedback (posts, mentions, reviews), its replies and response targets. */
	"CREATE TABLE feedback_sources (name TEXT PRIMARY KEY, position INTEGER NOT NULL);"
	"INSERT INTO feedback_sources VALUES ('google',1),('facebook',2),('instagram',3),('x',4),"
	"  ('yelp',5),('trustpilot',6),('tripadvisor',7),('email',8),('other',9);"
	"CREATE TABLE feedback ("
	"  id INTEGER PRIMARY KEY,"
	"  source TEXT NOT NULL REFERENCES feedback_sources(name) ON UPDATE CASCADE,"
	"  platform_id TEXT,"
	"  key TEXT NOT NULL UNIQUE," /* source + platform id, or source + a hash of the content */
	"  customer_id INTEGER REFERENCES customers(id),"
	"  author TEXT,"
	"  url TEXT,"
	"  at INTEGER NOT NULL,"
	"  rating INTEGER CHECK (rating BETWEEN 1 AND 5),"
	"  body TEXT,"
	"  sentiment TEXT CHECK (sentiment IN ('negative', 'neutral', 'positive')),"
	"  sentiment_by TEXT CHECK (sentiment_by IN ('rating', 'hand', 'guess')),"
	"  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'ignored')),"
	"  why TEXT,"
	"  first_response_at INTEGER,"
	"  case_id INTEGER REFERENCES cases(id),"
	"  added_by TEXT NOT NULL,"
	"  added_at INTEGER NOT NULL);"
	"CREATE INDEX feedback_at ON feedback(at);"
	"CREATE INDEX feedback_status ON feedback(status, at);"
	"CREATE INDEX feedback_customer ON feedback(customer_id, at) WHERE customer_id IS NOT NULL;"
	"CREATE TABLE feedback_replies ("
	"  id INTEGER PRIMARY KEY,"
	"  feedback_id INTEGER NOT NULL REFERENCES feedback(id),"
	"  at INTEGER NOT NULL,"
	"  author TEXT NOT NULL,"
	"  body TEXT NOT NULL);"
	"CREATE INDEX feedback_replies_item ON feedback_replies(feedback_id, at);"
	/* How soon public feedback must be answered: per source and sentiment, '*' for any. */
	"CREATE TABLE feedback_targets ("
	"  source TEXT NOT NULL,"
	"  sentiment TEXT NOT NULL CHECK (sentiment IN ('negative', 'neutral', 'positive', 'unknown', '*')),"
	"  seconds INTEGER NOT NULL CHECK (seconds > 0),"
	"  PRIMARY KEY (source, sentiment));"
	"INSERT INTO feedback_targets VALUES ('*','negative',14400),('*','neutral',86400),"
	"  ('*','unknown',86400),('*','positive',172800);"
	/* Feedback from a known customer is a touchpoint of their journey. */
	"DROP VIEW journey;"
	"CREATE VIEW journey (kind, ref, customer_id, at, channel, stage, emotion, effort, direction,"
	"  case_id, summary) AS"
	" SELECT 'touch', id, customer_id, at, channel, stage, emotion, effort, direction, case_id, summary"
	"   FROM touchpoints"
	" UNION ALL"
	" SELECT 'case', id, customer_id, opened_at, coalesce(channel, 'other'), coalesce(stage, 'service'),"
	"   NULL, NULL, 'in', id, title FROM cases"
	" UNION ALL"
	" SELECT 'reply', n.id, n.customer_id, n.created_at,"
	"   CASE n.kind WHEN 'call' THEN 'phone' WHEN 'email' THEN 'email' WHEN 'chat' THEN 'chat'"
	"     WHEN 'visit' THEN 'store' WHEN 'social' THEN 'social' ELSE coalesce(k.channel, 'other') END,"
	"   coalesce(k.stage, 'service'), NULL, NULL, 'out', n.case_id, n.body"
	"   FROM notes n JOIN cases k ON k.id = n.case_id WHERE n.public = 1"
	" UNION ALL"
	" SELECT 'survey', r.id, r.customer_id, r.at, 'web', coalesce(s.stage, 'recommendation'),"
	"   CASE WHEN r.nps IS NOT NULL THEN CASE WHEN r.nps <= 4 THEN -2 WHEN r.nps <= 6 THEN -1"
	"     WHEN r.nps <= 8 THEN 0 WHEN r.nps = 9 THEN 1 ELSE 2 END"
	"     WHEN r.csat IS NOT NULL THEN r.csat - 3 END,"
	"   r.ces, 'in', r.case_id,"
	"   s.name || coalesce(': NPS ' || r.nps, '') || coalesce(', CSAT ' || r.csat, '')"
	"     || coalesce(', CES ' || r.ces, '') || coalesce(' - ' || r.comment, '')"
	"   FROM responses r JOIN surveys s ON s.id = r.survey_id"
	"   WHERE r.complete = 1 AND r.customer_id IS NOT NULL"
	" UNION ALL"
	" SELECT 'feedback', f.id, f.customer_id, f.at, 'social',"
	"   coalesce((SELECT value FROM settings WHERE key = 'feedback.stage'), 'recommendation'),"
	"   CASE WHEN f.rating IS NOT NULL THEN f.rating - 3"
	"     WHEN f.sentiment = 'negative' THEN -1 WHEN f.sentiment = 'positive' THEN 1"
	"     WHEN f.sentiment = 'neutral' THEN 0 END,"
	"   NULL, 'in', f.case_id, f.source || coalesce(' ' || f.rating || '/5', '') || coalesce(': ' || f.body, '')"
	"   FROM feedback f WHERE f.customer_id IS NOT NULL;",

	/* 4 -> 5: service levels: business hours, holidays, targets, breaches already announced. */
	"CREATE TABLE business_hours ("
	"  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),"
	"  opens INTEGER NOT NULL,"
	"  closes INTEGER NOT NULL,"
	"  CHECK (opens >= 0 AND opens < closes AND closes <= 1440),"
	"  PRIMARY KEY (weekday, opens));"
	"CREATE TABLE holidays (day TEXT PRIMARY KEY, name TEXT);"
	"CREATE TABLE sla_policies ("
	"  priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),"
	"  channel TEXT NOT NULL DEFAULT '*',"
	"  first_response INTEGER CHECK (first_response > 0),"
	"  resolution INTEGER CHECK (resolution > 0),"
	"  PRIMARY KEY (priority, channel));"
	/* business time: urgent 1h / 8h, high 4h / 2 days of 8h, normal 8h / 5 days, low 16h / 10 days */
	"INSERT INTO sla_policies VALUES ('urgent','*',3600,28800),('high','*',14400,57600),"
	"  ('normal','*',28800,144000),('low','*',57600,288000);"
	"CREATE TABLE sla_breaches ("
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  clock TEXT NOT NULL CHECK (clock IN ('response', 'resolution')),"
	"  noticed_at INTEGER NOT NULL,"
	"  PRIMARY KEY (case_id, clock));",

	/*
	 * 5 -> 6: full-text search. One FTS5 index over case titles, notes,
	 * touchpoint summaries, survey comments and feedback; rowid = ref * 8 +
	 * kind, so a row's entry is found without a lookup. Rows are added up to
	 * the high-water mark of each kind before every search (the tables are
	 * append-mostly); changes in place update their entry at once.
	 */
	("CREATE VIRTUAL TABLE search_index USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');"
	 "CREATE TABLE search_state (kind INTEGER PRIMARY KEY, indexed_to INTEGER NOT NULL);"),

	/* 6 -> 7: reports over a period read the journey by time. */
	("CREATE INDEX touchpoints_at ON touchpoints(at);"
	 "CREATE INDEX notes_public_at ON notes(created_at) WHERE public = 1;"),

	/* 7 -> 8: a customer's merged records are found without reading every customer. */
	("CREATE INDEX customers_merged_into ON customers(merged_into) WHERE merged_into IS NOT NULL;"),

	/* 8 -> 9: the digest counts the cases resolved and the responses given in its period. */
	("CREATE INDEX cases_resolved ON cases(resolved_at) WHERE resolved_at IS NOT NULL;"
	 "CREATE INDEX responses_at ON responses(at) WHERE complete = 1;"),

	/*
	 * 9 -> 10: mail. Every message cx reads or writes, with its original
	 * bytes (base64, so that both engines and the export carry them as
	 * text), what became of it and where it came from; the ids it answers,
	 * for threading; its attachments; and the reply templates. A message is
	 * the same message again by its Message-ID, or by its bytes without one.
	 */
	("CREATE TABLE messages ("
	 "  id INTEGER PRIMARY KEY,"
	 "  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),"
	 "  state TEXT NOT NULL CHECK (state IN ('imported', 'skipped', 'failed')),"
	 "  reason TEXT,"
	 "  msgid TEXT,"
	 "  in_reply_to TEXT,"
	 "  sha256 TEXT NOT NULL,"
	 "  from_addr TEXT,"
	 "  from_name TEXT,"
	 "  to_addrs TEXT,"
	 "  subject TEXT,"
	 "  sent_at INTEGER,"   /* its Date header */
	 "  at INTEGER NOT NULL," /* when it counts: the date, or when it arrived */
	 "  customer_id INTEGER REFERENCES customers(id),"
	 "  case_id INTEGER REFERENCES cases(id),"
	 "  note_id INTEGER REFERENCES notes(id),"
	 "  source TEXT,"   /* the mbox, Maildir or file; NULL for a reply written by cx */
	 "  position TEXT," /* where in it: 'byte 1234', 'cur/NAME' */
	 "  size INTEGER NOT NULL,"
	 "  raw TEXT,"      /* NULL when not kept: too large, or forgotten */
	 "  added_by TEXT NOT NULL,"
	 "  added_at INTEGER NOT NULL);"
	 "CREATE UNIQUE INDEX messages_msgid ON messages(msgid) WHERE msgid IS NOT NULL;"
	 "CREATE UNIQUE INDEX messages_sha256 ON messages(sha256);"
	 "CREATE INDEX messages_case ON messages(case_id, at) WHERE case_id IS NOT NULL;"
	 "CREATE INDEX messages_customer ON messages(customer_id) WHERE customer_id IS NOT NULL;"
	 "CREATE INDEX messages_at ON messages(at);"
	 "CREATE INDEX messages_state ON messages(state, id) WHERE state <> 'imported';"
	 "CREATE TABLE message_refs ("
	 "  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
	 "  position INTEGER NOT NULL,"
	 "  msgid TEXT NOT NULL,"
	 "  PRIMARY KEY (message_id, position));"
	 "CREATE INDEX message_refs_msgid ON message_refs(msgid);"
	 "CREATE TABLE attachments ("
	 "  id INTEGER PRIMARY KEY,"
	 "  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
	 "  position INTEGER NOT NULL,"
	 "  name TEXT NOT NULL,"
	 "  mime_type TEXT NOT NULL,"
	 "  size INTEGER NOT NULL,"
	 "  sha256 TEXT NOT NULL,"
	 "  data TEXT," /* base64; NULL once erased */
	 "  UNIQUE (message_id, position));"
	 "CREATE TABLE templates ("
	 "  name TEXT PRIMARY KEY,"
	 "  body TEXT NOT NULL,"
	 "  created_at INTEGER NOT NULL,"
	 "  updated_at INTEGER NOT NULL);"),

	/*
	 * 10 -> 11: what each survey import brought, in the transaction of the
	 * import itself: the file's bytes (SHA-256; NULL from standard input),
	 * the rules it followed, and its responses (responses.import_id), so
	 * that a recurring import knows an export it has seen without side files.
	 */
	("CREATE TABLE survey_imports ("
	 "  id INTEGER PRIMARY KEY,"
	 "  survey_id INTEGER NOT NULL REFERENCES surveys(id),"
	 "  sha256 TEXT,"
	 "  file TEXT NOT NULL,"
	 "  rules TEXT,"
	 "  rows INTEGER NOT NULL,"
	 "  added INTEGER NOT NULL,"
	 "  imported_by TEXT NOT NULL,"
	 "  imported_at INTEGER NOT NULL);"
	 "CREATE INDEX survey_imports_sha256 ON survey_imports(sha256, survey_id);"
	 "ALTER TABLE responses ADD COLUMN import_id INTEGER REFERENCES survey_imports(id);"),

	/*
	 * 11 -> 12: surveys after a case. One request per case, with a token of
	 * its own that the answer carries back (a hidden field of the form); at
	 * most one reminder; sent: whether cx mailed it (else it was listed for
	 * a mail merge).
	 */
	("CREATE TABLE survey_requests ("
	 "  id INTEGER PRIMARY KEY,"
	 "  case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id),"
	 "  customer_id INTEGER NOT NULL REFERENCES customers(id),"
	 "  token TEXT NOT NULL UNIQUE,"
	 "  survey TEXT NOT NULL," /* the survey it asks for, by name: the report's rate of answers */
	 "  asked_at INTEGER NOT NULL,"
	 "  asked_by TEXT NOT NULL,"
	 "  reminded_at INTEGER,"
	 "  sent INTEGER NOT NULL CHECK (sent IN (0, 1)),"
	 "  response_id INTEGER REFERENCES responses(id));"
	 "CREATE INDEX survey_requests_asked ON survey_requests(asked_at);"
	 "CREATE INDEX survey_requests_customer ON survey_requests(customer_id);"),

	/* 12 -> 13: the language a survey's comments are written in (NULL: the text.language setting). */
	("ALTER TABLE surveys ADD COLUMN language TEXT;"),

	/*
	 * 13 -> 14: word forms in search. Beside each text, the stems of its
	 * words (Snowball, in the text.language setting): "leaking" finds
	 * "leaks". The index is built again by the next search.
	 */
	("DROP TABLE search_index;"
	 "CREATE VIRTUAL TABLE search_index USING fts5(body, stems, tokenize = 'unicode61 remove_diacritics 2');"
	 "DELETE FROM search_state;"),

	/*
	 * 14 -> 15: named topics. A topic is a search query kept by name; the
	 * texts it matches are tagged in topic_items, and topic_state keeps,
	 * per kind of text, the last id looked at, so what arrives later is
	 * tagged too.
	 */
	("CREATE TABLE topics ("
	 "  name TEXT PRIMARY KEY,"
	 "  query TEXT NOT NULL,"
	 "  created_by TEXT NOT NULL,"
	 "  created_at INTEGER NOT NULL);"
	 "CREATE TABLE topic_items ("
	 "  topic TEXT NOT NULL REFERENCES topics(name) ON DELETE CASCADE,"
	 "  kind INTEGER NOT NULL,"
	 "  ref INTEGER NOT NULL,"
	 "  PRIMARY KEY (topic, kind, ref));"
	 "CREATE TABLE topic_state ("
	 "  topic TEXT NOT NULL REFERENCES topics(name) ON DELETE CASCADE,"
	 "  kind INTEGER NOT NULL,"
	 "  tagged_to INTEGER NOT NULL,"
	 "  PRIMARY KEY (topic, kind));"),

	/*
	 * 15 -> 16: likelihood to continue ("How likely are you to order from us
	 * again?"), the third measure beside CSAT and NPS: the answer on its own
	 * scale, 0-10, 1-5 or 1-7 (cont_scale: its top). The check is written
	 * without IN: a list of three makes SQLite build a temporary table for
	 * every row inserted, a third of an import's time.
	 */
	("ALTER TABLE responses ADD COLUMN cont INTEGER CHECK (cont BETWEEN 0 AND 10);"
	 "ALTER TABLE responses ADD COLUMN cont_scale INTEGER CHECK (cont_scale = 5 OR cont_scale = 7 OR cont_scale = 10);"),
	/*
	 * 16 -> 17: the journey map from summaries kept up to date. Each
	 * customer's contribution per stage x channel cell and their timing
	 * state, the sums over all customers, and the customers whose rows
	 * changed since (journey_dirty: marked by the triggers below in the
	 * writer's own transaction; survey answers are marked by the import, a
	 * set at a time, never row by row). `journey map` brings the summary up
	 * to date before it reads it; built = 0 asks for a rebuild (a whole-table
	 * change: stages, channels, a survey's stage, feedback's stage, an
	 * archive import). See journey_summary.c.
	 */
	("CREATE TABLE journey_dirty (customer_id INTEGER PRIMARY KEY);"
	 "CREATE TABLE journey_summary (id INTEGER PRIMARY KEY CHECK (id = 1), built INTEGER NOT NULL,"
	 "  customers INTEGER NOT NULL);"
	 "INSERT INTO journey_summary VALUES (1, 0, 0);"
	 "CREATE TABLE journey_cust_cells (customer_id INTEGER NOT NULL, stage TEXT NOT NULL, channel TEXT NOT NULL,"
	 "  touches INTEGER NOT NULL, replies INTEGER NOT NULL, cases INTEGER NOT NULL,"
	 "  emotion_n INTEGER NOT NULL, emotion_sum INTEGER NOT NULL, emotion_sq INTEGER NOT NULL, negative INTEGER NOT NULL,"
	 "  effort_n INTEGER NOT NULL, effort_sum INTEGER NOT NULL, effort_sq INTEGER NOT NULL, hard INTEGER NOT NULL,"
	 "  PRIMARY KEY (customer_id, stage, channel)) WITHOUT ROWID;"
	 "CREATE TABLE journey_cust (customer_id INTEGER PRIMARY KEY, alive INTEGER NOT NULL, last_stage TEXT,"
	 "  last_channel TEXT);"
	 "CREATE INDEX journey_cust_alive ON journey_cust(alive, last_stage, last_channel) WHERE last_stage IS NOT NULL;"
	 "CREATE TABLE journey_cust_stages (customer_id INTEGER NOT NULL, stage TEXT NOT NULL, delay INTEGER,"
	 "  PRIMARY KEY (customer_id, stage)) WITHOUT ROWID;"
	 "CREATE INDEX journey_cust_stages_delay ON journey_cust_stages(stage, delay) WHERE delay IS NOT NULL;"
	 "CREATE TABLE journey_cells (stage TEXT NOT NULL, channel TEXT NOT NULL,"
	 "  touches INTEGER NOT NULL, replies INTEGER NOT NULL, cases INTEGER NOT NULL,"
	 "  emotion_n INTEGER NOT NULL, emotion_sum INTEGER NOT NULL, emotion_sq INTEGER NOT NULL, negative INTEGER NOT NULL,"
	 "  effort_n INTEGER NOT NULL, effort_sum INTEGER NOT NULL, effort_sq INTEGER NOT NULL, hard INTEGER NOT NULL,"
	 "  customers INTEGER NOT NULL, lasts INTEGER NOT NULL, PRIMARY KEY (stage, channel));"
	 "CREATE TABLE journey_stage_sums (stage TEXT PRIMARY KEY, customers INTEGER NOT NULL);"
	 "CREATE TABLE journey_delays (stage TEXT NOT NULL, lo INTEGER NOT NULL, n INTEGER NOT NULL,"
	 "  PRIMARY KEY (stage, lo));"),

	/* 17 -> 18: the marks of the journey summary's writers (see 16 -> 17). */
	(
	 "CREATE TRIGGER journey_touch_ins AFTER INSERT ON touchpoints BEGIN"
	 "  INSERT INTO journey_dirty VALUES (NEW.customer_id) ON CONFLICT DO NOTHING; END;"
	 "CREATE TRIGGER journey_touch_upd AFTER UPDATE OF customer_id, at, channel, stage, emotion, effort, direction"
	 "  ON touchpoints BEGIN INSERT INTO journey_dirty VALUES (OLD.customer_id) ON CONFLICT DO NOTHING;"
	 "  INSERT INTO journey_dirty VALUES (NEW.customer_id) ON CONFLICT DO NOTHING; END;"
	 "CREATE TRIGGER journey_touch_del AFTER DELETE ON touchpoints BEGIN"
	 "  INSERT INTO journey_dirty VALUES (OLD.customer_id) ON CONFLICT DO NOTHING; END;"
	 "CREATE TRIGGER journey_case_ins AFTER INSERT ON cases BEGIN"
	 "  INSERT INTO journey_dirty SELECT NEW.customer_id WHERE NEW.customer_id IS NOT NULL ON CONFLICT DO NOTHING; END;"
	 /* a case's stage and channel are its public replies' too */
	 "CREATE TRIGGER journey_case_upd AFTER UPDATE OF customer_id, opened_at, channel, stage ON cases BEGIN"
	 "  INSERT INTO journey_dirty SELECT OLD.customer_id WHERE OLD.customer_id IS NOT NULL ON CONFLICT DO NOTHING;"
	 "  INSERT INTO journey_dirty SELECT NEW.customer_id WHERE NEW.customer_id IS NOT NULL ON CONFLICT DO NOTHING;"
	 "  INSERT INTO journey_dirty SELECT DISTINCT customer_id FROM notes"
	 "    WHERE case_id = NEW.id AND public = 1 AND customer_id IS NOT NULL ON CONFLICT DO NOTHING; END;"
	 "CREATE TRIGGER journey_case_del AFTER DELETE ON cases BEGIN"
	 "  INSERT INTO journey_dirty SELECT OLD.customer_id WHERE OLD.customer_id IS NOT NULL ON CONFLICT DO NOTHING; END;"
	 "CREATE TRIGGER journey_note_ins AFTER INSERT ON notes WHEN NEW.public = 1 AND NEW.customer_id IS NOT NULL BEGIN"
	 "  INSERT INTO journey_dirty VALUES (NEW.customer_id) ON CONFLICT DO NOTHING; END;"
	 "CREATE TRIGGER journey_note_upd AFTER UPDATE OF customer_id, created_at, kind, case_id, public ON notes BEGIN"
	 "  INSERT INTO journey_dirty SELECT OLD.customer_id WHERE OLD.customer_id IS NOT NULL ON CONFLICT DO NOTHING;"
	 "  INSERT INTO journey_dirty SELECT NEW.customer_id WHERE NEW.customer_id IS NOT NULL ON CONFLICT DO NOTHING; END;"
	 "CREATE TRIGGER journey_note_del AFTER DELETE ON notes WHEN OLD.public = 1 AND OLD.customer_id IS NOT NULL BEGIN"
	 "  INSERT INTO journey_dirty VALUES (OLD.customer_id) ON CONFLICT DO NOTHING; END;"
	 "CREATE TRIGGER journey_feedback_ins AFTER INSERT ON feedback WHEN NEW.customer_id IS NOT NULL BEGIN"
	 "  INSERT INTO journey_dirty VALUES (NEW.customer_id) ON CONFLICT DO NOTHING; END;"
	 "CREATE TRIGGER journey_feedback_upd AFTER UPDATE OF customer_id, at, rating, sentiment, source ON feedback BEGIN"
	 "  INSERT INTO journey_dirty SELECT OLD.customer_id WHERE OLD.customer_id IS NOT NULL ON CONFLICT DO NOTHING;"
	 "  INSERT INTO journey_dirty SELECT NEW.customer_id WHERE NEW.customer_id IS NOT NULL ON CONFLICT DO NOTHING; END;"
	 "CREATE TRIGGER journey_feedback_del AFTER DELETE ON feedback WHEN OLD.customer_id IS NOT NULL BEGIN"
	 "  INSERT INTO journey_dirty VALUES (OLD.customer_id) ON CONFLICT DO NOTHING; END;"
	 /* what moves every row of a kind: a rebuild */
	 "CREATE TRIGGER journey_stages_ins AFTER INSERT ON stages BEGIN UPDATE journey_summary SET built = 0; END;"
	 "CREATE TRIGGER journey_stages_upd AFTER UPDATE ON stages BEGIN UPDATE journey_summary SET built = 0; END;"
	 "CREATE TRIGGER journey_stages_del AFTER DELETE ON stages BEGIN UPDATE journey_summary SET built = 0; END;"
	 "CREATE TRIGGER journey_channels_ins AFTER INSERT ON channels BEGIN UPDATE journey_summary SET built = 0; END;"
	 "CREATE TRIGGER journey_channels_upd AFTER UPDATE ON channels BEGIN UPDATE journey_summary SET built = 0; END;"
	 "CREATE TRIGGER journey_channels_del AFTER DELETE ON channels BEGIN UPDATE journey_summary SET built = 0; END;"
	 "CREATE TRIGGER journey_survey_stage AFTER UPDATE OF stage ON surveys WHEN OLD.stage IS NOT NEW.stage BEGIN"
	 "  UPDATE journey_summary SET built = 0; END;"
	 "CREATE TRIGGER journey_setting_ins AFTER INSERT ON settings WHEN NEW.key = 'feedback.stage' BEGIN"
	 "  UPDATE journey_summary SET built = 0; END;"
	 "CREATE TRIGGER journey_setting_upd AFTER UPDATE ON settings WHEN NEW.key = 'feedback.stage' OR OLD.key = 'feedback.stage' BEGIN"
	 "  UPDATE journey_summary SET built = 0; END;"
	 "CREATE TRIGGER journey_setting_del AFTER DELETE ON settings WHEN OLD.key = 'feedback.stage' BEGIN"
	 "  UPDATE journey_summary SET built = 0; END;"),
	/*
	 * 18 -> 19: nothing in a file. On a server (schema_pg.c) the stand-ins
	 * for SQLite's functions go: JSON and times are written and read in C,
	 * and each engine words what must differ in its own dialect.
	 */
	"",
	/* 19 -> 20: nothing in a file. On a server (schema_pg.c) cx's tables move to a schema of their own, cx. */
	"",
	/*
	 * 20 -> 21: on a server, ids come from the engine (identity columns)
	 * so that writers no longer take turns for them. A file's ids are
	 * SQLite's rowids already: nothing changes here but the number.
	 */
	"",
};

enum { NMIGRATIONS = sizeof migrations / sizeof migrations[0] };

_Static_assert(NMIGRATIONS == CX_SCHEMA_VERSION, "one migration per schema version");

int cx_schema_migrate(cx_db *db, cx_err *err)
{
	int rc;
	int64_t v;
	char sql[64];


	/*
	 * WAL must be set outside a transaction; it is a property of the file.
	 * Processes meeting a new file at once each hold a read lock while asking
	 * for the write lock this needs, and SQLite refuses all but one at once
	 * rather than calling the busy handler: wait and retry, within the busy
	 * timeout.
	 */
	if (db->version == 0) {
		for (int waited = 0;; waited += 10) {
			rc = cx_sql_exec(db, "PRAGMA journal_mode = WAL", err);
			if (rc != CX_EBUSY || waited >= db->busy_ms)
				break;
			nanosleep(&(struct timespec){ .tv_nsec = 10 * 1000 * 1000 }, NULL);
		}
		if (rc)
			return rc;
	}
	rc = cx_db_begin(db, err);
	if (rc)
		return rc;
	/* Another process may have migrated while we waited for the lock. */
	if ((rc = cx_sql_get_int(db, 0, &v, err, "PRAGMA user_version")))
		goto fail;

	if (v > CX_SCHEMA_VERSION) {
		rc = cx_fail(err, CX_EDATA, "%s was written by a newer cx (schema %d): upgrade cx", db->path,
			     (int)v);
		goto fail;
	}
	for (int i = (int)v; i < NMIGRATIONS; i++) {
		rc = cx_sql_exec(db, migrations[i], err);
		if (rc)
			goto fail;
	}
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", CX_SCHEMA_VERSION);
	rc = cx_sql_exec(db, sql, err);
	if (rc)
		goto fail;
	rc = cx_db_commit(db, err);
	if (rc == CX_OK)
		db->version = CX_SCHEMA_VERSION;
	return rc;
fail:
	cx_db_rollback(db);
	return rc;
}
