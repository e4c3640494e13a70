// The long jobs: each one's body, run with a service context (the job worker's own connection, or
// the caller's for the CLI and tests). Loaded on use: it imports every service a job needs.
import type { ParsedInput } from '../shared/contract';
import type { ServiceContext } from '../services/context';
import * as documents from '../services/documents';
import * as io from '../services/io';
import * as qa from '../services/qa';
import * as tm from '../services/tm';
import * as tmWrites from '../services/tm-writes';

// Decoded where the job runs: a 40 MB file is not decoded on the main thread. A Buffer is a
// Uint8Array already: copying it would hold the file twice.
const bytes = (b64: string): Uint8Array => Buffer.from(b64, 'base64');

export const jobTable = {
  'documents:import': (ctx: ServiceContext, input: ParsedInput<'documents:import'>) =>
    documents.importDocument(ctx, { ...input, bytes: bytes(input.dataBase64) }),
  /** Renders only: saving through the desktop's dialog happens where the dialog is (io.exportForRenderer). */
  'io:export': (ctx: ServiceContext, input: io.ExportRequest) => io.renderExport(ctx, input),
  'io:review-preview': (ctx: ServiceContext, input: ParsedInput<'io:review-preview'>) =>
    io.reviewPreview(ctx, input.documentId, input.fileName, bytes(input.dataBase64)),
  // The preview's pending changes live with the runner that made them: apply runs there too.
  'io:review-apply': (ctx: ServiceContext, input: ParsedInput<'io:review-apply'>) => io.reviewApply(ctx, input),
  'tm:import': (ctx: ServiceContext, input: ParsedInput<'tm:import'>) =>
    tm.importTmx(ctx, input.fileName, bytes(input.dataBase64)),
  'tm:pretranslate': (ctx: ServiceContext, input: ParsedInput<'tm:pretranslate'>) => tmWrites.pretranslate(ctx, input),
  // Reads only, but each one a pass over the whole document: a best match per paragraph, or a
  // GROUP BY over the folded sources (about a second for 100k pairs).
  'tm:analyze': (ctx: ServiceContext, input: ParsedInput<'tm:analyze'>) => tm.analyze(ctx, input.documentId),
  'tm:repetitions': (ctx: ServiceContext, input: ParsedInput<'tm:repetitions'>) => tm.repetitions(ctx, input.documentId),
  /** Queued after an import (services/documents.ts queueSearchIndex): indexes every unindexed document. */
  'search:index': (ctx: ServiceContext, _input: { jobId?: string | undefined }) => documents.indexForSearch(ctx),
  'qa:report': (ctx: ServiceContext, input: ParsedInput<'qa:report'>) => qa.documentQa(ctx, input.documentId),
  /** The stored QA summary brought up to date (the "has QA issues" filter): nothing to return. */
  'qa:judge': (ctx: ServiceContext, input: { documentId: number }) => {
    qa.judgeDocument(ctx, input.documentId);
    return null;
  },
};

export type JobTable = typeof jobTable;
