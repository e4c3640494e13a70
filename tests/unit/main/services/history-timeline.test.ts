// A pair's history beside its revisions: "not an error" marks with who and when (and when a changed
// text made one lapse), and the batches that wrote its revisions, replace-all among them, with their
// undo state; tm:batches lists replace-all batches like pre-translation ones.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../../src-main/transport/dispatch';
import type { Pair } from '../../../../src-main/shared/domain';
import { storeImported } from '../../../../src-main/services/documents';
import { replace } from '../../../../src-main/services/find';
import { pairTimeline, undoBatch } from '../../../../src-main/services/history';
import { listPairs, setStatus, updateTarget } from '../../../../src-main/services/pairs';
import { setIgnored } from '../../../../src-main/services/qa';
import { listBatches } from '../../../../src-main/services/tm-writes';
import { as, testRuntime, type TestRuntime } from '../helpers';

let rt: TestRuntime;
let documentId: number;

beforeEach(() => {
  rt = testRuntime({ clock: true });
  as(rt, 'translator');
  documentId = storeImported(
    rt.ctx,
    {
      format: 'txt',
      sourceLang: 'ar',
      targetLang: 'en',
      warnings: [],
      paragraphs: ['قالت شبكة CNN إن الرئيس وصل إلى أستانا.', 'أرسلت المنظمة قوات حفظ السلام.'].map((source) => ({ source })),
    },
    { fileName: 'doc.txt', hash: 'e'.repeat(64) },
    () => {},
  );
});
afterEach(() => rt.dispose());

const all = (): Pair[] => listPairs(rt.ctx, documentId, 0, 100).items;
const confirm = (p: Pair, target: string): Pair =>
  setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'confirm', target });

describe('"not an error" in the pair history', () => {
  it('shows each mark with who and when, and that it lapsed when the text changed', () => {
    let p = confirm(all()[0]!, 'The president arrived in Astana, the network said.');
    setIgnored(rt.ctx, p.id, 'latin-missing', true);
    let t = pairTimeline(rt.ctx, p.id);
    expect(t.ignores).toHaveLength(1);
    expect(t.ignores[0]).toMatchObject({
      check: 'latin-missing',
      action: 'ignore',
      author: 'Tariq Translator',
      role: 'translator',
      standing: 'applies',
      lapsedAt: null,
    });
    const markedAt = t.ignores[0]!.createdAt;

    p = updateTarget(rt.ctx, { pairId: p.id, expectedVersion: p.version, target: 'The president reached Astana, it said.' });
    t = pairTimeline(rt.ctx, p.id);
    expect(t.ignores[0]!.standing).toBe('lapsed');
    const edit = rt.ctx.db.prepare('SELECT created_at FROM revisions WHERE pair_id = ? ORDER BY id DESC').pluck().get(p.id);
    expect(t.ignores[0]!.lapsedAt).toBe(edit);
    expect(t.ignores[0]!.lapsedAt! > markedAt).toBe(true);
  });

  it('keeps every mark in order: a new mark supersedes the old one, and taking it back is recorded', () => {
    let p = confirm(all()[0]!, 'The president arrived in Astana, the network said.');
    setIgnored(rt.ctx, p.id, 'latin-missing', true);
    p = updateTarget(rt.ctx, { pairId: p.id, expectedVersion: p.version, target: 'The president reached Astana, it said.' });
    as(rt, 'editor');
    setIgnored(rt.ctx, p.id, 'latin-missing', true);
    setIgnored(rt.ctx, p.id, 'latin-missing', false);
    setIgnored(rt.ctx, p.id, 'latin-missing', false); // nothing left to take back: not recorded twice
    const t = pairTimeline(rt.ctx, p.id);
    expect(t.ignores.map((e) => [e.action, e.author, e.standing])).toEqual([
      ['ignore', 'Tariq Translator', 'superseded'],
      ['ignore', 'Eda Editor', 'superseded'],
      ['unignore', 'Eda Editor', null],
    ]);
    expect(t.ignores.map((e) => e.createdAt)).toEqual([...t.ignores.map((e) => e.createdAt)].sort());
    // The log is history: append-only.
    expect(() => rt.ctx.db.prepare("UPDATE qa_ignore_log SET author = 'x'").run()).toThrow(/append-only/);
  });

  it('a text changed and changed back brings the mark back, as the checks do', () => {
    let p = confirm(all()[0]!, 'The president arrived in Astana, the network said.');
    setIgnored(rt.ctx, p.id, 'latin-missing', true);
    p = updateTarget(rt.ctx, { pairId: p.id, expectedVersion: p.version, target: 'Something else.' });
    as(rt, 'editor'); // a new author: a new revision rather than the open edit burst
    p = updateTarget(rt.ctx, {
      pairId: p.id,
      expectedVersion: p.version,
      target: 'The president arrived in Astana, the network said.',
    });
    expect(pairTimeline(rt.ctx, p.id).ignores[0]).toMatchObject({ standing: 'applies', lapsedAt: null });
  });
});

describe('replace-all batches', () => {
  beforeEach(() => {
    all().forEach((p) => updateTarget(rt.ctx, { pairId: p.id, expectedVersion: p.version, target: 'The peace-keeping forces.' }));
  });

  it('are listed with the document batches and in each pair history, marked once undone', () => {
    const pairs = all();
    const r = replace(rt.ctx, {
      documentId,
      find: 'peace-keeping',
      replace: 'peacekeeping',
      in: 'target',
      matchCase: false,
      wholeWord: false,
      regex: false,
      pairs: pairs.map((p) => ({ pairId: p.id, version: p.version })),
    });
    expect(r.replacedPairs).toBe(2);
    const listed = listBatches(rt.ctx, documentId);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: r.batchId, origin: 'replace', pairs: 2, undoneAt: null });
    expect(listed[0]!.note).toContain('peace-keeping');

    const t = pairTimeline(rt.ctx, pairs[1]!.id);
    expect(t.batches).toEqual(listed);

    undoBatch(rt.ctx, r.batchId!);
    // The undo batch is not listed itself: it marks the batch it undid, in the list and the history.
    const after = listBatches(rt.ctx, documentId);
    expect(after.map((b) => b.id)).toEqual([r.batchId]);
    expect(after[0]!.undoneAt).not.toBeNull();
    expect(pairTimeline(rt.ctx, pairs[0]!.id).batches[0]!.undoneAt).toBe(after[0]!.undoneAt);
    expect(all().map((p) => p.target)).toEqual(['The peace-keeping forces.', 'The peace-keeping forces.']);
  });

  it('a pair no batch wrote has none in its history; the channel answers through the contract', async () => {
    const p = all()[0]!;
    const dispatch = createDispatch(rt.ctx);
    expect(await dispatch('history:timeline', { pairId: p.id })).toEqual({ ok: true, value: { ignores: [], batches: [] } });
    expect(await dispatch('history:timeline', { pairId: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
