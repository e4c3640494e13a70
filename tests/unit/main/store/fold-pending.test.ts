// A plain-text import leaves its folded sources pending (store/folded.ts): pairs.source_norm is ''
// until the job after the import writes them. Every family of readers of the folded source (TM
// lookup, context and analysis, QA, search by scan and by index, a read-only connection) must
// answer while the folds are pending exactly what it answers once they are written.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importDocument, indexForSearch, queueSearchIndexSoon } from '../../../../src-main/services/documents';
import { documentQa } from '../../../../src-main/services/qa';
import { getPair, listPairs, setStatus, updateTarget } from '../../../../src-main/services/pairs';
import { analyze, lookup, repetitions } from '../../../../src-main/services/tm';
import { closeDatabase, openDatabase } from '../../../../src-main/store/connection';
import { FOLD_CHUNK, foldPendingSources } from '../../../../src-main/store/folded';
import { qaRows, unjudgedRows } from '../../../../src-main/store/repos/qa';
import { isSearchIndexed } from '../../../../src-main/store/repos/search';
import * as units from '../../../../src-main/store/repos/tm';
import { normalizeForSearch } from '../../../../src-main/text/arabic';
import { contextHash } from '../../../../src-main/tm/retrieval';
import { testRuntime, type TestRuntime } from '../helpers';

const PARAGRAPHS = [
  'وَقَالَ الوزيرُ إن المعاهدة ستوقع',
  'وقال الوزير إن المعاهدة ستوقع',
  'ـــ',
  'الأمن في المنطقة',
  'الامن في المنطقة',
  'CNN Reported ٢٠٢٢ فى الإمارات',
  'وَقَالَ الوزيرُ إن المعاهدة ستوقع',
  'نص آخر',
];
const QUERIES = ['الامن', 'امن', 'cnn', 'reported 2022', 'قال الوزير', 'ال', 'في', 'ا'];

let rt: TestRuntime;
afterEach(() => rt?.dispose());

const storedNorms = (id: number) =>
  rt.db.prepare('SELECT source_norm FROM pairs WHERE document_id = ? ORDER BY position').pluck().all(id) as string[];

async function importPending() {
  rt = testRuntime();
  const bytes = new TextEncoder().encode(PARAGRAPHS.join('\n\n'));
  const doc = await importDocument(rt.ctx, { fileName: 'p.txt', bytes });
  const ids = rt.db.prepare('SELECT id FROM pairs WHERE document_id = ? ORDER BY position').pluck().all(doc.id) as number[];
  expect(ids).toHaveLength(PARAGRAPHS.length);
  // Translations that make the QA consistency check and the memory depend on the folded sources:
  // paragraphs 0 and 1 fold alike and are translated differently; 3 folds like 4 only.
  const translate = (i: number, target: string) => {
    // Confirming 0 fills its repetitions 1 and 6 (found by the folded source): versions move.
    const p = updateTarget(rt.ctx, { pairId: ids[i]!, target, expectedVersion: getPair(rt.ctx, ids[i]!).version });
    setStatus(rt.ctx, { pairId: ids[i]!, action: 'confirm', expectedVersion: p.version, overrideQa: true });
  };
  translate(0, 'The minister said the treaty would be signed');
  translate(1, 'The minister said that the treaty will be signed');
  translate(3, 'Security in the region');
  return { doc, ids };
}

/** What every reader of the folded source answers for the document. */
function readers(documentId: number, ids: number[]) {
  const segments = units.documentSegments(rt.db, documentId);
  return {
    segments: segments.map((s) => s.source_norm),
    neighbours: segments.map((s) => units.neighbourNorms(rt.db, documentId, s.position)),
    repeats: segments.map((s) => [
      units.countRepeats(rt.db, documentId, s.source_norm, s.id),
      units.unconfirmedRepeats(rt.db, documentId, s.source_norm, s.id),
    ]),
    repetitionCounts: units.repetitionCounts(rt.db, documentId),
    repetitions: repetitions(rt.ctx, documentId),
    analysis: analyze(rt.ctx, documentId),
    lookups: ids.map((pairId) => lookup(rt.ctx, { pairId, minScore: 50 })),
    qaRows: qaRows(rt.db, documentId).map((r) => r.sourceFolded),
    qa: documentQa(rt.ctx, documentId),
    search: QUERIES.flatMap((text) =>
      (['both', 'source'] as const).map((textIn) => listPairs(rt.ctx, documentId, 0, 50, { text, textIn })),
    ),
  };
}

