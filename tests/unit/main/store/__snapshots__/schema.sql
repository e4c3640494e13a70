-- index batches_document
CREATE INDEX batches_document ON batches (document_id, id);

-- index comments_pair
CREATE INDEX comments_pair ON comments (pair_id, resolved);

-- index documents_content_hash
CREATE INDEX documents_content_hash ON documents (content_hash);

-- index export_snapshots_document
CREATE INDEX export_snapshots_document ON export_snapshots (document_id, id);

-- index glossaries_one_shared
CREATE UNIQUE INDEX glossaries_one_shared ON glossaries ((document_id IS NULL)) WHERE document_id IS NULL;

-- index glossary_terms_by_source
CREATE INDEX glossary_terms_by_source ON glossary_terms (glossary_id, source_norm);

-- index pairs_qa_issues
CREATE INDEX pairs_qa_issues ON pairs (document_id, position, qa_state) WHERE qa_state > 0;

-- index pairs_qa_unjudged
CREATE INDEX pairs_qa_unjudged ON pairs (document_id) WHERE qa_state IS NULL;

-- index pairs_stats
CREATE INDEX pairs_stats ON pairs (document_id, status, excluded, position, source_words, target_words);

-- index qa_ignore_log_pair
CREATE INDEX qa_ignore_log_pair ON qa_ignore_log (pair_id, id);

-- index revisions_batch
CREATE INDEX revisions_batch ON revisions (batch_id, pair_id) WHERE batch_id IS NOT NULL;

-- index revisions_pair
CREATE INDEX revisions_pair ON revisions (pair_id, id);

-- index tm_units_document
CREATE INDEX tm_units_document ON tm_units (document_id) WHERE document_id IS NOT NULL;

-- index tm_units_match_key
CREATE INDEX tm_units_match_key ON tm_units (match_key);

-- index tm_units_source_norm
CREATE INDEX tm_units_source_norm ON tm_units (source_norm);

-- table batches
CREATE TABLE batches (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  origin TEXT NOT NULL CHECK (length(origin) > 0),
  author TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('translator','editor')),
  note TEXT,
  created_at TEXT NOT NULL
) STRICT;

-- table comments
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  pair_id INTEGER NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  parent_id INTEGER REFERENCES comments (id) ON DELETE CASCADE,
  kind TEXT NOT NULL DEFAULT 'comment' CHECK (kind IN ('comment','rejection','reopen')),
  author TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('translator','editor')),
  body TEXT NOT NULL CHECK (length(body) > 0),
  category TEXT CHECK (category IS NULL OR category IN ('accuracy','fluency','terminology','style','locale','other')),
  severity TEXT CHECK (severity IS NULL OR severity IN ('minor','major','critical')),
  resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
  resolved_by TEXT,
  resolved_at TEXT,
  created_at TEXT NOT NULL
) STRICT;

-- table document_skeletons
CREATE TABLE document_skeletons (
  document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  bytes BLOB NOT NULL CHECK (length(bytes) > 0)
) STRICT;

-- table documents
CREATE TABLE "documents" (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  file_name TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('txt','docx','xliff12','xliff20','tmx','csv','html')),
  encoding TEXT,
  source_lang TEXT NOT NULL,
  target_lang TEXT NOT NULL,
  content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  opened_at TEXT
, qa_disabled TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(qa_disabled)), glossary_scope TEXT NOT NULL DEFAULT 'shared' CHECK (glossary_scope IN ('shared', 'document')), qa_judged_with TEXT NOT NULL DEFAULT '', mt_allowed INTEGER NOT NULL DEFAULT 0 CHECK (mt_allowed IN (0, 1)), imported_by TEXT, imported_role TEXT CHECK (imported_role IS NULL OR imported_role IN ('translator','editor'))) STRICT;

-- table export_snapshot_pairs
CREATE TABLE export_snapshot_pairs (
  snapshot_id INTEGER NOT NULL REFERENCES export_snapshots (id) ON DELETE CASCADE,
  pair_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  target TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, pair_id)
) STRICT, WITHOUT ROWID;

