// The memory follows the pair write path: confirmed and approved pairs are units at once, changed
// pairs update them, rejected ones leave; repetitions propagate; pre-translation fills as one batch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDocument, importDocument } from '../../../../src-main/services/documents';
import { listHistory, undoBatch } from '../../../../src-main/services/history';
import { getPair, listPairs, setStatus, updateTarget } from '../../../../src-main/services/pairs';
import { updateSettings } from '../../../../src-main/services/settings';
import * as tm from '../../../../src-main/services/tm';
import { listBatches, pretranslate } from '../../../../src-main/services/tm-writes';
import { as, importSample, testRuntime, type TestRuntime } from '../helpers';
import { ENGLISH, fourParagraphTmx, paragraphs, variants } from './fixtures';

let rt: TestRuntime;
beforeEach(() => {
  rt = testRuntime();
  as(rt, 'translator');
});
afterEach(() => rt.dispose());

const importText = (name: string, lines: string[]) =>
  importDocument(rt.ctx, { fileName: name, bytes: new TextEncoder().encode(lines.join('\n')), allowDuplicate: true });
const pairsOf = (documentId: number) => listPairs(rt.ctx, documentId, 0, 1000).items;

function confirm(pairId: number, target: string) {
  const p = getPair(rt.ctx, pairId);
  return setStatus(rt.ctx, { pairId, expectedVersion: p.version, action: 'confirm', target });
}

describe('memory from confirmed and approved pairs', () => {
  it('a confirmed pair is offered at once in another document, and its changes follow it', async () => {
    const a = await importSample(rt);
    const b = await importText('copy.txt', [paragraphs()[2]!]);
    const source = pairsOf(a.id)[2]!;
    const target = pairsOf(b.id)[0]!;
    expect(tm.lookup(rt.ctx, { pairId: target.id }).matches).toEqual([]);

    confirm(source.id, 'First translation.');
    let m = tm.lookup(rt.ctx, { pairId: target.id }).matches;
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ score: 100, target: 'First translation.' });
    expect(m[0]!.origin).toMatchObject({
      kind: 'document',
      name: 'news-article-ar',
      documentId: a.id,
      pairId: source.id,
      author: 'Tariq Translator',
      status: 'translated',
    });
    const unitId = m[0]!.unitId;

    // Editing and confirming again rewrites the same unit.
    const draft = updateTarget(rt.ctx, {
      pairId: source.id,
      target: 'Second translation.',
      expectedVersion: getPair(rt.ctx, source.id).version,
    });
    expect(tm.lookup(rt.ctx, { pairId: target.id }).matches[0]!.target).toBe('First translation.'); // a draft is not confirmed
    setStatus(rt.ctx, { pairId: source.id, expectedVersion: draft.version, action: 'confirm' });
    m = tm.lookup(rt.ctx, { pairId: target.id }).matches;
    expect(m.map((x) => [x.unitId, x.target])).toEqual([[unitId, 'Second translation.']]);

    // Approved ranks above an identical translated unit from elsewhere; a rejected pair leaves the memory.
    // (Another neighbour after it: otherwise both one-paragraph documents would make it a context match.)
    const c = await importText('third.txt', [paragraphs()[2]!, paragraphs()[3]!]);
    confirm(pairsOf(c.id)[0]!.id, 'Other translation.');
    as(rt, 'editor');
    setStatus(rt.ctx, { pairId: source.id, expectedVersion: getPair(rt.ctx, source.id).version, action: 'approve' });
    m = tm.lookup(rt.ctx, { pairId: target.id }).matches;
    expect(m.map((x) => [x.target, x.origin.status])).toEqual([
      ['Second translation.', 'approved'],
      ['Other translation.', 'translated'],
    ]);
    setStatus(rt.ctx, {
      pairId: pairsOf(c.id)[0]!.id,
      expectedVersion: getPair(rt.ctx, pairsOf(c.id)[0]!.id).version,
      action: 'reject',
      comment: 'Wrong',
    });
    expect(tm.lookup(rt.ctx, { pairId: target.id }).matches.map((x) => x.target)).toEqual(['Second translation.']);
  });

  it("keeps a deleted document's units until the user removes them", async () => {
    const a = await importSample(rt);
    confirm(pairsOf(a.id)[0]!.id, 'One.');
    confirm(pairsOf(a.id)[1]!.id, 'Two.');
    deleteDocument(rt.ctx, a.id);
    expect(tm.getMemoryStats(rt.ctx)).toMatchObject({
      units: 2,
      origins: [{ kind: 'document', name: 'news-article-ar', documentId: a.id, documentExists: false, units: 2 }],
    });
    const b = await importText('again.txt', [paragraphs()[0]!]);
    expect(tm.lookup(rt.ctx, { pairId: pairsOf(b.id)[0]!.id }).matches[0]).toMatchObject({
      target: 'One.',
      origin: { pairId: null },
    });
    expect(tm.removeUnits(rt.ctx, { documentId: a.id })).toEqual({ removed: 2 });
    expect(tm.lookup(rt.ctx, { pairId: pairsOf(b.id)[0]!.id }).matches).toEqual([]);
  });

  it('a match between the same neighbours is a context match (101)', async () => {
    const a = await importSample(rt);
    for (const p of pairsOf(a.id).slice(0, 4)) confirm(p.id, `English ${p.position}.`);
    const b = await importText('again.txt', paragraphs());
    const again = pairsOf(b.id);
    expect(tm.lookup(rt.ctx, { pairId: again[1]!.id }).matches[0]).toMatchObject({
      score: 101,
      kind: 'context',
      target: 'English 1.',
    });
    // The same paragraph between other neighbours is a plain 100%.
    const c = await importText('moved.txt', [paragraphs()[5]!, paragraphs()[1]!]);
    expect(tm.lookup(rt.ctx, { pairId: pairsOf(c.id)[1]!.id }).matches[0]).toMatchObject({ score: 100, kind: 'exact' });
    expect(tm.analyze(rt.ctx, b.id).bands.context.segments).toBe(4);
  });
});

