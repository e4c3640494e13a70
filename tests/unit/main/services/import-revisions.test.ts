// An import writes no revision rows (migration 0017): a pair never changed is as imported, and its
// 'import' revision is written just before its first change. History and undo must read what they
// read when the import wrote a revision per pair.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Revision } from '../../../../src-main/shared/domain';
import { importDocument, storeImported } from '../../../../src-main/services/documents';
import { listHistory, restore, undoBatch } from '../../../../src-main/services/history';
import { actor } from '../../../../src-main/services/context';
import { applyChange, batchTransaction } from '../../../../src-main/services/pair-writes';
import { getPair, listPairs, setStatus, updateTarget } from '../../../../src-main/services/pairs';
import { as, testRuntime, type TestRuntime } from '../helpers';

let rt: TestRuntime;
beforeEach(() => {
  rt = testRuntime();
  as(rt, 'translator', 'Imad Importer');
});
afterEach(() => rt.dispose());

const stored = (documentId: number) =>
  rt.db
    .prepare('SELECT count(*) FROM revisions r JOIN pairs p ON p.id = r.pair_id WHERE p.document_id = ?')
    .pluck()
    .get(documentId) as number;
const shape = (r: Revision) => [r.kind, r.target, r.status, r.author, r.role, r.createdAt];

/** A bilingual file: one pair imported with its translation, one without. */
function importBilingual(): number {
  return storeImported(
    rt.ctx,
    {
      format: 'xliff12',
      sourceLang: 'ar',
      targetLang: 'en',
      warnings: [],
      paragraphs: [{ source: 'قالت المتحدثة', target: 'The spokeswoman said', status: 'translated' }, { source: 'وذكرت الشبكة' }],
    },
    { fileName: 'doc.xlf', hash: 'e'.repeat(64) },
    () => {},
  );
}

describe('implicit import revisions', () => {
  it('an import stores no revision rows, and history shows each pair as imported, by whom and when', async () => {
    const doc = await importDocument(rt.ctx, {
      fileName: 'a.txt',
      bytes: new TextEncoder().encode('السطر الأول\nالسطر الثاني'),
    });
    const bilingual = importBilingual();
    expect(stored(doc.id)).toBe(0);
    expect(stored(bilingual)).toBe(0);
    const [first] = listPairs(rt.ctx, doc.id, 0, 1).items;
    expect(listHistory(rt.ctx, first!.id).map(shape)).toEqual([
      ['import', '', 'new', 'Imad Importer', 'translator', doc.createdAt],
    ]);
    const translated = listPairs(rt.ctx, bilingual, 0, 1).items[0]!;
    expect(listHistory(rt.ctx, translated.id).map((r) => [r.kind, r.target, r.status, r.author])).toEqual([
      ['import', 'The spokeswoman said', 'translated', 'Imad Importer'],
    ]);
  });

  it("the first change writes the import revision first, with the importer's name and role and the imported text", () => {
    const documentId = importBilingual();
    const pair = listPairs(rt.ctx, documentId, 0, 1).items[0]!;
    as(rt, 'editor', 'Eda Editor');
    const edited = updateTarget(rt.ctx, { pairId: pair.id, target: 'The spokeswoman stated', expectedVersion: pair.version });
    setStatus(rt.ctx, { pairId: pair.id, action: 'approve', expectedVersion: edited.version });
    const history = listHistory(rt.ctx, pair.id);
    expect(history.map((r) => [r.kind, r.target, r.status, r.author, r.role])).toEqual([
      ['import', 'The spokeswoman said', 'translated', 'Imad Importer', 'translator'],
      ['edit', 'The spokeswoman stated', 'draft', 'Eda Editor', 'editor'],
      ['approve', 'The spokeswoman stated', 'approved', 'Eda Editor', 'editor'],
    ]);
    expect(history[0]!.id).toBeGreaterThan(0);
    expect(stored(documentId)).toBe(3);
  });

  it('undoing a batch that first changed a pair puts back the imported text and status', () => {
    const documentId = importBilingual();
    const pairs = listPairs(rt.ctx, documentId, 0, 10).items;
    const who = actor(rt.ctx);
    const batchId = batchTransaction(rt.ctx, { documentId, origin: 'pretranslate', who }, (id) => {
      for (const p of pairs) {
        applyChange(rt.ctx, p, { target: `TM: ${p.source}`, status: 'draft' }, who, {
          kind: 'replace',
          origin: 'tm',
          score: 100,
        });
      }
      return id;
    });
    const result = undoBatch(rt.ctx, batchId);
    expect(result.refused).toEqual([]);
    expect(result.restored).toEqual(pairs.map((p) => p.id));
    expect(pairs.map((p) => getPair(rt.ctx, p.id)).map((p) => [p.target, p.status])).toEqual([
      ['The spokeswoman said', 'translated'],
      ['', 'new'],
    ]);
    // Restoring by hand to the import revision works as it did.
    const second = getPair(rt.ctx, pairs[1]!.id);
    const redo = updateTarget(rt.ctx, { pairId: second.id, target: 'A draft', expectedVersion: second.version });
    const importRev = listHistory(rt.ctx, second.id)[0]!;
    expect(importRev.kind).toBe('import');
    expect(restore(rt.ctx, { pairId: second.id, revisionId: importRev.id, expectedVersion: redo.version }).target).toBe('');
  });

  it('a document imported before keeps its stored import revisions, and gets no second one', () => {
    const documentId = importBilingual();
    // As migration 0017 finds a document imported earlier: no importer recorded, a revision per pair.
    rt.db.prepare('UPDATE documents SET imported_by = NULL, imported_role = NULL WHERE id = ?').run(documentId);
    rt.db
      .prepare(
        `INSERT INTO revisions (pair_id, kind, target, target_codes, status, author, role, note, created_at, touched_at)
         SELECT id, 'import', target, target_codes, status, 'Old Importer', 'editor', NULL, created_at, created_at FROM pairs WHERE document_id = ?`,
      )
      .run(documentId);
    const pair = listPairs(rt.ctx, documentId, 0, 1).items[0]!;
    updateTarget(rt.ctx, { pairId: pair.id, target: 'Changed', expectedVersion: pair.version });
    expect(listHistory(rt.ctx, pair.id).map((r) => [r.kind, r.author])).toEqual([
      ['import', 'Old Importer'],
      ['edit', 'Imad Importer'],
    ]);
  });
});
