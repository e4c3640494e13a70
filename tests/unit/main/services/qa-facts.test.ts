// A whole-document QA reads its sources' stored facts (services/qa-facts.ts, migration 0020)
// instead of the sources. Its findings stay those of the live per-pair QA (which reads the source
// text), whether the facts were just made, read back, made again after a glossary change, dropped
// with a rewritten source, or do not fit the document's pairs; in one thread or split over two.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { qaThreads } from '../../../../src-main/jobs/qa-threads';
import type { QaThreads } from '../../../../src-main/jobs/qa-thread-protocol';
import { importDocument, indexForSearch } from '../../../../src-main/services/documents';
import { addTerm, glossaryIndex } from '../../../../src-main/services/glossary';
import { factRows, factsGlossary, makeFacts } from '../../../../src-main/services/qa-facts';
import { isSearchIndexed } from '../../../../src-main/store/repos/search';
import * as qa from '../../../../src-main/services/qa';
import type { QaReport } from '../../../../src-main/shared/qa';
import { updateTarget } from '../../../../src-main/services/pairs';
import { corpusGlossary, corpusPairs } from '../qa/corpus';
import { as, testRuntime, type TestRuntime } from '../helpers';

let rt: TestRuntime | undefined;
const pools: QaThreads[] = [];
afterEach(async () => {
  rt?.dispose();
  rt = undefined;
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const N = 1_200;

/** A document of the QA corpus (clitics, numbers, Latin, repeated sources and targets), its glossary, a mark. */
async function setUp(): Promise<{ r: TestRuntime; documentId: number; ids: number[] }> {
  const r = (rt = testRuntime());
  as(r, 'translator');
  const pairs = corpusPairs(N);
  // One line a pair: the corpus's sources hold no line break.
  const doc = await importDocument(r.ctx, {
    fileName: 'qa.txt',
    bytes: new TextEncoder().encode(pairs.map((p) => p.source.replace(/\s+/g, ' ').trim() || 'فارغ').join('\n')),
  });
  const ids = r.db.prepare('SELECT id FROM pairs WHERE document_id = ? ORDER BY position').pluck().all(doc.id) as number[];
  expect(ids.length).toBe(N);
  const set = r.db.prepare(
    "UPDATE pairs SET target = ?, excluded = ?, status = CASE WHEN ? = '' THEN status ELSE 'draft' END WHERE id = ?",
  );
  r.db.transaction(() => ids.forEach((id, i) => set.run(pairs[i]!.target, pairs[i]!.excluded ? 1 : 0, pairs[i]!.target, id)))();
  for (const t of corpusGlossary(150))
    addTerm(r.ctx, doc.id, { source: t.source, target: t.target, forbidden: t.forbidden ?? false });
  // Targets that are their source (same-as-source reads the source's text to confirm).
  const sources = r.db.prepare('SELECT source FROM pairs WHERE id = ?').pluck();
  for (const i of [3, 400])
    r.db.prepare('UPDATE pairs SET target = ? WHERE id = ?').run(` ${sources.get(ids[i]) as string} `, ids[i]);
  qa.setIgnored(r.ctx, ids[10]!, 'spelling', true);
  return { r, documentId: doc.id, ids };
}

/** The report's issues, pair by pair, against the live per-pair QA of every pair (the source's text, the plain figures). */
function expectLive(r: TestRuntime, report: QaReport, ids: number[]): void {
  const reported = new Map(report.pairs.map((p) => [p.pairId, p.issues]));
  // Figures made again from the rows with their sources, not those the report left behind.
  qa.forgetFigures(r.ctx);
  let issues = 0;
  for (const id of ids) {
    const live = qa.checkPairQa(r.ctx, id).issues;
    expect(reported.get(id) ?? [], `pair ${id}`).toEqual(live);
    issues += live.length;
  }
  expect(issues).toBeGreaterThan(N);
}

const stored = (r: TestRuntime, documentId: number) =>
  r.db
    .prepare('SELECT length(facts) AS facts, terms_key AS termsKey FROM qa_source_facts WHERE document_id = ?')
    .get(documentId) as { facts: number; termsKey: string | null } | undefined;

describe('the document QA with its sources as stored facts', () => {
  it('gives the live QA of every pair: facts made, read back, after a glossary change, a profile change and an edit', async () => {
    const { r, documentId, ids } = await setUp();
    expect(stored(r, documentId)).toBeUndefined();
    const first = qa.documentQa(r.ctx, documentId);
    expect(stored(r, documentId)).toMatchObject({ facts: expect.any(Number), termsKey: expect.stringMatching(/^\d+:\d+$/) });
    expectLive(r, first, ids);
    const again = qa.documentQa(r.ctx, documentId);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));

    // A new term found in the sources: the terms are found again with the glossary's new version.
    const before = stored(r, documentId)!.termsKey;
    addTerm(r.ctx, documentId, { source: 'روسيا', target: 'Russia' });
    const withTerm = qa.documentQa(r.ctx, documentId);
    expect(stored(r, documentId)!.termsKey).not.toBe(before);
    expect(withTerm.byCheck.find((c) => c.check === 'term-missing')!.issues).toBeGreaterThan(
      first.byCheck.find((c) => c.check === 'term-missing')!.issues,
    );
    expectLive(r, withTerm, ids);

    qa.setQaProfile(r.ctx, documentId, ['spelling', 'length-ratio']);
    expectLive(r, qa.documentQa(r.ctx, documentId), ids);
    qa.setQaProfile(r.ctx, documentId, []);

    const pair = r.db.prepare('SELECT id, version FROM pairs WHERE id = ?').get(ids[5]) as { id: number; version: number };
    updateTarget(r.ctx, { pairId: pair.id, expectedVersion: pair.version, target: 'NATO met in 2022 in Brussels.' });
    expectLive(r, qa.documentQa(r.ctx, documentId), ids);
  });

  it('are made by the job after the import (the search index), with the glossary’s terms: the first report makes none', async () => {
    const { r, documentId, ids } = await setUp();
    expect(stored(r, documentId)).toBeUndefined();
    expect(indexForSearch(r.ctx).indexed).toEqual([documentId]);
    expect(isSearchIndexed(r.db, documentId)).toBe(true);
    const g = glossaryIndex(r.ctx, documentId)!;
    expect(stored(r, documentId)).toMatchObject({ facts: expect.any(Number), termsKey: `${g.glossaryId}:${g.version}` });
    // Nothing is missing for the report to make (it would make exactly what makeFacts answers).
    expect(makeFacts(r.ctx, documentId, factsGlossary(r.ctx, documentId), () => {})).toBeNull();
    const blobs = () => r.db.prepare('SELECT facts, terms FROM qa_source_facts WHERE document_id = ?').raw().get(documentId);
    const before = blobs();
    const report = qa.documentQa(r.ctx, documentId);
    expect(blobs()).toEqual(before);
    expectLive(r, report, ids);
  });

  it('a failure to make or store the facts after the import leaves the search index built, and the first report makes them', async () => {
    const { r, documentId, ids } = await setUp();
    r.db.exec("CREATE TEMP TRIGGER no_facts BEFORE INSERT ON qa_source_facts BEGIN SELECT RAISE(ABORT, 'no facts'); END");
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(indexForSearch(r.ctx).indexed).toEqual([documentId]);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0]![0])).toContain(`document ${documentId}`);
    } finally {
      logged.mockRestore();
    }
    expect(isSearchIndexed(r.db, documentId)).toBe(true);
    expect(stored(r, documentId)).toBeUndefined();
    r.db.exec('DROP TRIGGER temp.no_facts');
    expectLive(r, qa.documentQa(r.ctx, documentId), ids);
    expect(stored(r, documentId)).toBeDefined();
  });

  it('drops the facts of a document whose source is rewritten, and makes them again', async () => {
    const { r, documentId, ids } = await setUp();
    qa.documentQa(r.ctx, documentId);
    expect(stored(r, documentId)).toBeDefined();
    // Filling a pending folding changes nothing; a source (or its folding) rewritten does.
    r.db.prepare('UPDATE pairs SET source_norm = source_norm WHERE id = ?').run(ids[0]);
    expect(stored(r, documentId)).toBeDefined();
    r.db.prepare("UPDATE pairs SET source = 'قال ٣ وزراء إن NATO اجتمع.' WHERE id = ?").run(ids[7]);
    expect(stored(r, documentId)).toBeUndefined();
    expectLive(r, qa.documentQa(r.ctx, documentId), ids);
    expect(stored(r, documentId)).toBeDefined();
  });

  it('reads the sources when the stored facts are not of the document’s pairs', async () => {
    const { r, documentId, ids } = await setUp();
    qa.documentQa(r.ctx, documentId);
    // Another document's facts (its pairs' ids differ) stored as this one's.
    const other = await importDocument(r.ctx, {
      fileName: 'other.txt',
      bytes: new TextEncoder().encode(Array.from({ length: N }, (_, i) => `نص ${i} آخر تماما.`).join('\n')),
    });
    qa.documentQa(r.ctx, other.id);
    r.db
      .prepare(
        'UPDATE qa_source_facts SET facts = (SELECT facts FROM qa_source_facts WHERE document_id = ?) WHERE document_id = ?',
      )
      .run(other.id, documentId);
    expectLive(r, qa.documentQa(r.ctx, documentId), ids);
  });

  it('reads no facts whose terms were found with another glossary version, or name a term it lacks', async () => {
    const { r, documentId } = await setUp();
    qa.documentQa(r.ctx, documentId);
    const g = glossaryIndex(r.ctx, documentId)!;
    const key = `${g.glossaryId}:${g.version}`;
    const all = { from: null, to: null, first: 0 };
    expect(factRows(r.db, documentId, all, { key, index: g.index, terms: g.terms }, null)).toHaveLength(N);
    expect(
      factRows(r.db, documentId, all, { key: `${g.glossaryId}:${g.version + 1}`, index: g.index, terms: g.terms }, null),
    ).toBeNull();
    const found = r.db.prepare('SELECT terms FROM qa_source_facts WHERE document_id = ?').pluck().get(documentId) as Buffer;
    expect(found.length).toBeGreaterThan(0);
    // Every term but the first found: the facts name a term the glossary lacks.
    const firstFound = g.terms.find((t) =>
      g.index
        .find(
          corpusPairs(N)
            .map((p) => p.source)
            .join(' '),
        )
        .some((h) => h.term.id === t.id),
    )!;
    const fewer = g.terms.filter((t) => t.id !== firstFound.id);
    expect(factRows(r.db, documentId, all, { key, index: g.index, terms: fewer }, null)).toBeNull();
    // Without a glossary the terms are not read at all.
    expect(factRows(r.db, documentId, all, null, null)).toHaveLength(N);
  });

  it('with a glossary of common words, reads the sources, and does not look for the terms again', async () => {
    const r = (rt = testRuntime());
    as(r, 'translator');
    const lines = Array.from({ length: 50 }, (_, i) => `${Array.from({ length: 40 }, () => 'قال').join(' ')} ${i}.`);
    const doc = await importDocument(r.ctx, { fileName: 'common.txt', bytes: new TextEncoder().encode(lines.join('\n')) });
    const ids = r.db.prepare('SELECT id FROM pairs WHERE document_id = ? ORDER BY position').pluck().all(doc.id) as number[];
    r.db.prepare("UPDATE pairs SET target = 'He spoke.' WHERE document_id = ?").run(doc.id);
    addTerm(r.ctx, doc.id, { source: 'قال', target: 'said' });
    const report = qa.documentQa(r.ctx, doc.id);
    // The terms' version is stored without terms: the next report does not look for them again.
    expect(r.db.prepare('SELECT terms_key IS NOT NULL, terms IS NULL FROM qa_source_facts').raw().get()).toEqual([1, 1]);
    expect(report.byCheck.find((c) => c.check === 'term-missing')!.issues).toBe(50);
    const all = { from: null, to: null, first: 0 };
    const g = glossaryIndex(r.ctx, doc.id)!;
    expect(factRows(r.db, doc.id, all, { key: `${g.glossaryId}:${g.version}`, index: g.index, terms: g.terms }, null)).toBeNull();
    r.db.prepare('UPDATE qa_source_facts SET facts = facts').run();
    expect(JSON.stringify(qa.documentQa(r.ctx, doc.id))).toBe(JSON.stringify(report));
    for (const id of ids)
      expect(report.pairs.find((p) => p.pairId === id)?.issues ?? []).toEqual(qa.checkPairQa(r.ctx, id).issues);
  });

  it('the judging behind the "has QA issues" filter makes no facts, and reads those a report made', async () => {
    const r = (rt = testRuntime());
    as(r, 'translator');
    const lines = Array.from({ length: 2_100 }, (_, i) => `وقع الاتفاق رقم ${i % 300} في عام ٢٠٢٣.`);
    const doc = await importDocument(r.ctx, { fileName: 'judge.txt', bytes: new TextEncoder().encode(lines.join('\n')) });
    r.db.prepare("UPDATE pairs SET target = 'The agreement was signed in 2022.' WHERE document_id = ?").run(doc.id);
    const states = () => r.db.prepare('SELECT id, qa_state FROM pairs WHERE document_id = ? ORDER BY id').raw().all(doc.id);
    qa.judgeDocument(r.ctx, doc.id);
    expect(stored(r, doc.id)).toBeUndefined();
    const judged = states();
    qa.documentQa(r.ctx, doc.id);
    expect(stored(r, doc.id)).toBeDefined();
    r.db.prepare('UPDATE pairs SET qa_state = NULL WHERE document_id = ?').run(doc.id);
    qa.judgeDocument(r.ctx, doc.id);
    expect(states()).toEqual(judged);
  });

  it('split over two threads, with facts just made or read back, gives the live QA of every pair', async () => {
    const { r, documentId, ids } = await setUp();
    const pool = qaThreads({ minPairs: 400 });
    pools.push(pool);
    r.ctx.qaThreads = pool;
    // Made here and sent to the other thread (nothing stored yet), then read back by both.
    const made = qa.documentQa(r.ctx, documentId);
    expectLive(r, made, ids);
    const read = qa.documentQa(r.ctx, documentId);
    expect(JSON.stringify(read)).toBe(JSON.stringify(made));
  });
});