describe('repetitions', () => {
  const para = () => paragraphs()[6]!;

  it('confirming one fills its unconfirmed repeats as Translated, propagated, in one undoable batch', async () => {
    const doc = await importText('repeats.txt', [para(), paragraphs()[0]!, `  ${para().replace('وضمت', 'وَضَمَّتْ')}`, para()]);
    const [first, other, second, third] = pairsOf(doc.id);
    expect(tm.repetitions(rt.ctx, doc.id)).toMatchObject({ segments: 2, groups: 1 });
    expect(tm.lookup(rt.ctx, { pairId: first!.id }).repetitions).toBe(2);

    confirm(first!.id, 'The forces included units.');
    for (const p of [second!, third!]) {
      expect(getPair(rt.ctx, p.id)).toMatchObject({ status: 'translated', target: 'The forces included units.' });
      const last = listHistory(rt.ctx, p.id).at(-1)!;
      expect(last).toMatchObject({ kind: 'confirm', origin: 'propagate', note: `#${first!.id}` });
    }
    expect(getPair(rt.ctx, other!.id).status).toBe('new');
    const batches = listBatches(rt.ctx, doc.id);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ origin: 'propagate', pairs: 2 });
    expect(undoBatch(rt.ctx, batches[0]!.id).restored).toHaveLength(2);
    expect(getPair(rt.ctx, third!.id)).toMatchObject({ status: 'new', target: '' });
  });

  it('does nothing when the setting is off, and never touches confirmed repeats', async () => {
    updateSettings(rt.ctx, { tmPropagate: false });
    const doc = await importText('repeats.txt', [para(), para()]);
    const [first, second] = pairsOf(doc.id);
    confirm(first!.id, 'A.');
    expect(getPair(rt.ctx, second!.id).status).toBe('new');
    updateSettings(rt.ctx, { tmPropagate: true });
    confirm(second!.id, 'B.');
    const edited = updateTarget(rt.ctx, { pairId: first!.id, target: 'C.', expectedVersion: getPair(rt.ctx, first!.id).version });
    setStatus(rt.ctx, { pairId: first!.id, expectedVersion: edited.version, action: 'confirm' });
    expect(getPair(rt.ctx, second!.id).target).toBe('B.');
  });
});

