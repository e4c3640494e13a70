// The "has QA issues" filter's index (its own file: the shared migrate.test.ts is a merge hot spot).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/store/migrate';
import { migrations } from '../../../../src-main/store/migrations';
import { filterWhere } from '../../../../src-main/store/repos/pairs';

describe('qa issues index migration', () => {
  it("serves the filter's count and page from the index, not a scan of the document's rows", () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const where = filterWhere(db, 1, { qaIssues: true });
    const plan = (query: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...where.params) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan(`SELECT count(*) FROM pairs p WHERE ${where.text}`)).toMatch(/USING COVERING INDEX pairs_qa_issues/);
    expect(plan(`SELECT p.id FROM pairs p WHERE ${where.text} ORDER BY p.position LIMIT 50`)).toMatch(/INDEX pairs_qa_issues/);
  });
});
