// The Find & replace dialog's hits marked in the grid: the preview's own ranges through the cell
// decorations, only while they answer the query as it stands and the text is the one previewed,
// and gone when the dialog lets go.
import { describe, expect, it, vi } from 'vitest';
import type { FindResult } from '../../../src-main/shared/find';
import { FindReplaceState } from '../../../src-renderer/state/find.svelte';
import { WorkspaceState } from '../../../src-renderer/state/workspace.svelte';
import { pair } from './review/fixtures';

vi.mock('../../../src-renderer/lib/api', () => ({
  api: {
    invoke: vi.fn(async () => ({ ok: false, error: { code: 'internal', key: 'errors.internal' } })),
    call: vi.fn(),
    on: vi.fn(() => () => {}),
  },
}));

const SOURCE = 'وأوضح الرئيس أن منظمة معاهدة الأمن الجماعي أرسلت قوات حفظ السلام.';
const TARGET = 'The CSTO sent peace-keeping forces.';

function preview(): FindResult {
  return {
    pairs: [
      {
        pairId: 7,
        position: 0,
        version: 3,
        source: SOURCE,
        target: TARGET,
        sourceHits: [[30, 35]],
        targetHits: [[14, 27]],
        after: 'The CSTO sent peacekeeping forces.',
        skip: null,
      },
    ],
    matchedPairs: 1,
    sourceHits: 1,
    targetHits: 1,
    replaceable: [{ pairId: 7, version: 3 }],
    replaceableHits: 1,
    skipped: { locked: 0, excluded: 0, forbidden: 0 },
  };
}

describe('find & replace marks in the grid', () => {
  it('marks the previewed hits while the query stands, and stops when released', () => {
    const ws = new WorkspaceState(1);
    const fr = new FindReplaceState(ws);
    const p = pair({ id: 7, source: SOURCE, target: TARGET, status: 'draft' });
    const shown = { text: TARGET, codes: null };
    fr.query = {
      find: 'peace-keeping',
      replace: 'peacekeeping',
      scope: 'both',
      matchCase: false,
      wholeWord: false,
      regex: false,
    };
    fr.result = { query: { ...fr.query }, value: preview() };
    expect(ws.decorations.of(p, shown).target).toEqual([]); // no layer until the dialog asks for one

    const release = fr.markGrid();
    const d = ws.decorations.of(p, shown);
    expect(d.source).toEqual([{ start: 30, end: 35, kind: 'search' }]);
    expect(d.target).toEqual([{ start: 14, end: 27, kind: 'search' }]);
    // Another pair: nothing. The English being edited away from the previewed text: no target marks.
    expect(ws.decorations.of(pair({ id: 8, source: SOURCE, target: TARGET }), shown).target).toEqual([]);
    expect(ws.decorations.of(p, { text: 'The CSTO sent the peace-keeping forces.', codes: null }).target).toEqual([]);
    // A new replacement asks the same question: still marked. A changed query: not until previewed.
    fr.query.replace = 'peacekeeping (PK)';
    expect(ws.decorations.of(p, shown).target).toHaveLength(1);
    fr.query.matchCase = true;
    expect(ws.decorations.of(p, shown)).toEqual({ source: [], target: [] });
    fr.query.matchCase = false;
    expect(ws.decorations.of(p, shown).target).toHaveLength(1);

    release();
    expect(ws.decorations.has('find')).toBe(false);
    expect(ws.decorations.of(p, shown)).toEqual({ source: [], target: [] });
  });
});
