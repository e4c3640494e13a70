import type { Migration } from '../migrate';

export const m0007: Migration = {
  version: 7,
  description: 'inline codes beside the clean text of sources, targets and revisions',
  up(db) {
    db.exec(`
      -- JSON arrays of InlineCode (shared/inline.ts), NULL when a text has none: every existing row, and
      -- most plain-text imports, cost nothing. The text columns stay clean so search, counts and memory
      -- never see markup.
      ALTER TABLE pairs ADD COLUMN source_codes TEXT CHECK (source_codes IS NULL OR json_valid(source_codes));
      ALTER TABLE pairs ADD COLUMN target_codes TEXT CHECK (target_codes IS NULL OR json_valid(target_codes));
      ALTER TABLE revisions ADD COLUMN target_codes TEXT CHECK (target_codes IS NULL OR json_valid(target_codes));

    `);
  },
};
