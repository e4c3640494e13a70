import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyStats, type QualitySummary, type Role, type Stats } from '../../../../src-main/shared/domain';
import DocumentActions from '../../../../src-renderer/components/review/DocumentActions.svelte';
import { i18n } from '../../../../src-renderer/lib/i18n.svelte';
import { DocumentTools } from '../../../../src-renderer/state/document-tools';
import { settings } from './fixtures';

const { invoke, on } = vi.hoisted(() => ({ invoke: vi.fn(), on: vi.fn() }));
vi.mock('../../../../src-renderer/lib/api', () => ({ api: { invoke, call: vi.fn(), on } }));

function stats(translated: number): Stats {
  const s = emptyStats();
  s.byStatus.translated = { segments: translated, words: translated * 10 };
  s.total = { segments: translated + 1, words: translated * 10 + 10 };
  return s;
}

function show(role: Role, s: Stats = stats(3), filter?: { statuses: ['translated'] }) {
  const onchanged = vi.fn();
  const tools = new DocumentTools(4, { settleDrafts: async () => {}, refreshAll: onchanged });
  render(DocumentActions, { props: { tools, stats: s, settings: settings(role), ...(filter ? { filter } : {}) } });
  return { onchanged };
}

describe('DocumentActions', () => {
  beforeEach(() => {
    i18n.set('en');
    invoke.mockReset();
    on.mockReset();
    on.mockImplementation(() => () => {});
  });
  afterEach(() => cleanup());

  it('offers bulk approval to editors only', () => {
    show('translator');
    expect(screen.queryByRole('button', { name: /Approve all translated/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Export…' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import reviewed DOCX…' })).toBeTruthy();
    cleanup();
    show('editor');
    expect(screen.getByRole('button', { name: 'Approve all translated…' })).toBeTruthy();
  });

  it('counts with a dry run, says how many, then approves exactly those pairs', async () => {
    invoke.mockImplementation(async (_c: string, input: { dryRun?: boolean }) =>
      input.dryRun
        ? { ok: true, value: { count: 10, pairIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] } }
        : { ok: true, value: { count: 10, pairIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] } },
    );
    const { onchanged } = show('editor', stats(10), { statuses: ['translated'] });
    await fireEvent.click(screen.getByRole('button', { name: 'Approve all translated (in the current filter)…' }));
    // Dialogs load on first use (components/Lazy.svelte): wait for it.
    const dialog = await screen.findByRole('dialog', { name: 'Approve translated segments' });
    expect(await within(dialog).findByText('Approve 10 translated segments?')).toBeTruthy();
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith('pairs:bulk-approve', {
      documentId: 4,
      dryRun: true,
      includeQaErrors: false,
      filter: { statuses: ['translated'] },
    });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Approve 10 segments' }));
    await vi.waitFor(() => expect(onchanged).toHaveBeenCalled());
    expect(invoke).toHaveBeenLastCalledWith('pairs:bulk-approve', {
      documentId: 4,
      pairIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      includeQaErrors: false,
    });
    expect(within(dialog).getByText('10 segments approved.')).toBeTruthy();
  });

  it('leaves pairs with QA errors out, says so, and includes them only when the editor ticks the box', async () => {
    invoke.mockImplementation(async (_c: string, input: { dryRun?: boolean; includeQaErrors?: boolean }) =>
      input.includeQaErrors
        ? { ok: true, value: { count: 3, pairIds: [1, 2, 3], withQaErrors: 0 } }
        : { ok: true, value: { count: 1, pairIds: [1], withQaErrors: 2 } },
    );
    show('editor', stats(3));
    await fireEvent.click(screen.getByRole('button', { name: 'Approve all translated…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve translated segments' });
    expect(await within(dialog).findByText('Approve 1 translated segment?')).toBeTruthy();
    const include = within(dialog).getByRole('checkbox', { name: /2 translated segments have QA errors and are left out/ });
    await fireEvent.click(include);
    expect(await within(dialog).findByText('Approve 3 translated segments?')).toBeTruthy();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Approve 3 segments' }));
    await vi.waitFor(() =>
      expect(invoke).toHaveBeenLastCalledWith('pairs:bulk-approve', { documentId: 4, pairIds: [1, 2, 3], includeQaErrors: true }),
    );
  });

  it('uses the Arabic plural forms in the confirmation', async () => {
    i18n.set('ar');
    const expected: [number, string][] = [
      [1, 'اعتماد مقطع مترجم واحد؟'],
      [2, 'اعتماد مقطعين مترجمين؟'],
      [10, 'اعتماد 10 مقاطع مترجمة؟'],
      [11, 'اعتماد 11 مقطعًا مترجمًا؟'],
      [100, 'اعتماد 100 مقطع مترجم؟'],
    ];
    for (const [count, text] of expected) {
      invoke.mockResolvedValue({ ok: true, value: { count, pairIds: Array.from({ length: count }, (_, i) => i + 1) } });
      show('editor', stats(count));
      await fireEvent.click(screen.getByRole('button', { name: 'اعتماد كل المترجَم…' }));
      const dialog = await screen.findByRole('dialog');
      // Digits as the UI locale writes them.
      const n = new Intl.NumberFormat('ar').format(count);
      expect(await within(dialog).findByText(text.replace(String(count), n))).toBeTruthy();
      cleanup();
    }
  });

  it('opens the export dialog from the application menu, for this document only', async () => {
    let menu: ((e: { command: string; documentId?: number }) => void) | undefined;
    on.mockImplementation((event: string, cb: typeof menu) => {
      if (event === 'menu:command') menu = cb;
      return () => {};
    });
    invoke.mockResolvedValue({ ok: true, value: { version: '0', transport: 'http', dataPath: '/d', nativeDialogs: false } });
    show('translator');
    expect(menu).toBeDefined();
    menu!({ command: 'export', documentId: 99 });
    await Promise.resolve();
    expect(screen.queryByRole('dialog', { name: 'Export' })).toBeNull();
    menu!({ command: 'export', documentId: 4 });
    expect(await screen.findByRole('dialog', { name: 'Export' })).toBeTruthy();
  });

  it('says so when nothing is left to approve', async () => {
    invoke.mockResolvedValue({ ok: true, value: { count: 0, pairIds: [] } });
    show('editor', stats(2));
    await fireEvent.click(screen.getByRole('button', { name: 'Approve all translated…' }));
    expect(await screen.findByText('There are no translated segments to approve.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Approve \d/ })).toBeNull();
  });

  it('shows the quality summary table', async () => {
    const summary: QualitySummary = {
      byCategory: {
        accuracy: { minor: 0, major: 1, critical: 0 },
        fluency: { minor: 2, major: 0, critical: 0 },
        terminology: { minor: 0, major: 0, critical: 1 },
        style: { minor: 0, major: 0, critical: 0 },
        locale: { minor: 0, major: 0, critical: 0 },
        other: { minor: 0, major: 0, critical: 0 },
      },
      errors: 4,
      penaltyPoints: 17,
      reviewedWords: 850,
      reviewedSegments: 12,
      penaltyPer1000: 20,
      score: 80,
    };
    invoke.mockResolvedValue({ ok: true, value: summary });
    show('translator');
    await fireEvent.click(screen.getByRole('button', { name: 'Quality…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Quality summary' });
    expect((await within(dialog).findByTestId('quality-score')).textContent).toContain('80');
    expect(invoke).toHaveBeenCalledWith('stats:quality', { documentId: 4 });
    const row = within(dialog).getByRole('row', { name: /Terminology/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['0', '0', '1', '1']);
    const fluency = within(dialog).getByRole('row', { name: /Fluency/ });
    expect(
      within(fluency)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2', '0', '0', '2']);
    expect(within(dialog).getByText('Penalty points').nextElementSibling?.textContent).toBe('17');
    expect(within(dialog).getByText('Penalty per 1,000 words').nextElementSibling?.textContent).toBe('20');
    expect(within(dialog).getByText('Reviewed words').nextElementSibling?.textContent).toBe('850');
  });
});
