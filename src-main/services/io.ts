// Exports, the bilingual-review round trip and TMX import. Format code is loaded on first use:
// docx and the XML writers are large and the app should not pay for them at start-up.
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportResult, ParsedInput, ReviewChange, ReviewImportPreview } from '../shared/contract';
import {
  checkAction,
  LAYOUT_EXPORTS,
  type DocumentSummary,
  type ExportFormat,
  type ImportFormat,
  type Pair,
} from '../shared/domain';
import { QalamError } from '../shared/errors';
import { codesFromTokens, codesOrNull, sameCodes, type InlineCode } from '../shared/inline';
import type { BilingualRow } from '../formats/docx-bilingual';
import type { ExportedFile, ExportModel, ExportPair } from '../formats/model';
import { writeFileAtomic, writeFileAtomicStream } from '../fs-atomic';
import { commentsOfDocument } from '../store/repos/comments';
import { documentStats } from '../store/repos/documents';
import * as repo from '../store/repos/pairs';
import { getSkeleton } from '../store/repos/skeletons';
import { insertSnapshot, latestSnapshot } from '../store/repos/snapshots';
import { actor, type ServiceContext } from './context';
import { getDocument } from './documents';
import { applyChange, batchTransaction } from './pair-writes';

export interface ExportRequest {
  documentId: number;
  format: ExportFormat;
  approvedOnly?: boolean | undefined;
  markUntranslated?: boolean | undefined;
  csvRaw?: boolean | undefined;
  /** Bilingual review only: a column with each pair's standing QA issues. */
  qaColumn?: boolean | undefined;
}

/** The document as an export's header names it (the in-memory model and the streamed DOCX alike). */
function exportedDocument(doc: DocumentSummary): ExportModel['document'] {
  const { id, name, fileName, sourceLang, targetLang, createdAt } = doc;
  return { id, name, fileName, sourceLang, targetLang, createdAt };
}

export function buildModel(ctx: ServiceContext, req: ExportRequest): ExportModel {
  const doc = getDocument(ctx, req.documentId);
  const layoutOf = LAYOUT_EXPORTS[req.format];
  if (layoutOf !== undefined && (!doc.hasSkeleton || doc.format !== layoutOf)) throw new QalamError('export_no_skeleton');
  const comments = commentsOfDocument(ctx.db, doc.id);
  const pairs = repo.pairsOfDocument(ctx.db, doc.id).map((p) => exportPair(p, comments, doc.createdAt));
  return {
    document: exportedDocument(doc),
    exportedAt: ctx.now(),
    exportedBy: actor(ctx).name,
    pairs,
    stats: documentStats(ctx.db, doc.id),
    options: {
      approvedOnly: req.approvedOnly ?? false,
      markUntranslated: req.markUntranslated ?? !req.approvedOnly,
      csvRaw: req.csvRaw ?? false,
    },
    // Only writers that put the translation back into the imported file read the blob: the layout
    // formats, and an export in the document's own format (XLIFF from another tool).
    original: layoutOf !== undefined || req.format === doc.format ? originalOf(ctx, doc.id, doc.format) : null,
  };
}

function exportPair(p: Pair, comments: ReturnType<typeof commentsOfDocument>, createdAt: string): ExportPair {
  return {
    id: p.id,
    position: p.position,
    source: p.source,
    target: p.target,
    sourceCodes: p.sourceCodes,
    targetCodes: p.targetCodes,
    status: p.status,
    excluded: p.excluded,
    rejectionReason: p.rejectionReason,
    comments: (comments.get(p.id) ?? []).map((c) => ({
      id: c.id,
      author: c.author,
      role: c.role,
      body: c.body,
      createdAt: c.createdAt,
      resolved: c.resolved,
      category: c.category,
      severity: c.severity,
    })),
    createdAt,
    updatedAt: p.updatedAt,
    updatedBy: p.updatedBy,
    sourceWords: p.sourceWords,
    targetWords: p.targetWords,
    origin: p.origin,
  };
}

/** The QA column's notes when asked for (bilingual review only). */
async function qaNotesFor(ctx: ServiceContext, req: ExportRequest): Promise<ExportModel['qaNotes']> {
  if (!req.qaColumn || req.format !== 'docx-bilingual') return null;
  const [{ documentQa }, { qaNotes }] = await Promise.all([import('./qa'), import('./qa-notes')]);
  return qaNotes(documentQa(ctx, req.documentId));
}

