import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type QalamError } from '../../../../src-main/shared/errors';
import { migrate, userVersion, type Migration } from '../../../../src-main/store/migrate';
import { migrations } from '../../../../src-main/store/migrations';
import { contextHash, matchKey } from '../../../../src-main/tm/retrieval';

function fresh(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  return db;
}

function tables(db: Database.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}

describe('migration runner', () => {
  it('applies every step in order and records the version', () => {
    const db = fresh();
    expect(migrate(db)).toBe(migrations.length);
    expect(userVersion(db)).toBe(migrations.length);
    expect(migrate(db)).toBe(migrations.length); // idempotent
  });

  it('rolls a failing step back completely, leaving the previous version', () => {
    const db = fresh();
    const broken: Migration = {
      version: 2,
      description: 'fails halfway',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(migrate(db, [migrations[0]!])).toBe(1);
    expect(() => migrate(db, [migrations[0]!, broken])).toThrow('boom');
    expect(userVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half_done');
  });

  it('creates a new store in one transaction: a failing step leaves it empty', () => {
    const db = fresh();
    const broken: Migration = {
      version: migrations.length + 1,
      description: 'fails at the end',
      up() {
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...migrations, broken])).toThrow('boom');
    expect(userVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('gives a new store the same schema as one migrated step by step', () => {
    const schema = (db: Database.Database) =>
      db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').raw().all();
    const atOnce = fresh();
    migrate(atOnce);
    const stepwise = fresh();
    migrate(stepwise, migrations.slice(0, 1)); // no longer empty: every later step runs on its own
    migrate(stepwise);
    expect(userVersion(atOnce)).toBe(userVersion(stepwise));
    expect(schema(atOnce)).toEqual(schema(stepwise));
    expect(atOnce.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses a database from a newer schema', () => {
    const db = fresh();
    db.pragma('user_version = 999');
    try {
      migrate(db);
      expect.unreachable();
    } catch (e) {
      expect((e as QalamError).code).toBe('db_too_new');
    }
  });
});

describe('0001-initial', () => {
  const db = fresh();
  migrate(db, migrations.slice(0, 1));
  const now = '2026-01-01T00:00:00.000Z';
  const doc = db
    .prepare(
      `INSERT INTO documents (name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
       VALUES ('d', 'd.txt', 'txt', 'ar', 'en', ?, ?, ?)`,
    )
    .run('a'.repeat(64), now, now).lastInsertRowid;
  const insertPair = (status: string, position = 0) =>
    db
      .prepare(
        `INSERT INTO pairs (document_id, position, source, source_norm, status, source_words, created_at, updated_at)
         VALUES (?, ?, 'نص', 'نص', ?, 1, ?, ?)`,
      )
      .run(doc, position, status, now, now).lastInsertRowid;

  it('creates STRICT tables', () => {
    for (const t of ['documents', 'pairs', 'revisions', 'comments', 'settings']) {
      const sql = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(t) as string;
      expect(sql, t).toMatch(/\)\s*STRICT$/);
    }
  });

  it('checks statuses, roles and types', () => {
    expect(() => insertPair('finished', 1)).toThrow(/CHECK/);
    const pair = insertPair('new', 2);
    expect(() =>
      db
        .prepare(
          `INSERT INTO revisions (pair_id, kind, target, status, author, role, created_at, touched_at) VALUES (?, 'edit', '', 'new', 'a', 'boss', ?, ?)`,
        )
        .run(pair, now, now),
    ).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE pairs SET version = ? WHERE id = ?').run('three', pair)).toThrow(/cannot store TEXT/);
  });

  it('keeps positions unique per document and cascades deletes', () => {
    insertPair('new', 10);
    expect(() => insertPair('new', 10)).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM documents WHERE id = ?').run(doc);
    expect(db.prepare('SELECT count(*) FROM pairs').pluck().get()).toBe(0);
  });

  it('keeps revisions append-only except for the open edit burst', () => {
    const d2 = db
      .prepare(
        `INSERT INTO documents (name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
         VALUES ('d2', 'd.txt', 'txt', 'ar', 'en', ?, ?, ?)`,
      )
      .run('b'.repeat(64), now, now).lastInsertRowid;
    const pair = db
      .prepare(
        `INSERT INTO pairs (document_id, position, source, source_norm, source_words, created_at, updated_at) VALUES (?, 0, 's', 's', 1, ?, ?)`,
      )
      .run(d2, now, now).lastInsertRowid;
    const rev = (kind: string) =>
      db
        .prepare(
          `INSERT INTO revisions (pair_id, kind, target, status, author, role, created_at, touched_at) VALUES (?, ?, 't', 'draft', 'a', 'translator', ?, ?)`,
        )
        .run(pair, kind, now, now).lastInsertRowid;
    const confirm = rev('confirm');
    expect(() => db.prepare("UPDATE revisions SET target = 'x' WHERE id = ?").run(confirm)).toThrow(/append-only/);
    const edit = rev('edit');
    db.prepare("UPDATE revisions SET target = 'typed more', touched_at = ? WHERE id = ?").run(now, edit);
    expect(() => db.prepare("UPDATE revisions SET author = 'someone else' WHERE id = ?").run(edit)).toThrow(/append-only/);
  });
});

describe('0002-memory-and-exports', () => {
  it('adds translation memory and export snapshots without touching existing rows', () => {
    const db = fresh();
    migrate(db, migrations.slice(0, 1));
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO documents (name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
       VALUES ('kept', 'd.txt', 'txt', 'ar', 'en', ?, ?, ?)`,
    ).run('c'.repeat(64), now, now);
    migrate(db, migrations.slice(0, 2));
    expect(userVersion(db)).toBe(2);
    expect(db.prepare('SELECT name FROM documents').pluck().all()).toEqual(['kept']);
    expect(tables(db)).toEqual(expect.arrayContaining(['tm_units', 'export_snapshots']));
    const ins = db.prepare(
      `INSERT INTO tm_units (source, target, source_norm, source_lang, target_lang, origin, created_at, changed_at) VALUES (?, ?, ?, 'ar', 'en', 'x.tmx', ?, ?)`,
    );
    ins.run('مرحبا', 'Hello', 'مرحبا', now, now);
    expect(() => ins.run('مرحبا', 'Hello', 'مرحبا', now, now)).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO export_snapshots (document_id, format, created_at, pairs) VALUES (1, 'docx-bilingual', ?, 'not json')`,
        )
        .run(now),
    ).toThrow(/CHECK/);
  });
});

describe('0003-stats-covering-index', () => {
  it('answers per-status counts from the index alone', () => {
    const db = fresh();
    migrate(db, migrations.slice(0, 2));
    migrate(db, migrations.slice(0, 3));
    expect(userVersion(db)).toBe(3);
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT status, excluded, count(*), sum(source_words) FROM pairs WHERE document_id = 1 GROUP BY status, excluded`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX pairs_stats/);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'pairs_document_status'").pluck().get()).toBe(0);
  });
});

describe('0018-stats-target-words', () => {
  it('answers the included target words from the statistics index alone, the same sum as the table', () => {
    const db = fresh();
    migrate(db, migrations.slice(0, 17));
    db.exec(`INSERT INTO documents (id, name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
             VALUES (1, 'd', 'd.txt', 'txt', 'ar', 'en', '${'a'.repeat(64)}', 'now', 'now')`);
    const insert = db.prepare(
      `INSERT INTO pairs (document_id, position, source, source_norm, target, target_norm, status, excluded, source_words, target_words, created_at, updated_at)
       VALUES (1, ?, 's', 's', 't', 't', ?, ?, 1, ?, 'now', 'now')`,
    );
    for (let i = 0; i < 20; i++) insert.run(i, i % 2 ? 'translated' : 'new', i % 5 === 0 ? 1 : 0, i);
    const sum = 'SELECT coalesce(sum(target_words), 0) FROM pairs WHERE document_id = 1 AND excluded = 0';
    const before = db.prepare(sum).pluck().get();
    migrate(db, migrations.slice(0, 18));
    expect(userVersion(db)).toBe(18);
    expect(db.prepare(sum).pluck().get()).toBe(before);
    expect(before).toBe(190 - (0 + 5 + 10 + 15));
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sum}`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX pairs_stats/);
  });
});

describe('0004-document-skeletons', () => {
  it('rebuilds documents for HTML without losing or cascading a row, and keeps skeletons and origins', () => {
    const db = fresh();
    migrate(db, migrations.slice(0, 3));
    const now = '2026-01-01T00:00:00.000Z';
    const doc = db
      .prepare(
        `INSERT INTO documents (name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
         VALUES ('kept', 'd.docx', 'docx', 'ar', 'en', ?, ?, ?)`,
      )
      .run('d'.repeat(64), now, now).lastInsertRowid;
    db.prepare(
      `INSERT INTO pairs (document_id, position, source, source_norm, source_words, created_at, updated_at)
       VALUES (?, 0, 'نص', 'نص', 1, ?, ?)`,
    ).run(doc, now, now);
    migrate(db, migrations.slice(0, 4));
    expect(userVersion(db)).toBe(4);
    // Dropping the old documents table must not have cascaded into pairs.
    expect(db.prepare('SELECT count(*) FROM pairs').pluck().get()).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const insertDoc = (format: string) =>
      db
        .prepare(
          `INSERT INTO documents (name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
           VALUES ('p', 'p', ?, 'ar', 'en', ?, ?, ?)`,
        )
        .run(format, 'e'.repeat(64), now, now).lastInsertRowid;
    expect(() => insertDoc('pdf')).toThrow(/CHECK/);
    const html = insertDoc('html');
    db.prepare('INSERT INTO document_skeletons (document_id, bytes) VALUES (?, ?)').run(html, Buffer.from('<p>x</p>'));
    expect(() =>
      db.prepare('INSERT INTO document_skeletons (document_id, bytes) VALUES (?, ?)').run(999, Buffer.from('x')),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE pairs SET origin = 'margin'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE pairs SET origin = 'footnote'").run();
    // The rebuilt table is still the parent of pairs and skeletons: deleting cascades.
    db.prepare('DELETE FROM documents').run();
    expect(db.prepare('SELECT count(*) FROM pairs').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM document_skeletons').pluck().get()).toBe(0);
  });
});

describe('memory units (translation memory from confirmed pairs)', () => {
  // Found by intent, not number: the step is renumbered if another lands first.
  const at = migrations.findIndex((m) => m.description.startsWith('translation memory from confirmed pairs'));

  it('keeps every TMX unit and mirrors every confirmed or approved pair, with its neighbours as context', () => {
    const db = fresh();
    migrate(db, migrations.slice(0, at));
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO tm_units (source, target, source_norm, source_lang, target_lang, origin, author, created_at, changed_at)
       VALUES ('مرحبا', 'Hello', 'مرحبا', 'ar', 'en', 'old.tmx#0123456789ab', 'x', ?, ?)`,
    ).run(now, now);
    db.prepare(
      `INSERT INTO documents (id, name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
       VALUES (1, 'Doc', 'd.txt', 'txt', 'ar', 'en', ?, ?, ?)`,
    ).run('a'.repeat(64), now, now);
    const pair = db.prepare(
      `INSERT INTO pairs (document_id, position, source, target, source_norm, target_norm, status, excluded, source_words, created_at, updated_at, updated_by)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'Tariq')`,
    );
    pair.run(0, 'أول', 'First', 'اول', 'first', 'approved', 0, now, now);
    pair.run(1, 'ثان', 'Second', 'ثان', 'second', 'translated', 0, now, now);
    pair.run(2, 'ثالث', 'Third', 'ثالث', 'third', 'draft', 0, now, now);
    pair.run(3, 'رابع', 'Fourth', 'رابع', 'fourth', 'approved', 1, now, now);
    migrate(db, migrations.slice(0, at + 1));
    const rows = db
      .prepare(
        'SELECT source, target, target_norm, status, origin, origin_name, pair_id, document_id, context_hash FROM tm_units ORDER BY id',
      )
      .all() as Record<string, unknown>[];
    expect(rows.map((r) => [r.source, r.status, r.origin, r.origin_name, r.pair_id, r.document_id])).toEqual([
      ['مرحبا', 'imported', 'tmx', 'old.tmx', null, null],
      ['أول', 'approved', 'document', 'Doc', 1, 1],
      ['ثان', 'translated', 'document', 'Doc', 2, 1],
    ]);
    expect(rows[0]!.target_norm).toBe('hello');
    expect(rows[1]!.context_hash).toBe(contextHash('', 'ثان'));
    expect(rows[2]!.context_hash).toBe(contextHash('اول', 'ثالث'));
    // Two documents may now hold the same pair, each with its own unit; deleting a document keeps its units.
    db.prepare('DELETE FROM documents WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM tm_units WHERE pair_id IS NULL AND document_id = 1').pluck().get()).toBe(2);
  });
});

describe('0006-revision-batches', () => {
  it('adds batches and batch/origin/score to existing revisions, which keep their rows', () => {
    const db = fresh();
    migrate(db, migrations.slice(0, 5));
    const now = '2026-01-01T00:00:00.000Z';
    const doc = db
      .prepare(
        `INSERT INTO documents (name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
         VALUES ('d', 'd.txt', 'txt', 'ar', 'en', ?, ?, ?)`,
      )
      .run('d'.repeat(64), now, now).lastInsertRowid;
    const pair = db
      .prepare(
        `INSERT INTO pairs (document_id, position, source, source_norm, source_words, created_at, updated_at) VALUES (?, 0, 's', 's', 1, ?, ?)`,
      )
      .run(doc, now, now).lastInsertRowid;
    db.prepare(
      `INSERT INTO revisions (pair_id, kind, target, status, author, role, created_at, touched_at) VALUES (?, 'import', '', 'new', 'a', 'translator', ?, ?)`,
    ).run(pair, now, now);
    migrate(db, migrations.slice(0, 6));
    expect(userVersion(db)).toBe(6);
    expect(db.prepare('SELECT kind, batch_id, origin, score FROM revisions').all()).toEqual([
      { kind: 'import', batch_id: null, origin: null, score: null },
    ]);
    const batch = db
      .prepare(`INSERT INTO batches (document_id, origin, author, role, created_at) VALUES (?, 'tm', 'a', 'translator', ?)`)
      .run(doc, now).lastInsertRowid;
    const rev = db.prepare(
      `INSERT INTO revisions (pair_id, kind, target, status, author, role, created_at, touched_at, batch_id, origin, score)
       VALUES (?, 'replace', 't', 'draft', 'a', 'translator', ?, ?, ?, 'tm', ?)`,
    );
    rev.run(pair, now, now, batch, 87.5);
    expect(() => rev.run(pair, now, now, batch, 101)).toThrow(/CHECK/);
    expect(() => rev.run(pair, now, now, 999, null)).toThrow(/FOREIGN KEY/);
    // Deleting the document takes its batches and their revisions with it.
    db.prepare('DELETE FROM documents WHERE id = ?').run(doc);
    expect(db.prepare('SELECT count(*) FROM batches').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM revisions').pluck().get()).toBe(0);
  });
});

describe('inline codes migration', () => {
  it('adds NULL code columns to existing pairs and revisions, and checks the JSON', () => {
    const db = fresh();
    const step = migrations.findIndex((m) => m.description.startsWith('inline codes'));
    expect(step).toBeGreaterThan(0);
    migrate(db, migrations.slice(0, step));
    const now = '2026-01-01T00:00:00.000Z';
    const doc = db
      .prepare(
        `INSERT INTO documents (name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
         VALUES ('old', 'd.txt', 'txt', 'ar', 'en', ?, ?, ?)`,
      )
      .run('d'.repeat(64), now, now).lastInsertRowid;
    const pair = db
      .prepare(
        `INSERT INTO pairs (document_id, position, source, source_norm, source_words, created_at, updated_at) VALUES (?, 0, 's', 's', 1, ?, ?)`,
      )
      .run(doc, now, now).lastInsertRowid;
    migrate(db, migrations.slice(0, step + 1));
    expect(db.prepare('SELECT source, source_codes, target_codes FROM pairs').get()).toEqual({
      source: 's',
      source_codes: null,
      target_codes: null,
    });
    expect(() => db.prepare(`UPDATE pairs SET target_codes = 'not json' WHERE id = ?`).run(pair)).toThrow(/CHECK/);
    db.prepare(`UPDATE pairs SET source_codes = '[]' WHERE id = ?`).run(pair);
    expect(db.prepare('SELECT target_codes FROM revisions').all()).toEqual([]);
  });
});

describe('glossaries migration', () => {
  it('gives existing documents the shared glossary, allows one shared glossary, and checks terms', () => {
    const db = fresh();
    const step = migrations.findIndex((m) => m.description.startsWith('glossaries'));
    expect(step).toBeGreaterThan(0);
    migrate(db, migrations.slice(0, step));
    const now = '2026-01-01T00:00:00.000Z';
    const doc = db
      .prepare(
        `INSERT INTO documents (name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
         VALUES ('old', 'd.txt', 'txt', 'ar', 'en', ?, ?, ?)`,
      )
      .run('d'.repeat(64), now, now).lastInsertRowid;
    migrate(db, migrations.slice(0, step + 1));
    expect(db.prepare('SELECT glossary_scope FROM documents').pluck().get()).toBe('shared');
    const add = db.prepare('INSERT INTO glossaries (document_id, created_at) VALUES (?, ?)');
    const shared = add.run(null, now).lastInsertRowid;
    expect(() => add.run(null, now)).toThrow(/UNIQUE/);
    add.run(doc, now);
    expect(() => add.run(doc, now)).toThrow(/UNIQUE/);
    const term = db.prepare(
      `INSERT INTO glossary_terms (glossary_id, source, source_norm, target, forbidden, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, '', ?, ?)`,
    );
    term.run(shared, 'السلام', 'السلام', 'peace', 0, now, now);
    expect(() => term.run(shared, ' ', ' ', 'peace', 0, now, now)).toThrow(/CHECK/);
    expect(() => term.run(shared, 'السلام', 'السلام', 'peace', 2, now, now)).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE documents SET glossary_scope = 'other'`).run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM documents WHERE id = ?').run(doc);
    expect(db.prepare('SELECT count(*) FROM glossaries').pluck().get()).toBe(1);
  });
});

describe('QA summary migration', () => {
  it('leaves every existing pair unjudged and accepts only the three states', () => {
    const db = fresh();
    const step = migrations.findIndex((m) => m.description.startsWith('a stored QA summary'));
    expect(step).toBeGreaterThan(0);
    migrate(db, migrations.slice(0, step));
    const now = '2026-01-01T00:00:00.000Z';
    const doc = db
      .prepare(
        `INSERT INTO documents (name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
         VALUES ('old', 'd.txt', 'txt', 'ar', 'en', ?, ?, ?)`,
      )
      .run('e'.repeat(64), now, now).lastInsertRowid;
    const pair = db
      .prepare(
        `INSERT INTO pairs (document_id, position, source, source_norm, source_words, created_at, updated_at) VALUES (?, 0, 's', 's', 1, ?, ?)`,
      )
      .run(doc, now, now).lastInsertRowid;
    migrate(db, migrations.slice(0, step + 1));
    expect(db.prepare('SELECT qa_state FROM pairs').pluck().get()).toBeNull();
    db.prepare('UPDATE pairs SET qa_state = 2 WHERE id = ?').run(pair);
    expect(() => db.prepare('UPDATE pairs SET qa_state = 3 WHERE id = ?').run(pair)).toThrow(/CHECK/);
  });
});

describe('0014-memory-match-key', () => {
  it('keys the units already stored by what a 100% match compares, and indexes the key', () => {
    const db = fresh();
    migrate(db, migrations.slice(0, 13));
    const now = '2026-01-01T00:00:00.000Z';
    const ins = db.prepare(
      `INSERT INTO tm_units (source, target, source_norm, target_norm, source_lang, target_lang, status, origin, origin_name, created_at, changed_at)
       VALUES (?, ?, ?, '', 'ar', 'en', 'imported', 'tmx', 'old.tmx', ?, ?)`,
    );
    ins.run('دفع 1,000 دينار.', 'Paid 1,000 dinars.', 'دفع 1,000 دينار.', now, now);
    ins.run('دفع 1000 دينار .', 'Paid 1000 dinars.', 'دفع 1000 دينار .', now, now);
    ins.run('دفع 2000 دينار.', 'Paid 2000 dinars.', 'دفع 2000 دينار.', now, now);
    migrate(db, migrations.slice(0, 14));
    const keys = db.prepare('SELECT match_key FROM tm_units ORDER BY id').pluck().all() as number[];
    expect(keys).toEqual(['دفع 1,000 دينار.', 'دفع 1000 دينار .', 'دفع 2000 دينار.'].map(matchKey));
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM tm_units WHERE match_key = ?').all(1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/INDEX tm_units_match_key/);
  });
});
