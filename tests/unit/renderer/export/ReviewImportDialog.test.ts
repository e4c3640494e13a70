import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReviewChange, ReviewImportPreview } from '../../../../src-main/shared/contract';
import type { Role } from '../../../../src-main/shared/domain';
import ReviewImportDialog from '../../../../src-renderer/components/export/ReviewImportDialog.svelte';
import { i18n } from '../../../../src-renderer/lib/i18n.svelte';
import { DocumentTools } from '../../../../src-renderer/state/document-tools';
import { settings as app } from '../../../../src-renderer/state/settings.svelte';
import { settings } from '../review/fixtures';

const { invoke, readFileAsBase64 } = vi.hoisted(() => ({ invoke: vi.fn(), readFileAsBase64: vi.fn() }));
vi.mock('../../../../src-renderer/lib/api', () => ({ api: { invoke, call: vi.fn(), on: vi.fn(() => () => {}) } }));
vi.mock('../../../../src-renderer/lib/files', () => ({ readFileAsBase64, downloadBase64: vi.fn() }));

function change(over: Partial<ReviewChange> & Pick<ReviewChange, 'pairId' | 'position'>): ReviewChange {
  return {
    source: 'وقالت زاخاروفا إن روسيا مستعدة',
    before: 'Zakharova said Russia is ready',
    after: 'Zakharova said Russia was ready',
    conflict: false,
    current: 'Zakharova said Russia is ready',
    status: 'translated',
    locked: false,
    ...over,
  };
}

const preview: ReviewImportPreview = {
  token: 'tok-1',
  changes: [
    change({ pairId: 11, position: 0 }),
    change({ pairId: 12, position: 1, conflict: true, current: 'Zakharova stated Russia is ready' }),
    change({ pairId: 13, position: 2, status: 'approved', locked: true }),
  ],
  unchanged: 8,
  unknownRows: [14],
  missingPairIds: [99],
  reordered: true,
};

async function load(role: Role) {
  invoke.mockImplementation(async (channel: string) => {
    if (channel === 'io:review-preview') return { ok: true, value: preview };
    if (channel === 'io:review-apply') return { ok: true, value: { applied: 1, backupPath: '/data/backups/document-4.json' } };
    return { ok: false, error: { code: 'internal', key: 'errors.internal' } };
  });
  readFileAsBase64.mockResolvedValue({ fileName: 'reviewed.docx', dataBase64: 'UEsDBA==' });
  app.info = { version: '0', transport: 'http', dataPath: '/d', nativeDialogs: false, systemUserName: null };
  const onapplied = vi.fn();
  const tools = new DocumentTools(4, { settleDrafts: async () => {}, refreshAll: onapplied });
  render(ReviewImportDialog, { props: { tools, settings: settings(role), onclose: vi.fn() } });
  const input = screen.getByLabelText('Reviewed bilingual DOCX') as HTMLInputElement;
  const file = new File([new Uint8Array([0x50, 0x4b])], 'reviewed.docx');
  Object.defineProperty(input, 'files', { value: [file] });
  await fireEvent.change(input);
  await screen.findAllByTestId('review-change');
  return { onapplied };
}

describe('ReviewImportDialog', () => {
  beforeEach(() => {
    i18n.set('en');
    invoke.mockReset();
  });
  afterEach(() => cleanup());

  it('previews every change with a word diff and reports warnings', async () => {
    await load('translator');
    expect(invoke).toHaveBeenCalledWith('io:review-preview', {
      documentId: 4,
      fileName: 'reviewed.docx',
      dataBase64: 'UEsDBA==',
    });
    const rows = screen.getAllByTestId('review-change');
    expect(rows).toHaveLength(3);
    const first = rows[0]!;
    expect(within(first).getByText('Segment 1')).toBeTruthy();
    const source = first.querySelector('[lang="ar"]')!;
    expect(source.getAttribute('dir')).toBe('rtl');
    expect(first.querySelector('del')?.textContent).toBe('is');
    expect(first.querySelector('ins')?.textContent).toBe('was');
    // The conflict shows what Qalam has now against the file.
    expect(within(rows[1]!).getByText('Changed in Qalam since the export')).toBeTruthy();
    expect(within(rows[1]!).getByText('Zakharova stated Russia is ready')).toBeTruthy();
    const summary = screen.getByTestId('review-summary').textContent ?? '';
    expect(summary).toContain('3 changed segments.');
    expect(summary).toContain('8 rows unchanged.');
    expect(summary).toContain('1 segment was changed in Qalam since the export');
    expect(summary).toContain('row 14');
    expect(summary).toContain('1 exported segment is missing from the file.');
    expect(summary).toContain('matched by ID');
  });

  it('selects all but conflicts by default, never a locked pair, and applies the chosen ones with the status', async () => {
    const { onapplied } = await load('translator');
    const boxes = screen.getAllByRole('checkbox') as HTMLInputElement[];
    expect(boxes.map((b) => [b.checked, b.disabled])).toEqual([
      [true, false],
      [false, false],
      [false, true],
    ]);
    expect(
      within(screen.getAllByTestId('review-change')[2]!).getByText('Approved and locked: reopen it first to change it.'),
    ).toBeTruthy();
    // A translator cannot apply as approved.
    const status = screen.getByLabelText('Status of applied segments') as HTMLSelectElement;
    expect([...status.options].map((o) => o.value)).toEqual(['draft', 'translated']);
    expect(status.value).toBe('translated');
    await fireEvent.click(boxes[1]!);
    await fireEvent.change(status, { target: { value: 'draft' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Apply 2 changes' }));
    await vi.waitFor(() => expect(onapplied).toHaveBeenCalled());
    expect(invoke).toHaveBeenCalledWith('io:review-apply', { documentId: 4, token: 'tok-1', pairIds: [11, 12], status: 'draft' });
    expect(screen.getByTestId('review-applied').textContent).toBe(
      '1 change applied; backup saved to /data/backups/document-4.json',
    );
  });

  it('lets an editor apply changes as approved', async () => {
    await load('editor');
    const status = screen.getByLabelText('Status of applied segments') as HTMLSelectElement;
    expect([...status.options].map((o) => o.value)).toEqual(['draft', 'translated', 'approved']);
  });
});