/** The imported file, for writers that put the translation back into it (XLIFF, layout formats). */
function originalOf(ctx: ServiceContext, documentId: number, format: ImportFormat): ExportModel['original'] {
  const bytes = getSkeleton(ctx.db, documentId);
  return bytes ? { format, bytes } : null;
}

const SUFFIX: Record<ExportFormat, string> = {
  'docx-bilingual': '.review',
  'docx-layout': '.en',
  'html-layout': '.en',
  docx: '.en',
  txt: '.en',
  html: '.en',
  md: '.en',
  xliff12: '.ar-en',
  xliff20: '.ar-en.2',
  tmx: '.ar-en',
  csv: '',
};

export async function renderExport(ctx: ServiceContext, req: ExportRequest): Promise<{ file: ExportedFile; fileName: string }> {
  const model = buildModel(ctx, req);
  model.qaNotes = await qaNotesFor(ctx, req);
  const total = model.pairs.length;
  ctx.events.emit('export:progress', { documentId: req.documentId, done: 0, total });
  let file: ExportedFile;
  try {
    const formats = await import('../formats/index');
    file = await formats.writeExport(req.format, model);
  } catch (e) {
    if (e instanceof QalamError) throw e;
    console.error('[qalam] export failed:', e);
    throw new QalamError('export_failed', { format: req.format });
  }
  if (req.format === 'docx-bilingual') insertSnapshot(ctx.db, model.document.id, 'docx-bilingual', model.exportedAt);
  ctx.events.emit('export:progress', { documentId: req.documentId, done: total, total });
  return { file, fileName: `${safeFileName(model.document.name)}${SUFFIX[req.format]}.${file.extension}` };
}

export async function exportForRenderer(ctx: ServiceContext, input: ParsedInput<'io:export'>): Promise<ExportResult> {
  const { file, fileName } = await ctx.jobs.run('io:export', input);
  return deliverFile(ctx, fileName, file.mime, file.bytes, input.saveAs ?? false);
}

/** An exported file: written through the native save dialog with `saveAs`, else handed to the renderer to save. */
export async function deliverFile(
  ctx: ServiceContext,
  fileName: string,
  mime: string,
  bytes: Uint8Array,
  saveAs: boolean,
): Promise<ExportResult> {
  if (saveAs) {
    if (!ctx.host.saveFile) throw new QalamError('unsupported');
    const savedPath = await ctx.host.saveFile(fileName, bytes);
    return savedPath === null
      ? { fileName, mime, cancelled: true, bytes: bytes.length }
      : { fileName, mime, savedPath, cancelled: false, bytes: bytes.length };
  }
  return { fileName, mime, dataBase64: Buffer.from(bytes).toString('base64'), cancelled: false, bytes: bytes.length };
}

/** CLI and tests: render and write atomically, never replacing a file unless asked. */
export async function exportToFile(
  ctx: ServiceContext,
  req: ExportRequest,
  path: string,
  overwrite = false,
): Promise<{ bytes: number }> {
  if (req.format === 'docx-bilingual') return streamReviewToFile(ctx, req, path, overwrite);
  if (req.format === 'docx') return streamTargetToFile(ctx, req, path, overwrite);
  const { file } = await renderExport(ctx, req);
  writeFileAtomic(path, file.bytes, { overwrite });
  return { bytes: file.bytes.length };
}

/**
 * The bilingual review straight from the store into the file: pairs are read one at a time and the
 * zip is written as it is produced, so memory does not grow with the document.
 */
