// The document's translation-memory actions (the toolbar's Analysis and Pre-translate dialogs):
// analysis by match band, pre-translation with a dry run first, and the batches it and repetition
// propagation wrote, each undoable. Pre-translation fills only empty targets, so the drafts on
// screen are saved first: a paragraph being typed is never counted as empty.
import type { Events, TmAnalysis, TmBatch, TmPretranslateResult } from '../../src-main/shared/contract';
import type { Result } from '../../src-main/shared/errors';
import { api } from '../lib/api';
import { t } from '../lib/i18n.svelte';
import type { DocumentToolsHost } from './document-tools';
import { notices } from './notices.svelte';

export type UndoBatchResult = { restored: number[]; refused: { pairId: number; reason: string }[] };

/** What wrote a batch, in the UI language (the batches list and the pair history). */
export function batchKindLabel(origin: string): string {
  switch (origin) {
    case 'propagate':
      return t('assist.pretranslate.kindPropagate');
    case 'mt':
      return t('assist.pretranslate.kindMt');
    case 'replace':
      return t('assist.pretranslate.kindReplace');
    default:
      return t('assist.pretranslate.kindPretranslate');
  }
}

export class MemoryTools {
  readonly documentId: number;
  private readonly host: DocumentToolsHost;

  constructor(documentId: number, host: DocumentToolsHost) {
    this.documentId = documentId;
    this.host = host;
  }

  async analyze(): Promise<Result<TmAnalysis>> {
    await this.host.settleDrafts();
    return api.invoke('tm:analyze', { documentId: this.documentId });
  }

  /** What a pre-translation at `minScore` would fill, writing nothing. */
  async preview(minScore: number): Promise<Result<TmPretranslateResult>> {
    await this.host.settleDrafts();
    return api.invoke('tm:pretranslate', { documentId: this.documentId, minScore, dryRun: true });
  }

  /** Runs as a long job named `jobId`: `cancel(jobId)` stops it and nothing is written. */
  async pretranslate(minScore: number, jobId: string): Promise<Result<TmPretranslateResult>> {
    await this.host.settleDrafts();
    const r = await api.invoke('tm:pretranslate', { documentId: this.documentId, minScore, jobId });
    if (r.ok) this.done();
    return r;
  }

  cancel(jobId: string): void {
    void api.invoke('jobs:cancel', { jobId });
  }

  batches(): Promise<Result<TmBatch[]>> {
    return api.invoke('tm:batches', { documentId: this.documentId });
  }

  async undoBatch(batchId: number): Promise<Result<UndoBatchResult>> {
    await this.host.settleDrafts();
    const r = await api.invoke('tm:undo-batch', { batchId });
    if (r.ok) this.done();
    return r;
  }

  onProgress(phase: Events['tm:progress']['phase'], listener: (p: Events['tm:progress']) => void): () => void {
    return api.on('tm:progress', (p) => {
      if (p.documentId === this.documentId && p.phase === phase) listener(p);
    });
  }

  private done(): void {
    this.host.refreshAll();
    notices.succeeded();
  }
}
