import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate } from '../../../../src-main/store/migrate';

it('matches the schema snapshot (a schema change must come with a migration and a new snapshot)', async () => {
  const db = new Database(':memory:');
  migrate(db);
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { type: string; name: string; sql: string }[];
  const text = rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql.replace(/^ {6}/gm, '')};\n`).join('\n');
  await expect(text).toMatchFileSnapshot('./__snapshots__/schema.sql');
});