async function streamReviewToFile(
  ctx: ServiceContext,
  req: ExportRequest,
  path: string,
  overwrite: boolean,
): Promise<{ bytes: number }> {
  const doc = getDocument(ctx, req.documentId);
  const qaColumn = req.qaColumn ?? false;
  const [{ streamBilingualDocx }, qaModules] = await Promise.all([
    import('../formats/docx-bilingual'),
    qaColumn ? Promise.all([import('./qa'), import('./qa-notes')]) : null,
  ]);
  const exportedAt = ctx.now();
  let total = 0;
  let bytes = 0;
  // One read transaction: the rows, their QA issues, the header's counts and the snapshot see the same document.
  ctx.db.transaction(() => {
    const head = {
      document: exportedDocument(doc),
      exportedAt,
      exportedBy: actor(ctx).name,
      stats: documentStats(ctx.db, doc.id),
      targetWords: repo.includedTargetWords(ctx.db, doc.id),
    };
    total = head.stats.total.segments;
    ctx.events.emit('export:progress', { documentId: doc.id, done: 0, total });
    // The QA column: each pair checked as it is written (the document-wide figures first), so no
    // report of the whole document is held.
    const check = qaModules ? qaModules[0].documentChecker(ctx, doc.id) : null;
    const notesOf = qaModules?.[1].pairNotes;
    // Rows come with their open comments (no map of the document's comments); with the QA column,
    // each row gets its notes set on it (not a copy of the row: see iterateReviewRowsWithComments).
    const rows: Iterable<BilingualRow> = repo.iterateReviewRowsWithComments(ctx.db, doc.id);
    const pairs =
      check && notesOf
        ? (function* (): Generator<BilingualRow> {
            for (const row of rows) {
              if (!row.excluded) row.qa = notesOf(check(row));
              yield row;
            }
          })()
        : rows;
    writeFileAtomicStream(
      path,
      (write) =>
        streamBilingualDocx(
          head,
          pairs,
          (chunk) => {
            bytes += chunk.length;
            write(chunk);
          },
          { qaColumn },
        ),
      { overwrite },
    );
    // In the same transaction: a failed write leaves no snapshot for a file nobody received.
    insertSnapshot(ctx.db, doc.id, 'docx-bilingual', exportedAt);
  })();
  ctx.events.emit('export:progress', { documentId: doc.id, done: total, total });
  return { bytes };
}

/** The target-only DOCX straight from the store into the file, like the review: memory does not grow with the document. */
async function streamTargetToFile(
  ctx: ServiceContext,
  req: ExportRequest,
  path: string,
  overwrite: boolean,
): Promise<{ bytes: number }> {
  const doc = getDocument(ctx, req.documentId);
  const [{ streamTargetDocx }, { targetBlocksOf }] = await Promise.all([
    import('../formats/docx-target'),
    import('../formats/target-text'),
  ]);
  const approvedOnly = req.approvedOnly ?? false;
  const options = { approvedOnly, markUntranslated: req.markUntranslated ?? !approvedOnly };
  const head = { title: doc.name, exportedAt: ctx.now() };
  let total = 0;
  let bytes = 0;
  // One read transaction: the pairs counted and the pairs written are the same.
  ctx.db.transaction(() => {
    total = repo.countPairs(ctx.db, doc.id);
    ctx.events.emit('export:progress', { documentId: doc.id, done: 0, total });
    writeFileAtomicStream(
      path,
      (write) =>
        streamTargetDocx(head, targetBlocksOf(repo.iterateReviewRows(ctx.db, doc.id), options), (chunk) => {
          bytes += chunk.length;
          write(chunk);
        }),
      { overwrite },
    );
  })();
  ctx.events.emit('export:progress', { documentId: doc.id, done: total, total });
  return { bytes };
}

export function safeFileName(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f<>:"/\\|?*\u007f]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned.slice(0, 120) || 'document';
}

interface PendingReview {
  documentId: number;
  fileName: string;
  createdAt: number;
  changes: Map<number, PendingChange>;
}
/** A change as the preview found it, with the target's codes read back from the file's tag tokens. */
type PendingChange = ReviewChange & { version: number; afterCodes: InlineCode[] | null };
const pendingReviews = new Map<string, PendingReview>();
const REVIEW_TTL_MS = 60 * 60 * 1000;

/**
 * Reads the English column of a reviewed bilingual DOCX back, matching rows by pair id. Nothing is
 * written: the preview lists changed pairs and conflicts (pairs edited in Qalam since the export).
 */