-- table export_snapshots
CREATE TABLE "export_snapshots" (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  format TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- table glossaries
CREATE TABLE glossaries (
  id INTEGER PRIMARY KEY,
  document_id INTEGER UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
  version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
  created_at TEXT NOT NULL
) STRICT;

-- table glossary_terms
CREATE TABLE glossary_terms (
  id INTEGER PRIMARY KEY,
  glossary_id INTEGER NOT NULL REFERENCES glossaries (id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (length(trim(source)) > 0),
  source_norm TEXT NOT NULL,
  target TEXT NOT NULL CHECK (length(trim(target)) > 0),
  note TEXT NOT NULL DEFAULT '',
  forbidden INTEGER NOT NULL DEFAULT 0 CHECK (forbidden IN (0, 1)),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- table mt_cache
CREATE TABLE mt_cache (
  engine TEXT NOT NULL CHECK (length(engine) > 0),
  source_hash TEXT NOT NULL CHECK (length(source_hash) = 64),
  target TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (engine, source_hash)
) STRICT, WITHOUT ROWID;

-- table pairs
CREATE TABLE pairs (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  source TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  source_norm TEXT NOT NULL,
  target_norm TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','draft','translated','approved','rejected')),
  excluded INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
  source_words INTEGER NOT NULL CHECK (source_words >= 0),
  target_words INTEGER NOT NULL DEFAULT 0 CHECK (target_words >= 0),
  rejection_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT, origin TEXT
  CHECK (origin IS NULL OR origin IN ('header','footer','footnote','endnote','textbox','comment','title')), source_codes TEXT CHECK (source_codes IS NULL OR json_valid(source_codes)), target_codes TEXT CHECK (target_codes IS NULL OR json_valid(target_codes)), qa_state INTEGER CHECK (qa_state IS NULL OR qa_state IN (0, 1, 2)),
  UNIQUE (document_id, position)
) STRICT;

-- table pairs_search
CREATE VIRTUAL TABLE pairs_search USING fts5 (
  source_norm, target_norm,
  content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1'
);

-- table pairs_search_config
CREATE TABLE 'pairs_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table pairs_search_data
CREATE TABLE 'pairs_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table pairs_search_docsize
CREATE TABLE 'pairs_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);

-- table pairs_search_idx
CREATE TABLE 'pairs_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table qa_ignore_log
CREATE TABLE qa_ignore_log (
  id INTEGER PRIMARY KEY,
  pair_id INTEGER NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  check_id TEXT NOT NULL CHECK (length(check_id) > 0),
  action TEXT NOT NULL CHECK (action IN ('ignore','unignore')),
  target_hash TEXT NOT NULL,
  author TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('translator','editor')),
  created_at TEXT NOT NULL
) STRICT;

-- table qa_ignores
CREATE TABLE qa_ignores (
  pair_id INTEGER NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  check_id TEXT NOT NULL CHECK (length(check_id) > 0),
  target_hash TEXT NOT NULL,
  author TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('translator','editor')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (pair_id, check_id)
) STRICT;

-- table qa_source_facts
CREATE TABLE qa_source_facts (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  facts BLOB NOT NULL,
  terms_key TEXT,
  terms BLOB
);

-- table revisions
CREATE TABLE revisions (
  id INTEGER PRIMARY KEY,
  pair_id INTEGER NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('import','edit','confirm','approve','reject','reopen','replace','restore','exclude','include')),
  target TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('new','draft','translated','approved','rejected')),
  author TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('translator','editor')),
  note TEXT,
  created_at TEXT NOT NULL,
  touched_at TEXT NOT NULL
, batch_id INTEGER REFERENCES batches (id) ON DELETE CASCADE, origin TEXT, score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 100)), target_codes TEXT CHECK (target_codes IS NULL OR json_valid(target_codes))) STRICT;

-- table search_indexed
CREATE TABLE search_indexed (
  document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE
) STRICT;

-- table settings
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

-- table tm_units
CREATE TABLE "tm_units" (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL CHECK (length(source) > 0),
  target TEXT NOT NULL CHECK (length(target) > 0),
  source_norm TEXT NOT NULL,
  target_norm TEXT NOT NULL,
  source_lang TEXT NOT NULL,
  target_lang TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('imported','translated','approved')),
  -- 'tmx' for imported files (the file name is in origin_name), 'document' for confirmed pairs.
  origin TEXT NOT NULL CHECK (origin IN ('tmx','document')),
  origin_name TEXT NOT NULL,
  -- The pair a unit mirrors; NULL for TMX units and once the pair's document is deleted (the
  -- unit stays in the memory until the user removes it).
  pair_id INTEGER UNIQUE REFERENCES pairs (id) ON DELETE SET NULL,
  -- Kept without a foreign key so a deleted document's units can still be found and removed.
  document_id INTEGER,
  -- Hash of the folded sources before and after (tm/retrieval.ts contextHash); NULL when unknown.
  context_hash INTEGER,
  author TEXT,
  created_at TEXT NOT NULL,
  changed_at TEXT NOT NULL
, match_key INTEGER) STRICT;

-- table user_words
CREATE TABLE user_words (
  word TEXT PRIMARY KEY CHECK (length(word) > 0),
  added_at TEXT NOT NULL
) STRICT;

-- trigger pairs_search_delete
CREATE TRIGGER pairs_search_delete AFTER DELETE ON pairs
BEGIN
  DELETE FROM pairs_search WHERE rowid = OLD.id;
END;

-- trigger pairs_search_insert
CREATE TRIGGER pairs_search_insert AFTER INSERT ON pairs
WHEN EXISTS (SELECT 1 FROM search_indexed WHERE document_id = NEW.document_id)
BEGIN
  INSERT INTO pairs_search (rowid, source_norm, target_norm) VALUES (NEW.id, NEW.source_norm, NEW.target_norm);
END;

-- trigger pairs_search_update
CREATE TRIGGER pairs_search_update AFTER UPDATE OF source_norm, target_norm ON pairs
WHEN (OLD.source_norm <> NEW.source_norm OR OLD.target_norm <> NEW.target_norm)
  AND EXISTS (SELECT 1 FROM search_indexed WHERE document_id = NEW.document_id)
BEGIN
  DELETE FROM pairs_search WHERE rowid = OLD.id;
  INSERT INTO pairs_search (rowid, source_norm, target_norm) VALUES (NEW.id, NEW.source_norm, NEW.target_norm);
END;

-- trigger qa_ignore_log_no_update
CREATE TRIGGER qa_ignore_log_no_update BEFORE UPDATE ON qa_ignore_log
BEGIN SELECT RAISE(ABORT, 'qa_ignore_log is append-only'); END;

-- trigger qa_source_facts_stale
CREATE TRIGGER qa_source_facts_stale AFTER UPDATE OF source, source_norm ON pairs
  WHEN OLD.source IS NOT NEW.source OR (OLD.source_norm <> '' AND OLD.source_norm IS NOT NEW.source_norm)
BEGIN
  DELETE FROM qa_source_facts WHERE document_id = NEW.document_id;
END;

-- trigger revisions_append_only
CREATE TRIGGER revisions_append_only BEFORE UPDATE ON revisions
WHEN OLD.kind <> 'edit' OR NEW.kind <> 'edit' OR NEW.pair_id <> OLD.pair_id
  OR NEW.author <> OLD.author OR NEW.role <> OLD.role OR NEW.created_at <> OLD.created_at
BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
