// The library: documents, recent ones, and the import flow (inspect → preview → import).
import type { ImportPreview, RecentDocument } from '../../src-main/shared/contract';
import type { DocumentSummary, Encoding } from '../../src-main/shared/domain';
import type { AppError } from '../../src-main/shared/errors';
import { api } from '../lib/api';
import { newJobId } from '../lib/job-id';
import { type PickedFile } from '../lib/files';
import { formatNumber, t } from '../lib/i18n.svelte';
import { notices } from './notices.svelte';

export interface ImportFlow {
  /** Identifies one inspection: late answers for an older one are dropped. */
  seq: number;
  file: PickedFile;
  preview: ImportPreview | null;
  /** The encoding the user chose over the detected one. */
  encoding: Encoding | null;
  error: AppError | null;
  /** A translation memory file: it goes to `tm:import`, not to the library. */
  tmx: boolean;
  busy: boolean;
  progress: { done: number; total: number } | null;
  /** The running import's job id (docs/ARCHITECTURE.md, "Long jobs"): its progress and its Cancel. */
  jobId: string | null;
  /** Cancel was pressed: the main process is rolling the import back. */
  cancelling: boolean;
}

/** A job id the caller chooses; unique enough within one window's session. */
class LibraryState {
  docs = $state<DocumentSummary[]>([]);
  recent = $state<RecentDocument[]>([]);
  loaded = $state(false);
  loadError = $state<AppError | null>(null);
  flow = $state<ImportFlow | null>(null);
  private seq = 0;
  private off: (() => void)[] = [];

  start(): () => void {
    this.off.push(
      api.on('documents:changed', () => void this.refresh()),
      api.on('job:progress', (p) => {
        if (this.flow?.jobId === p.jobId) this.flow.progress = { done: p.done, total: p.total };
      }),
    );
    return () => {
      for (const off of this.off) off();
      this.off = [];
    };
  }

  async refresh(): Promise<void> {
    const [docs, recent] = await Promise.all([api.invoke('documents:list', {}), api.invoke('documents:recent', {})]);
    if (docs.ok) {
      this.docs = docs.value;
      this.loadError = null;
    } else this.loadError = docs.error;
    if (recent.ok) this.recent = recent.value;
    this.loaded = true;
  }

  /** Shows what a file would become before anything is stored. */
  async inspect(file: PickedFile, encoding: Encoding | null = null): Promise<void> {
    const seq = ++this.seq;
    const preview = this.flow && this.flow.file.dataBase64 === file.dataBase64 ? this.flow.preview : null;
    this.flow = {
      seq,
      file,
      preview,
      encoding,
      error: null,
      tmx: false,
      busy: true,
      progress: null,
      jobId: null,
      cancelling: false,
    };
    const r = await api.invoke('documents:inspect-import', {
      fileName: file.fileName,
      dataBase64: file.dataBase64,
      ...(encoding ? { encoding } : {}),
    });
    if (!this.flow || this.flow.seq !== seq) return;
    this.flow.busy = false;
    if (r.ok) {
      this.flow.preview = r.value;
      this.flow.tmx = r.value.format === 'tmx';
    } else if (r.error.code === 'import_unsupported' && r.error.params?.format === 'tmx') {
      // Not a document to review, but memory: offer to store its units instead.
      this.flow.tmx = true;
    } else this.flow.error = r.error;
  }

  /** The native file dialog (Electron), then the preview of the chosen file. */
  async pickNative(): Promise<void> {
    const r = await api.invoke('io:pick-import', {});
    if (!r.ok) notices.error(r.error);
    else if (r.value) await this.inspect(r.value);
  }

  async changeEncoding(encoding: Encoding): Promise<void> {
    if (this.flow) await this.inspect($state.snapshot(this.flow.file), encoding);
  }

  /** Closes the dialog; during an import, asks the main process to stop it and roll it back first. */
  cancel(): void {
    const flow = this.flow;
    if (flow?.jobId) {
      if (flow.cancelling) return;
      flow.cancelling = true;
      // The import's own call answers 'cancelled' (or its document, if it was already past saving).
      void api.invoke('jobs:cancel', { jobId: flow.jobId });
      return;
    }
    this.flow = null;
  }

  /** Imports the inspected file; returns the new document (null for TMX or on error). */
  async confirm(): Promise<DocumentSummary | null> {
    const flow = this.flow;
    if (!flow || (!flow.preview && !flow.tmx) || flow.busy) return null;
    flow.busy = true;
    flow.error = null;
    flow.progress = null;
    flow.jobId = newJobId('import');
    const jobId = flow.jobId;
    const { fileName, dataBase64 } = flow.file;
    if (flow.tmx) {
      const r = await api.invoke('tm:import', { fileName, dataBase64, jobId });
      if (this.stopped(flow, r)) return null;
      if (!r.ok) {
        flow.error = r.error;
        return null;
      }
      this.flow = null;
      notices.succeeded();
      notices.info(
        t('import.tmStored', { count: r.value.stored, n: formatNumber(r.value.stored), known: formatNumber(r.value.known) }),
      );
      return null;
    }
    const r = await api.invoke('documents:import', {
      fileName,
      dataBase64,
      ...(flow.encoding ? { encoding: flow.encoding } : {}),
      ...(flow.preview && flow.preview.duplicates.length > 0 ? { allowDuplicate: true } : {}),
      jobId,
    });
    if (this.stopped(flow, r)) return null;
    if (!r.ok) {
      flow.error = r.error;
      return null;
    }
    this.flow = null;
    notices.succeeded();
    await this.refresh();
    return r.value;
  }

  /** Ends a finished import call; true when it was cancelled (the dialog closes, nothing was stored). */
  private stopped(flow: ImportFlow, r: { ok: true } | { ok: false; error: AppError }): boolean {
    flow.busy = false;
    flow.jobId = null;
    flow.cancelling = false;
    if (r.ok || r.error.code !== 'cancelled') return false;
    if (this.flow === flow) this.flow = null;
    notices.info(t('errors.cancelled'));
    return true;
  }

  async rename(documentId: number, name: string): Promise<boolean> {
    const r = await api.invoke('documents:rename', { documentId, name });
    if (!r.ok) {
      notices.error(r.error);
      return false;
    }
    this.docs = this.docs.map((d) => (d.id === documentId ? r.value : d));
    notices.succeeded();
    return true;
  }

  async remove(documentId: number): Promise<boolean> {
    const r = await api.invoke('documents:delete', { documentId });
    if (!r.ok) {
      notices.error(r.error);
      return false;
    }
    notices.succeeded();
    await this.refresh();
    return true;
  }
}

export const library = new LibraryState();