describe('pre-translation', () => {
  it('fills the four paragraphs at 100% as Translated in one batch, with the score in history, and undoes as one', async () => {
    await tm.importTmx(rt.ctx, 'four.tmx', fourParagraphTmx());
    const doc = await importSample(rt);
    expect(pretranslate(rt.ctx, { documentId: doc.id, dryRun: true })).toMatchObject({ filled: 4, batchId: null });
    expect(pairsOf(doc.id).every((p) => p.target === '')).toBe(true);

    const r = pretranslate(rt.ctx, { documentId: doc.id });
    expect(r).toMatchObject({ filled: 4, translated: 4, draft: 0, unmatched: 8 });
    const pairs = pairsOf(doc.id);
    for (const [i, en] of Object.entries(ENGLISH)) {
      expect(pairs[Number(i)]).toMatchObject({ status: 'translated', target: en });
      expect(listHistory(rt.ctx, pairs[Number(i)]!.id).at(-1)).toMatchObject({
        kind: 'confirm',
        origin: 'pretranslate',
        score: 100,
        batchId: r.batchId,
      });
    }
    expect(listBatches(rt.ctx, doc.id)).toEqual([expect.objectContaining({ id: r.batchId, origin: 'pretranslate', pairs: 4 })]);
    // A second run finds nothing empty to fill.
    expect(pretranslate(rt.ctx, { documentId: doc.id })).toMatchObject({ filled: 0, batchId: null });

    expect(listBatches(rt.ctx, doc.id)[0]!.undoneAt).toBeNull();
    expect(undoBatch(rt.ctx, r.batchId!).restored).toHaveLength(4);
    expect(pairsOf(doc.id).every((p) => p.target === '' && p.status === 'new')).toBe(true);
    // The list says the batch was undone; undoing it again restores nothing.
    const [undone] = listBatches(rt.ctx, doc.id);
    expect(undone).toMatchObject({ id: r.batchId, undoneAt: expect.any(String) });
    expect(undoBatch(rt.ctx, r.batchId!)).toMatchObject({ restored: [] });
    expect(listBatches(rt.ctx, doc.id)[0]!.undoneAt).toBe(undone!.undoneAt);
  });

  it('fills fuzzy matches as Draft with their score and the current numbers', async () => {
    await tm.importTmx(rt.ctx, 'four.tmx', fourParagraphTmx());
    const vs = variants();
    const doc = await importText(
      'variants.txt',
      vs.map((v) => v.text),
    );
    expect(pretranslate(rt.ctx, { documentId: doc.id, minScore: 100 })).toMatchObject({ filled: 2, translated: 2 });
    const r = pretranslate(rt.ctx, { documentId: doc.id, minScore: 85 });
    expect(r).toMatchObject({ filled: 2, translated: 0, draft: 2 });
    const [, , numbers, clitics] = pairsOf(doc.id);
    expect(numbers).toMatchObject({
      status: 'draft',
      target: ENGLISH[9]!.replace('On 9 and 10 January 2022', 'On 16 and 17 January 2023'),
    });
    expect(listHistory(rt.ctx, numbers!.id).at(-1)).toMatchObject({ kind: 'edit', origin: 'pretranslate', score: 99 });
    expect(clitics).toMatchObject({ status: 'draft', target: ENGLISH[6] });
    // Drafts are not confirmed: they are no memory units.
    expect(tm.getMemoryStats(rt.ctx).byStatus.translated).toBe(2);
  });

  it('leaves typed text alone and refuses nothing it may not write', async () => {
    await tm.importTmx(rt.ctx, 'four.tmx', fourParagraphTmx());
    const doc = await importSample(rt);
    const first = pairsOf(doc.id)[0]!;
    updateTarget(rt.ctx, { pairId: first.id, target: 'My own words.', expectedVersion: first.version });
    expect(pretranslate(rt.ctx, { documentId: doc.id })).toMatchObject({ filled: 3 });
    expect(getPair(rt.ctx, first.id).target).toBe('My own words.');
  });
});
