import type { Migration } from '../migrate';
import { matchKey } from '../../tm/retrieval';

export const m0014: Migration = {
  version: 14,
  description: 'memory units keyed by what a 100% match compares, so exact matches never need fuzzy retrieval',
  up(db) {
    db.exec(`
      -- tm/retrieval.ts matchKey of source_norm: equal for two sources exactly when they score 100
      -- against each other (also when their folded texts differ in spacing around punctuation or in
      -- how a number is written). Pre-translation and analysis find 100% matches through it.
      ALTER TABLE tm_units ADD COLUMN match_key INTEGER;
    `);
    const read = db.prepare('SELECT id, source_norm FROM tm_units');
    const write = db.prepare('UPDATE tm_units SET match_key = ? WHERE id = ?');
    for (const r of read.all() as { id: number; source_norm: string }[]) write.run(matchKey(r.source_norm), r.id);
    db.exec('CREATE INDEX tm_units_match_key ON tm_units (match_key)');
  },
};
