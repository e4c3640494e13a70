import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXPORT_FORMATS, LAYOUT_EXPORTS, type ExportFormat } from '../../../../src-main/shared/domain';
import ExportDialog from '../../../../src-renderer/components/export/ExportDialog.svelte';
import { i18n, t } from '../../../../src-renderer/lib/i18n.svelte';
import { DocumentTools } from '../../../../src-renderer/state/document-tools';
import { settings as app } from '../../../../src-renderer/state/settings.svelte';

const { invoke, on, downloadBase64 } = vi.hoisted(() => ({ invoke: vi.fn(), on: vi.fn(), downloadBase64: vi.fn() }));
vi.mock('../../../../src-renderer/lib/api', () => ({ api: { invoke, call: vi.fn(), on } }));
vi.mock('../../../../src-renderer/lib/files', () => ({ downloadBase64, readFileAsBase64: vi.fn() }));

type Listener = (p: { documentId: number; done: number; total: number }) => void;
let progressListener: Listener | null = null;

/** What the app learnt at start-up: Electron (native dialogs) or the browser. */
function info(nativeDialogs: boolean) {
  app.info = { version: '0.1.0', transport: nativeDialogs ? 'ipc' : 'http', dataPath: '/d', nativeDialogs, systemUserName: null };
}

function serve(nativeDialogs: boolean, exportResult: unknown) {
  info(nativeDialogs);
  invoke.mockImplementation(async (channel: string) => {
    if (channel === 'io:export') return exportResult;
    return { ok: false, error: { code: 'internal', key: 'errors.internal' } };
  });
}

async function open(formats?: readonly ExportFormat[]) {
  render(ExportDialog, { props: { tools: new DocumentTools(3), onclose: vi.fn(), ...(formats ? { formats } : {}) } });
  const submit = await screen.findByRole('button', { name: /^(Download|Save as…)$/ });
  await vi.waitFor(() => expect((submit as HTMLButtonElement).disabled).toBe(false));
  return submit;
}

const exportCalls = () => invoke.mock.calls.filter(([c]) => c === 'io:export').map(([, input]) => input);

describe('ExportDialog', () => {
  beforeEach(() => {
    i18n.set('en');
    invoke.mockReset();
    downloadBase64.mockReset();
    on.mockReset();
    progressListener = null;
    on.mockImplementation((event: string, cb: Listener) => {
      if (event === 'export:progress') progressListener = cb;
      return () => {};
    });
  });
  afterEach(() => cleanup());

  it('offers the layout formats only when the document has its original file', async () => {
    serve(false, { ok: true, value: {} });
    await open();
    const radios = screen.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.value)).toEqual(EXPORT_FORMATS.filter((f) => LAYOUT_EXPORTS[f] === undefined));
  });

  it('offers every export format with a translated label', async () => {
    serve(false, { ok: true, value: {} });
    await open(EXPORT_FORMATS);
    const radios = screen.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.value)).toEqual([...EXPORT_FORMATS]);
    for (const f of EXPORT_FORMATS) {
      const label = t(`export.formats.${f}.label`);
      expect(label).not.toContain('export.formats');
      expect(screen.getByLabelText(new RegExp(label.replace(/[()]/g, '\\$&')))).toBeTruthy();
    }
    expect(screen.getByLabelText(/Bilingual review table \(DOCX\)/)).toHaveProperty('checked', true);
  });

  it('in the browser, asks for the bytes and downloads them as a file', async () => {
    serve(false, {
      ok: true,
      value: {
        fileName: 'article.ar-en.2.xlf',
        mime: 'application/xliff+xml',
        dataBase64: 'PHhsaWZmLz4=',
        cancelled: false,
        bytes: 9,
      },
    });
    const submit = await open();
    expect(submit.textContent).toContain('Download');
    await fireEvent.click(screen.getByLabelText(/XLIFF 2\.0/));
    await fireEvent.click(screen.getByLabelText('Approved segments only'));
    await fireEvent.click(screen.getByLabelText('Mark untranslated segments'));
    await fireEvent.click(submit);
    await vi.waitFor(() =>
      expect(downloadBase64).toHaveBeenCalledWith('article.ar-en.2.xlf', 'application/xliff+xml', 'PHhsaWZmLz4='),
    );
    expect(exportCalls()).toEqual([{ documentId: 3, format: 'xliff20', approvedOnly: true, markUntranslated: false }]);
    expect((await screen.findByTestId('export-result')).textContent).toContain('article.ar-en.2.xlf');
  });

  it('in Electron, lets the main process show the save dialog and reports the path', async () => {
    serve(true, {
      ok: true,
      value: { fileName: 'a.review.docx', mime: 'x', savedPath: '/home/huda/a.review.docx', cancelled: false, bytes: 2048 },
    });
    const submit = await open();
    expect(submit.textContent).toContain('Save as…');
    await fireEvent.click(submit);
    expect((await screen.findByTestId('export-result')).textContent).toContain('/home/huda/a.review.docx');
    expect(exportCalls()).toEqual([
      { documentId: 3, format: 'docx-bilingual', approvedOnly: false, markUntranslated: true, saveAs: true },
    ]);
    expect(downloadBase64).not.toHaveBeenCalled();
  });

  it('asks for the QA column only for the bilingual review, when ticked', async () => {
    serve(true, {
      ok: true,
      value: { fileName: 'a.review.docx', mime: 'x', savedPath: '/tmp/a.review.docx', cancelled: false, bytes: 10 },
    });
    const submit = await open();
    await fireEvent.click(screen.getByTestId('export-qa-column'));
    await fireEvent.click(submit);
    await vi.waitFor(() => expect(exportCalls()).toHaveLength(1));
    expect(exportCalls()[0]).toMatchObject({ format: 'docx-bilingual', qaColumn: true });
    await fireEvent.click(screen.getByDisplayValue('csv'));
    expect(screen.queryByTestId('export-qa-column')).toBeNull();
  });

  it('says nothing when the save dialog is cancelled', async () => {
    serve(true, { ok: true, value: { fileName: 'a.docx', mime: 'x', cancelled: true, bytes: 10 } });
    const submit = await open();
    await fireEvent.click(submit);
    await vi.waitFor(() => expect(exportCalls()).toHaveLength(1));
    await vi.waitFor(() => expect((submit as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId('export-result')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a failed export as a translated error', async () => {
    serve(false, { ok: false, error: { code: 'export_failed', key: 'errors.export_failed', params: { format: 'docx' } } });
    const submit = await open();
    await fireEvent.click(submit);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(t('errors.export_failed', { format: 'docx' }));
    expect(alert.textContent).not.toContain('errors.');
    expect(downloadBase64).not.toHaveBeenCalled();
  });

  it('shows progress events for this document while exporting', async () => {
    let finish: (v: unknown) => void = () => {};
    info(false);
    invoke.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    const submit = await open();
    await fireEvent.click(submit);
    expect(progressListener).not.toBeNull();
    progressListener!({ documentId: 99, done: 1, total: 10 });
    progressListener!({ documentId: 3, done: 400, total: 1000 });
    const bar = () => document.querySelector('progress');
    await vi.waitFor(() => expect(bar()?.value).toBe(400));
    expect(bar()?.max).toBe(1000);
    finish({ ok: true, value: { fileName: 'a.txt', mime: 'text/plain', dataBase64: 'YQ==', cancelled: false, bytes: 1 } });
    await vi.waitFor(() => expect(document.querySelector('progress')).toBeNull());
  });
});