export async function reviewPreview(
  ctx: ServiceContext,
  documentId: number,
  fileName: string,
  bytes: Uint8Array,
): Promise<ReviewImportPreview> {
  getDocument(ctx, documentId);
  const { readReviewedDocx } = await import('../formats/docx-bilingual');
  const rows = await readReviewedDocx(bytes);
  const base = latestSnapshot(ctx.db, documentId);
  const changes = new Map<number, PendingChange>();
  const unknownRows: number[] = [];
  const seen = new Set<number>();
  let lastPosition = -1;
  let reordered = false;
  let unchanged = 0;
  for (const row of rows) {
    const pair = row.pairId === null ? undefined : repo.getPair(ctx.db, row.pairId);
    if (!pair || pair.documentId !== documentId || seen.has(pair.id)) {
      unknownRows.push(row.index + 1);
      continue;
    }
    seen.add(pair.id);
    if (pair.position < lastPosition) reordered = true;
    lastPosition = pair.position;
    const before = base?.get(pair.id)?.target ?? pair.target;
    // Tag tokens resolve against the pair's own codes; a file without tokens leaves the codes as they are.
    const afterCodes = row.targetTags
      ? codesOrNull(codesFromTokens(row.targetTags, [...(pair.sourceCodes ?? []), ...(pair.targetCodes ?? [])]).codes)
      : row.target === pair.target
        ? pair.targetCodes
        : null;
    if (row.target === before && sameCodes(afterCodes, pair.targetCodes)) {
      unchanged++;
      continue;
    }
    changes.set(pair.id, {
      pairId: pair.id,
      position: pair.position,
      source: pair.source,
      before,
      after: row.target,
      conflict: pair.target !== before,
      current: pair.target,
      status: pair.status,
      locked: pair.status === 'approved',
      version: pair.version,
      afterCodes,
    });
  }
  if (rows.length === 0) throw new QalamError('import_no_match');
  const expected = base
    ? [...base.keys()]
    : repo
        .pairsOfDocument(ctx.db, documentId)
        .filter((p) => !p.excluded)
        .map((p) => p.id);
  const missingPairIds = expected.filter((id) => !seen.has(id) && !repo.getPair(ctx.db, id)?.excluded);
  const token = randomUUID();
  prunePending();
  pendingReviews.set(token, { documentId, fileName, createdAt: Date.now(), changes });
  return {
    token,
    changes: [...changes.values()].map(({ version: _v, afterCodes: _c, ...c }) => c),
    unchanged,
    unknownRows,
    missingPairIds,
    reordered,
  };
}

function prunePending(): void {
  const now = Date.now();
  for (const [k, v] of pendingReviews) if (now - v.createdAt > REVIEW_TTL_MS) pendingReviews.delete(k);
}

/**
 * Applies the accepted changes as 'replace' revisions by the current user, after writing a backup
 * of the document's pairs. A pair changed since the preview is refused as a conflict.
 */
export function reviewApply(ctx: ServiceContext, input: ParsedInput<'io:review-apply'>): { applied: number; backupPath: string } {
  const pending = pendingReviews.get(input.token);
  if (!pending || pending.documentId !== input.documentId) throw new QalamError('not_found', { what: 'review' });
  const who = actor(ctx);
  if (input.status === 'approved' && who.role !== 'editor') throw new QalamError('forbidden', { action: 'approve' });
  const accepted = input.pairIds.map((id) => {
    const change = pending.changes.get(id);
    if (!change) throw new QalamError('bad_input', { field: 'pairIds' });
    return change;
  });
  const backupPath = writeBackup(ctx, input.documentId);
  const applied = batchTransaction(
    ctx,
    { documentId: input.documentId, origin: 'review-import', who, note: pending.fileName },
    () => {
      const at = ctx.now();
      for (const change of accepted) {
        const pair = repo.getPair(ctx.db, change.pairId);
        if (!pair || pair.version !== change.version) throw new QalamError('conflict', { currentVersion: pair?.version ?? -1 });
        const verdict = checkAction(who.role, 'edit', pair);
        if (!verdict.ok) throw new QalamError(verdict.reason, { action: 'edit', status: pair.status });
        const status = change.after.trim() === '' ? 'new' : input.status;
        applyChange(
          ctx,
          pair,
          {
            target: change.after,
            targetCodes: change.afterCodes,
            status,
            ...(status === 'approved' ? { rejectionReason: null } : {}),
          },
          who,
          { kind: 'replace', origin: 'review-import', note: pending.fileName, at },
        );
      }
      return accepted.length;
    },
  );
  pendingReviews.delete(input.token);
  return { applied, backupPath };
}

function writeBackup(ctx: ServiceContext, documentId: number): string {
  const dir = join(ctx.dataDir, 'backups');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700); // also when an older version made it 0755
  const path = join(dir, `document-${documentId}-${ctx.now().replace(/[:.]/g, '-')}.json`);
  const doc = getDocument(ctx, documentId);
  const json = JSON.stringify({ document: doc, pairs: repo.pairsOfDocument(ctx.db, documentId) }, null, 1);
  // Atomic like an export (a crash leaves no half backup), and the owner's alone like the database.
  writeFileAtomic(path, new TextEncoder().encode(json), { overwrite: false, mode: 0o600 });
  return path;
}