describe('folded sources pending after a plain-text import', () => {
  it('are stored empty by the import and written by the job after it, which then indexes', async () => {
    const { doc } = await importPending();
    expect(storedNorms(doc.id)).toEqual(PARAGRAPHS.map(() => ''));
    expect(isSearchIndexed(rt.db, doc.id)).toBe(false);
    // Every pending fold, the tatweel-only paragraph's too, whose fold is empty.
    expect(indexForSearch(rt.ctx)).toEqual({ indexed: [doc.id], folded: PARAGRAPHS.length });
    expect(storedNorms(doc.id)).toEqual(PARAGRAPHS.map(normalizeForSearch));
    expect(normalizeForSearch('ـــ')).toBe('');
    expect(isSearchIndexed(rt.db, doc.id)).toBe(true);
    // Then the QA facts of its sources (services/qa-facts.ts), made from the folds just written.
    const facts = rt.db.prepare('SELECT facts FROM qa_source_facts WHERE document_id = ?').pluck();
    const made = facts.get(doc.id) as Buffer;
    expect(made.length).toBeGreaterThan(0);
    expect(indexForSearch(rt.ctx)).toEqual({ indexed: [], folded: 0 });
    expect(facts.get(doc.id)).toEqual(made);
  });

  it('read the same through every reader before and after they are written, and after the index', async () => {
    const { doc, ids } = await importPending();
    // Unjudged rows first: the document's QA below judges them all.
    expect(unjudgedRows(rt.db, doc.id).map((r) => r.sourceFolded)).toEqual(PARAGRAPHS.map(normalizeForSearch));
    const pending = readers(doc.id, ids);
    // The folds, not the empty stored values: what the readers answer is right, not merely stable.
    expect(pending.segments).toEqual(PARAGRAPHS.map(normalizeForSearch));
    expect(pending.qaRows).toEqual(PARAGRAPHS.map(normalizeForSearch));
    expect(pending.neighbours[1]).toEqual({ prev: normalizeForSearch(PARAGRAPHS[0]!), next: '' });
    expect(pending.repetitionCounts.groups).toBe(2);
    // Same folded source, other target: 0, 1 and 6 (6 received 0's translation), never 3.
    const inconsistent = pending.qa.pairs.filter((p) => p.issues.some((i) => i.check === 'inconsistent-target'));
    expect(inconsistent.map((p) => p.position)).toEqual([0, 1, 6]);
    expect(pending.search[0]!.total).toBe(2);
    // The memory holds what the confirmations wrote, with contexts from the folded neighbours.
    const unit = units.unitsBySourceNorm(rt.db, normalizeForSearch(PARAGRAPHS[3]!))[0]!;
    expect(unit.context_hash).toBe(contextHash(normalizeForSearch(PARAGRAPHS[2]!), normalizeForSearch(PARAGRAPHS[4]!)));
    expect(storedNorms(doc.id)).toEqual(PARAGRAPHS.map(() => ''));

    expect(foldPendingSources(rt.db, doc.id)).toBe(PARAGRAPHS.length);
    expect(storedNorms(doc.id)).toEqual(PARAGRAPHS.map(normalizeForSearch));
    expect(readers(doc.id, ids)).toEqual(pending);

    indexForSearch(rt.ctx);
    expect(isSearchIndexed(rt.db, doc.id)).toBe(true);
    expect(readers(doc.id, ids).search).toEqual(pending.search);
  });

  it('are folded on the fly by another connection, a read-only one too (the CLI after a CLI import)', async () => {
    const { doc } = await importPending();
    const path = rt.db.name;
    const other = openDatabase(path, { readonly: true });
    try {
      expect(qaRows(other, doc.id).map((r) => r.sourceFolded)).toEqual(PARAGRAPHS.map(normalizeForSearch));
      expect(units.documentSegments(other, doc.id).map((r) => r.source_norm)).toEqual(PARAGRAPHS.map(normalizeForSearch));
    } finally {
      other.close();
    }
    const writer = openDatabase(path);
    try {
      expect(foldPendingSources(writer, doc.id)).toBe(PARAGRAPHS.length);
    } finally {
      closeDatabase(writer);
    }
    expect(storedNorms(doc.id)).toEqual(PARAGRAPHS.map(normalizeForSearch));
  });

  it('are written over several chunks of pair ids', async () => {
    rt = testRuntime();
    const n = FOLD_CHUNK * 2 + 3;
    const lines = Array.from({ length: n }, (_, i) => `السَّلامُ ${i}`);
    const doc = await importDocument(rt.ctx, { fileName: 'big.txt', bytes: new TextEncoder().encode(lines.join('\n')) });
    expect(foldPendingSources(rt.db, doc.id)).toBe(n);
    expect(storedNorms(doc.id)).toEqual(lines.map(normalizeForSearch));
    expect(foldPendingSources(rt.db, doc.id)).toBe(0);
  });

  it('are written by the job the app queues soon after start-up when a document is unindexed (a CLI import)', async () => {
    const { doc } = await importPending();
    const cancelled = queueSearchIndexSoon(rt.ctx, 0);
    cancelled();
    await new Promise((r) => setTimeout(r, 20));
    expect(isSearchIndexed(rt.db, doc.id)).toBe(false);
    queueSearchIndexSoon(rt.ctx, 0);
    await vi.waitFor(() => expect(isSearchIndexed(rt.db, doc.id)).toBe(true));
    expect(storedNorms(doc.id)).toEqual(PARAGRAPHS.map(normalizeForSearch));
    // Nothing pending: nothing queued.
    const run = vi.spyOn(rt.ctx.jobs, 'run');
    queueSearchIndexSoon(rt.ctx, 0);
    await new Promise((r) => setTimeout(r, 20));
    expect(run).not.toHaveBeenCalled();
  });
});
