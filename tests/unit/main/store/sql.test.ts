import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src-main/store/connection';
import { filterWhere } from '../../../../src-main/store/repos/pairs';
import { buildSearchIndex } from '../../../../src-main/store/repos/search';
import { all, get, sql, value, values } from '../../../../src-main/store/sql';

describe('the sql tag', () => {
  it('turns values into placeholders and keeps their parameters in order', () => {
    const q = sql`SELECT * FROM pairs WHERE document_id = ${7} AND status = ${'draft'}`;
    expect(q.text).toBe('SELECT * FROM pairs WHERE document_id = ? AND status = ?');
    expect(q.params).toEqual([7, 'draft']);
  });

  it('splices fragments with their own parameters where they stand', () => {
    const cond = sql`status = ${'new'}`;
    const q = sql`SELECT id FROM pairs WHERE document_id = ${1} AND ${cond} LIMIT ${10}`;
    expect(q.text).toBe('SELECT id FROM pairs WHERE document_id = ? AND status = ? LIMIT ?');
    expect(q.params).toEqual([1, 'new', 10]);
  });

  it('joins fragments and lists values', () => {
    const joined = sql.join([sql`a = ${1}`, sql`b IN (${sql.list(['x', 'y'])})`, sql`c = 0`], sql` AND `);
    expect(joined.text).toBe('a = ? AND b IN (?, ?) AND c = 0');
    expect(joined.params).toEqual([1, 'x', 'y']);
    expect(sql.join([], sql` AND `).text).toBe('');
  });

  it('never splices a string into the text, whatever it contains', () => {
    const hostile = "x'); DROP TABLE pairs; --";
    const q = sql`SELECT ${hostile}`;
    expect(q.text).toBe('SELECT ?');
    expect(q.params).toEqual([hostile]);
  });
});

describe('running queries built with it', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT) STRICT; INSERT INTO t (name) VALUES ('a'), ('b'), ('c');`);

  it('reads rows, single values and columns, and pluck mode never sticks to the cached statement', () => {
    const q = sql`SELECT name FROM t WHERE id = ${2}`;
    expect(value<string>(db, q)).toBe('b');
    expect(get(db, q)).toEqual({ name: 'b' });
    expect(all(db, sql`SELECT name FROM t WHERE id > ${1} ORDER BY id`)).toEqual([{ name: 'b' }, { name: 'c' }]);
    expect(values<string>(db, sql`SELECT name FROM t WHERE id IN (${sql.list([1, 3])}) ORDER BY id`)).toEqual(['a', 'c']);
  });

  it('builds the pair filter as one fragment: text search is a parameter, not SQL', () => {
    const w = filterWhere(
      db,
      3,
      {
        statuses: ['new', 'draft'],
        excluded: 'exclude',
        text: "it's",
        textIn: 'both',
        openComments: true,
      },
      true,
    );
    expect(w.text).toBe(
      "p.document_id = ? AND p.status IN (?, ?) AND p.excluded = 0 AND (instr(iif(p.source_norm = '', qalam_fold(p.source), p.source_norm), ?) > 0 OR instr(p.target_norm, ?) > 0)" +
        ' AND EXISTS (SELECT 1 FROM comments c WHERE c.pair_id = p.id AND c.parent_id IS NULL AND c.resolved = 0)',
    );
    expect(w.params).toEqual([3, 'new', 'draft', "it's", "it's"]);
    expect(filterWhere(db, 3, undefined)).toMatchObject({ text: 'p.document_id = ?', params: [3] });
  });

  it('asks the trigram index for a query of three characters or more once the document is indexed', () => {
    const store = openDatabase(':memory:');
    store.exec(`INSERT INTO documents (id, name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
      VALUES (3, 'd', 'd.txt', 'txt', 'ar', 'en', '${'0'.repeat(64)}', 'now', 'now')`);
    const scanned = filterWhere(store, 3, { text: 'say "hi"', textIn: 'source' });
    // The source as folded (store/folded.ts): folded on the fly while its fold is pending.
    expect(scanned.text).toBe("p.document_id = ? AND instr(iif(p.source_norm = '', qalam_fold(p.source), p.source_norm), ?) > 0");
    buildSearchIndex(store, 3);
    const indexed = filterWhere(store, 3, { text: 'say "hi"', textIn: 'source' });
    expect(indexed.text).toBe(
      'p.document_id = ? AND p.id IN (SELECT rowid FROM pairs_search WHERE pairs_search MATCH ? AND rowid BETWEEN ? AND ?)',
    );
    // The document's rowid range (repos/search.ts): empty here, as the document has no pairs.
    expect(indexed.params).toEqual([3, 'source_norm : "say ""hi"""', 1, 0]);
    expect(filterWhere(store, 3, { text: 'ab' }).text).toContain('instr(');
    expect(filterWhere(store, 3, { text: 'say' }, true).text).toContain('instr(');
  });
});
