// Find & replace (issue 11.4): matching options, Arabic folding in the source, regex errors and the
// time limit, locked pairs skipped and counted, one undoable batch, and concurrent edits kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../../src-main/shared/contract';
import type { Pair } from '../../../../src-main/shared/domain';
import type { QalamError } from '../../../../src-main/shared/errors';
import { storeImported } from '../../../../src-main/services/documents';
import { preview, replace } from '../../../../src-main/services/find';
import { listBatches, listHistory, undoBatch } from '../../../../src-main/services/history';
import { listPairs, setExcluded, setStatus, updateTarget } from '../../../../src-main/services/pairs';
import { expandReplacement, findAll, replaceHits, FIND_TIME_LIMIT_MS } from '../../../../src-main/text/find';
import { as, testRuntime, type TestRuntime } from '../helpers';

let rt: TestRuntime;
let documentId: number;

const SOURCES = [
  'قالت زاخاروفا إن قوات حفظ السَّلام وضعت حدا لإراقة الدماء.',
  'وأوضح الرئيس أن منظمة معاهدة الأمن الجماعي أرسلت قوات حفظ السلام.',
  'وبالسلام نبدأ، والإسلام دين.',
  'اجتماع لمجلس روسيا والناتو في بروكسل.',
];
const TARGETS = [
  'Zakharova said the peace-keeping forces stopped the bloodshed.',
  'The president said the CSTO sent peace-keeping forces; Peace-keeping is its task.',
  'With peace we begin.',
  'A meeting of the Russia-NATO council in Brussels.',
];

beforeEach(() => {
  rt = testRuntime();
  as(rt, 'translator');
  documentId = storeImported(
    rt.ctx,
    { format: 'txt', sourceLang: 'ar', targetLang: 'en', warnings: [], paragraphs: SOURCES.map((source) => ({ source })) },
    { fileName: 'doc.txt', hash: 'f'.repeat(64) },
    () => {},
  );
  all().forEach((p, i) => updateTarget(rt.ctx, { pairId: p.id, expectedVersion: p.version, target: TARGETS[i]! }));
});
afterEach(() => rt.dispose());

const all = (): Pair[] => listPairs(rt.ctx, documentId, 0, 100).items;
type Opts = Partial<Omit<Input<'find:preview'>, 'documentId'>>;
const query = (o: Opts) => ({
  documentId,
  find: 'x',
  in: 'both' as const,
  matchCase: false,
  wholeWord: false,
  regex: false,
  ...o,
});
const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as QalamError).code;
  }
  return 'ok';
};
const hitTexts = (r: ReturnType<typeof preview>, side: 'source' | 'target') =>
  r.pairs.flatMap((p) => (side === 'source' ? p.sourceHits : p.targetHits).map(([s, e]) => p[side].slice(s, e)));

