// Whole-document actions of the workspace toolbar: the quality summary, bulk approval, export and
// the re-import of a reviewed bilingual file. Writes first save the workspace's unsaved drafts (an
// export or an approval applies to the text on screen) and then let the workspace reload.
import type { ExportResult, Events, Input, PairFilter, ReviewImportPreview } from '../../src-main/shared/contract';
import type { QualitySummary } from '../../src-main/shared/domain';
import type { Result } from '../../src-main/shared/errors';
import { api } from '../lib/api';
import { MemoryTools } from './memory-tools';
import { notices } from './notices.svelte';

export type ExportOptions = Omit<Input<'io:export'>, 'documentId'>;
export type ReviewApplyStatus = Input<'io:review-apply'>['status'];

export interface DocumentToolsHost {
  /** Saves every unsaved draft of the document. */
  settleDrafts(): Promise<void>;
  /** Pairs changed in bulk: reload what is shown. */
  refreshAll(): void;
}

const standalone: DocumentToolsHost = { settleDrafts: async () => {}, refreshAll: () => {} };

export class DocumentTools {
  readonly documentId: number;
  private readonly host: DocumentToolsHost;
  /** Analysis, pre-translation and its batches. */
  readonly memory: MemoryTools;

  constructor(documentId: number, host: DocumentToolsHost = standalone) {
    this.documentId = documentId;
    this.host = host;
    this.memory = new MemoryTools(documentId, host);
  }

  quality(): Promise<Result<QualitySummary>> {
    return api.invoke('stats:quality', { documentId: this.documentId });
  }

  /** A dry run: which translated pairs (in the filter) an approval would take. */
  async countApprovable(
    filter?: PairFilter,
    includeQaErrors = false,
  ): Promise<Result<{ count: number; pairIds: number[]; withQaErrors: number }>> {
    await this.host.settleDrafts();
    return api.invoke('pairs:bulk-approve', {
      documentId: this.documentId,
      dryRun: true,
      includeQaErrors,
      ...(filter ? { filter } : {}),
    });
  }

  /** Approves exactly the counted pairs: one translated since the count is not approved unseen. */
  async approve(pairIds: number[], includeQaErrors = false): Promise<Result<{ count: number; pairIds: number[] }>> {
    await this.host.settleDrafts();
    const r = await api.invoke('pairs:bulk-approve', { documentId: this.documentId, pairIds, includeQaErrors });
    if (r.ok) this.done();
    return r;
  }

  async export(options: ExportOptions): Promise<Result<ExportResult>> {
    await this.host.settleDrafts();
    const r = await api.invoke('io:export', { documentId: this.documentId, ...options });
    if (r.ok) notices.succeeded();
    return r;
  }

  onExportProgress(listener: (p: Events['export:progress']) => void): () => void {
    return api.on('export:progress', (p) => {
      if (p.documentId === this.documentId) listener(p);
    });
  }

  /** The native file dialog (Electron only). Null when the user cancelled. */
  pickFile(): Promise<Result<{ fileName: string; dataBase64: string } | null>> {
    return api.invoke('io:pick-import', {});
  }

  async previewReview(fileName: string, dataBase64: string): Promise<Result<ReviewImportPreview>> {
    await this.host.settleDrafts();
    return api.invoke('io:review-preview', { documentId: this.documentId, fileName, dataBase64 });
  }

  async applyReview(
    token: string,
    pairIds: number[],
    status: ReviewApplyStatus,
  ): Promise<Result<{ applied: number; backupPath: string }>> {
    await this.host.settleDrafts();
    const r = await api.invoke('io:review-apply', { documentId: this.documentId, token, pairIds, status });
    if (r.ok) this.done();
    return r;
  }

  /** A bulk write went through: the workspace reloads, and earlier errors are over. */
  private done(): void {
    this.host.refreshAll();
    notices.succeeded();
  }
}

/** The application menu's commands (File → Import, Export, …). */
export function onMenuCommand(listener: (e: Events['menu:command']) => void): () => void {
  return api.on('menu:command', listener);
}