describe('finding', () => {
  it('folds the Arabic source: a plain query finds the vowelled word, and whole word leaves وبالسلام and الإسلام out', () => {
    const loose = preview(rt.ctx, query({ find: 'السلام', in: 'source' }));
    expect(hitTexts(loose, 'source')).toEqual(['السَّلام', 'السلام', 'السلام']);
    const whole = preview(rt.ctx, query({ find: 'السلام', in: 'source', wholeWord: true }));
    expect(hitTexts(whole, 'source')).toEqual(['السَّلام', 'السلام']);
    expect(whole.pairs.map((p) => p.position)).toEqual([0, 1]);
  });

  it('finds hamza forms and harakat typed in the query too', () => {
    expect(hitTexts(preview(rt.ctx, query({ find: 'الامن', in: 'source' })), 'source')).toEqual(['الأمن']);
    expect(hitTexts(preview(rt.ctx, query({ find: 'السَّلامِ', in: 'source', wholeWord: true })), 'source')).toHaveLength(2);
  });

  it('matches case in the English only when asked', () => {
    expect(preview(rt.ctx, query({ find: 'peace-keeping', in: 'target' })).targetHits).toBe(3);
    expect(preview(rt.ctx, query({ find: 'peace-keeping', in: 'target', matchCase: true })).targetHits).toBe(2);
  });

  it('whole word in the English: a hyphen ends a word, letters do not', () => {
    expect(preview(rt.ctx, query({ find: 'peace', in: 'target', wholeWord: true })).targetHits).toBe(4);
    expect(preview(rt.ctx, query({ find: 'ATO', in: 'target', wholeWord: true })).targetHits).toBe(0);
    expect(preview(rt.ctx, query({ find: 'ATO', in: 'target' })).targetHits).toBe(1);
  });

  it('regular expressions with groups, and a bad one refused with its reason', () => {
    const r = preview(rt.ctx, query({ find: '(\\w+)-keeping', in: 'target', regex: true, replace: '$1keeping' }));
    expect(r.pairs[0]!.after).toBe('Zakharova said the peacekeeping forces stopped the bloodshed.');
    expect(r.pairs[1]!.after).toBe('The president said the CSTO sent peacekeeping forces; Peacekeeping is its task.');
    expect(code(() => preview(rt.ctx, query({ find: '(unclosed', regex: true })))).toBe('find_bad_regex');
    const err = (() => {
      try {
        preview(rt.ctx, query({ find: '[z-a]', regex: true }));
      } catch (e) {
        return e as QalamError;
      }
      return null;
    })();
    // The engine's reason without the pattern and the internal flags around it.
    expect(err?.params).toEqual({ detail: 'Range out of order in character class' });
  });

  it('stops a catastrophic pattern at the time limit instead of freezing the process', () => {
    const p = all()[3]!;
    updateTarget(rt.ctx, { pairId: p.id, expectedVersion: p.version, target: `${'a'.repeat(40)}!` });
    const started = Date.now();
    expect(code(() => preview(rt.ctx, query({ find: '(a+)+$', in: 'target', regex: true })))).toBe('find_too_slow');
    // Without the limit this pattern runs for hours on 40 letters.
    expect(Date.now() - started).toBeLessThan(FIND_TIME_LIMIT_MS + 3000);
  });

  it('ignores empty matches and keeps the count per text bounded', () => {
    expect(
      findAll(['abc'], { find: 'x*', matchCase: false, wholeWord: false, regex: true }, 'target', Date.now() + 1000),
    ).toEqual([[]]);
  });
});

describe('replacement text', () => {
  const hit = { start: 4, end: 9, groups: ['pe', ''], named: { w: 'ace' } };
  it('expands $&, $1, $<name>, $$ and leaves unknown groups as typed', () => {
    expect(expandReplacement('[$&|$1|$<w>|$$|$3]', true, 'the peace', hit)).toBe('[peace|pe|ace|$|$3]');
    expect(expandReplacement('$&', false, 'the peace', hit)).toBe('$&');
  });
  it('moves inline code positions with the text; a code inside a hit goes after its replacement', () => {
    const r = replaceHits(
      'aXXb XX',
      [
        { start: 1, end: 3, groups: [], named: null },
        { start: 5, end: 7, groups: [], named: null },
      ],
      'yyy',
      false,
    );
    expect(r.text).toBe('ayyyb yyy');
    expect([0, 1, 2, 3, 4, 7].map(r.shift)).toEqual([0, 1, 4, 4, 5, 9]);
  });
});

describe('replacing', () => {
  it('previews every replacement, then replaces all as one batch shown in history; undo restores every pair', () => {
    const before = all();
    const p = preview(rt.ctx, query({ find: 'peace-keeping', replace: 'peacekeeping', in: 'target' }));
    expect(p.replaceable.map((r) => r.pairId)).toEqual([before[0]!.id, before[1]!.id]);
    expect(p.replaceableHits).toBe(3);
    // The preview wrote nothing.
    expect(all()).toEqual(before);

    const r = replace(rt.ctx, {
      ...query({ find: 'peace-keeping', in: 'target' }),
      replace: 'peacekeeping',
      pairs: p.replaceable,
    });
    expect([r.replacedPairs, r.replacedHits]).toEqual([2, 3]);
    const after = all();
    expect(after[1]!.target).toBe('The president said the CSTO sent peacekeeping forces; peacekeeping is its task.');
    expect(after[2]).toEqual(before[2]);
    const rev = listHistory(rt.ctx, after[0]!.id).at(-1)!;
    expect([rev.kind, rev.origin, rev.batchId, rev.note]).toEqual([
      'replace',
      'replace',
      r.batchId,
      '“peace-keeping” → “peacekeeping”',
    ]);
    expect(listBatches(rt.ctx, documentId).at(-1)).toMatchObject({ id: r.batchId, origin: 'replace' });

    const undone = undoBatch(rt.ctx, r.batchId!);
    expect(undone.restored).toHaveLength(2);
    expect(all().map((x) => [x.target, x.status])).toEqual(before.map((x) => [x.target, x.status]));
  });

  it('skips approved and excluded pairs, whatever the request lists, and counts them', () => {
    as(rt, 'editor');
    const [first, b, third] = all();
    const a = setStatus(rt.ctx, { pairId: first!.id, expectedVersion: first!.version, action: 'approve' });
    const x = setExcluded(rt.ctx, { pairId: third!.id, expectedVersion: third!.version, excluded: true });
    const p = preview(rt.ctx, query({ find: 'peace', replace: 'calm', in: 'target' }));
    expect(p.skipped).toEqual({ locked: 1, excluded: 1, forbidden: 0 });
    expect(p.replaceable.map((r) => r.pairId)).toEqual([b!.id]);
    expect(p.pairs.map((r) => r.skip)).toEqual(['locked', null, 'excluded']);
    // A request naming them anyway (a stale or forged list) still leaves them alone.
    const r = replace(rt.ctx, {
      ...query({ find: 'peace', in: 'target' }),
      replace: 'calm',
      pairs: [{ pairId: a.id, version: a.version }, { pairId: x.id, version: x.version }, ...p.replaceable],
    });
    expect(r.skipped).toEqual({ locked: 1, excluded: 1, forbidden: 0, changed: 0 });
    expect(r.replacedPairs).toBe(1);
    expect(all().map((q) => q.target)).toEqual([TARGETS[0], expect.stringContaining('calm-keeping'), TARGETS[2], TARGETS[3]]);
  });

  it('a pair edited after the preview keeps its new text and is reported as changed', () => {
    const p = preview(rt.ctx, query({ find: 'peace', replace: 'calm', in: 'target' }));
    const edited = all()[2]!;
    updateTarget(rt.ctx, { pairId: edited.id, expectedVersion: edited.version, target: 'With peace, and more peace, we begin.' });
    const r = replace(rt.ctx, { ...query({ find: 'peace', in: 'target' }), replace: 'calm', pairs: p.replaceable });
    expect(r.skipped.changed).toBe(1);
    expect(all()[2]!.target).toBe('With peace, and more peace, we begin.');
    expect(all()[0]!.target).toContain('calm-keeping');
  });

  it('a replacement that changes nothing writes no batch', () => {
    const p = preview(rt.ctx, query({ find: 'Brussels', replace: 'Brussels', in: 'target' }));
    expect(p.replaceable).toEqual([]);
    const target = all()[3]!;
    const r = replace(rt.ctx, {
      ...query({ find: 'Brussels', in: 'target' }),
      replace: 'Brussels',
      pairs: [{ pairId: target.id, version: target.version }],
    });
    expect(r.batchId).toBeNull();
    expect(listBatches(rt.ctx, documentId).filter((b) => b.origin === 'replace')).toEqual([]);
  });
});

describe('the contract', () => {
  it('refuses an empty or oversized query, a bad scope and unknown fields before the service runs', async () => {
    for (const bad of [
      { ...query({}), find: '' },
      { ...query({}), find: 'x'.repeat(1001) },
      { ...query({}), in: 'everywhere' },
      { ...query({}), extra: 1 },
    ]) {
      const r = await rt.dispatch('find:preview', bad as never);
      expect(r.ok ? 'ok' : r.error.code).toBe('bad_input');
    }
    const r = await rt.dispatch('find:preview', query({ find: '(', regex: true }));
    expect(r.ok ? 'ok' : r.error).toMatchObject({ code: 'find_bad_regex', key: 'errors.find_bad_regex' });
  });
});
