import { createHash } from 'node:crypto';
import { Buffer } from 'node:buffer';
import type { ImportPreview, RecentDocument } from '../shared/contract';
import type { DocumentSummary, Encoding, Status } from '../shared/domain';
import { QalamError } from '../shared/errors';
import type { ImportedComment, ImportedDocument } from '../formats/model';
import { plainText } from '../shared/inline';
import { insertComment } from '../store/repos/comments';
import * as docs from '../store/repos/documents';
import {
  INSERT_BATCH,
  insertPairs,
  insertTextPairs,
  TEXT_INSERT_BATCH,
  type NewPair,
  type NewTextPair,
} from '../store/repos/pairs';
import { buildSearchIndex, unindexedDocuments } from '../store/repos/search';
import { saveSkeleton } from '../store/repos/skeletons';
import { normalizeForSearch } from '../text/arabic';
import { excerpt } from '../text/paragraphs';
import { countWords, countWordsUtf8 } from '../text/words';
import { actor, type ServiceContext } from './context';
import { documentName } from './document-name';
import { forEachLfLine, forEachParagraph, planUtf8Text, type Utf8TextPlan } from '../formats/txt-stream';
import { detectImportFormat, MAX_PARAGRAPH_CHARS, parseDocument } from './parse';
import { mirrorDocument } from './tm-memory';
import { prepareFacts } from './qa-facts';

export interface ImportRequest {
  fileName: string;
  bytes: Uint8Array;
  encoding?: Encoding;
  allowDuplicate?: boolean;
  name?: string;
}

const PROGRESS_EVERY = 2000;
/** How much of each sample paragraph the import preview shows. */
const PREVIEW_CHARS = 300;

export async function inspectImport(ctx: ServiceContext, req: ImportRequest): Promise<ImportPreview> {
  if ((await detectImportFormat(req.fileName, req.bytes)) === 'tmx') return inspectTmx(ctx, req);
  const parsed = await parseDocument(req.fileName, req.bytes, req.encoding);
  const words = parsed.doc.paragraphs.reduce((n, p) => n + countWords(p.source), 0);
  return {
    fileName: req.fileName,
    format: parsed.doc.format,
    encoding: (parsed.doc.encoding as Encoding | undefined) ?? null,
    encodingCandidates: parsed.encodingCandidates,
    paragraphs: parsed.doc.paragraphs.length,
    words,
    sample: parsed.doc.paragraphs.slice(0, 5).map((p) => excerpt(p.source, PREVIEW_CHARS)),
    translated: parsed.doc.paragraphs.filter((p) => (p.target ?? '').trim() !== '').length,
    duplicates: docs.findByHash(ctx.db, contentHash(req.bytes)),
    warnings: parsed.doc.warnings,
  };
}

/** A TMX file feeds translation memory: the preview counts its units instead of paragraphs. */
async function inspectTmx(ctx: ServiceContext, req: ImportRequest): Promise<ImportPreview> {
  const { parseTmx } = await import('../formats/tmx');
  // Loaded on use: the memory service imports this module.
  const { planTmx } = await import('./tm');
  const units = parseTmx(req.bytes);
  const plan = planTmx(ctx.db, units);
  return {
    fileName: req.fileName,
    format: 'tmx',
    encoding: null,
    encodingCandidates: [],
    paragraphs: units.length,
    words: units.reduce((n, u) => n + countWords(u.source), 0),
    sample: units.slice(0, 5).map((u) => excerpt(u.source, PREVIEW_CHARS)),
    translated: 0,
    alreadyKnown: plan.known,
    duplicates: [],
    warnings: [],
  };
}

/**
 * Imports a document in one transaction: either every paragraph is stored or nothing is. The
 * pairs' import revisions are implicit until each pair first changes (migration 0017). Parsing
 * happens before the transaction, so a bad file writes nothing.
 */
export async function importDocument(
  ctx: ServiceContext,
  req: ImportRequest,
  onProgress?: (done: number, total: number) => void,
): Promise<DocumentSummary> {
  const hash = contentHash(req.bytes);
  if (!req.allowDuplicate) {
    const existing = docs.findByHash(ctx.db, hash);
    if (existing.length > 0) throw new QalamError('import_duplicate', { name: existing[0]!.name, id: existing[0]!.id });
  }
  const meta = { fileName: req.fileName, hash, name: req.name };
  const progress = (done: number, total: number) => {
    onProgress?.(done, total);
    ctx.events.emit('import:progress', { fileName: req.fileName, done, total });
  };
  let id: number | null = null;
  if ((await detectImportFormat(req.fileName, req.bytes)) === 'txt') {
    const plan = planUtf8Text(req.bytes, req.encoding);
    if (plan) id = storeText(ctx, req.bytes, plan, meta, progress);
  }
  if (id === null) {
    // Every other format, other encodings, and whatever the text stream left to the parser to refuse.
    const { doc } = await parseDocument(req.fileName, req.bytes, req.encoding);
    id = storeImported(ctx, doc, meta, progress);
  }
  // No search index here: it is its own job after the import (indexForSearch), so an import costs
  // what storing its rows costs; search scans until the index stands (repos/search.ts).
  ctx.events.emit('documents:changed', { documentId: id });
  return getDocument(ctx, id);
}

/**
 * For every document that has no search index yet: writes its pending folded sources
 * (store/folded.ts; a plain-text import leaves them to this job), then builds its index in one
 * transaction, then makes and stores the QA facts of its sources (services/qa-facts.ts
 * prepareFacts) in another, so that its first QA report makes none. The job that follows an import
 * in the app (and a search of a document imported by the CLI, which never pays for it; the app
 * queues it at start-up for those). Idempotent: a document indexed meanwhile is skipped, and one
 * whose facts are usable has none made. Facts that fail are logged, not thrown: the index stands,
 * and the first report makes them.
 */
export function indexForSearch(ctx: ServiceContext): { indexed: number[]; folded: number } {
  const indexed = unindexedDocuments(ctx.db);
  let folded = 0;
  for (const id of indexed) {
    folded += buildSearchIndex(ctx.db, id);
    try {
      prepareFacts(ctx, id);
    } catch (e) {
      if (ctx.db.open) console.error(`[qalam] QA facts of document ${id} failed (its first report makes them):`, e);
    }
  }
  return { indexed, folded };
}

/** The index job queued on this runner and not settled yet: it will cover any document stored before it runs. */
const pendingIndex = new WeakMap<object, Promise<unknown>>();

/**
 * Queues the search index job behind whatever the job runner is doing, unless one is queued or
 * running already: jobs run one at a time in order, so a pending one starts after any import that
 * has finished by now and indexes it too. The caller does not wait for it.
 */
export function queueSearchIndex(ctx: ServiceContext): void {
  const runner = ctx.jobs;
  if (pendingIndex.has(runner)) return;
  const job = runner
    .run('search:index', {})
    .catch((e: unknown) => {
      // Search keeps working by scanning. A runner or store closed meanwhile (quitting) is no error.
      if (ctx.db.open && !(e instanceof QalamError && e.code === 'cancelled'))
        console.error('[qalam] search index job failed:', e);
    })
    .finally(() => pendingIndex.delete(runner));
  pendingIndex.set(runner, job);
}

/** How long after start-up the app waits before the job for documents a CLI import left unindexed. */
export const START_INDEX_DELAY_MS = 3000;

/**
 * At the app's start-up: when a document has no search index yet (imported by the CLI, or an
 * index job cut short by quitting), queues the job that writes its pending folds and index, after
 * START_INDEX_DELAY_MS so that the first paint has the machine. Readers fold on the fly until then.
 * Answers how to call it off (the runtime closing first).
 */
export function queueSearchIndexSoon(ctx: ServiceContext, delayMs = START_INDEX_DELAY_MS): () => void {
  if (unindexedDocuments(ctx.db).length === 0) return () => {};
  const timer = setTimeout(() => queueSearchIndex(ctx), delayMs);
  timer.unref();
  return () => clearTimeout(timer);
}

export function storeImported(
  ctx: ServiceContext,
  doc: ImportedDocument,
  meta: { fileName: string; hash: string; name?: string | undefined },
  progress: (done: number, total: number) => void,
): number {
  const who = actor(ctx);
  const at = ctx.now();
  const total = doc.paragraphs.length;
  return ctx.db
    .transaction(() => {
      const documentId = docs.insertDocument(
        ctx.db,
        {
          name: documentName(meta.fileName, meta.name ?? doc.name),
          fileName: meta.fileName,
          format: doc.format,
          encoding: doc.encoding ?? null,
          sourceLang: doc.sourceLang || 'ar',
          targetLang: doc.targetLang || 'en',
          contentHash: meta.hash,
          createdAt: at,
        },
        who,
      );
      // Rows go in statements of INSERT_BATCH; PROGRESS_EVERY is a multiple of it.
      let batch: NewPair[] = [];
      const flush = () => {
        const ids = insertPairs(ctx.db, documentId, batch, at, who.name);
        batch.forEach((row, i) => {
          for (const c of doc.paragraphs[row.position]!.comments ?? []) importComment(ctx, ids[i]!, c, at);
        });
        const done = batch.at(-1)!.position + 1;
        batch = [];
        if (done % PROGRESS_EVERY === 0 || done === total) progress(done, total);
      };
      doc.paragraphs.forEach((p, position) => {
        const target = p.target ?? '';
        // Counts and search see plain text: a line-break code between two words keeps them two.
        const sourcePlain = plainText(p.source, p.sourceCodes);
        const targetPlain = plainText(target, p.targetCodes);
        batch.push({
          position,
          source: p.source,
          sourceCodes: p.sourceCodes,
          sourceNorm: normalizeForSearch(sourcePlain),
          sourceWords: countWords(sourcePlain),
          target,
          targetCodes: target ? p.targetCodes : null,
          targetNorm: target ? normalizeForSearch(targetPlain) : '',
          targetWords: target ? countWords(targetPlain) : 0,
          status: importedStatus(p.status, target),
          excluded: p.excluded ?? false,
          origin: p.origin ?? null,
        });
        if (batch.length === INSERT_BATCH) flush();
      });
      if (batch.length > 0) flush();
      if (doc.original) saveSkeleton(ctx.db, documentId, doc.original);
      // No import revisions: each is written when its pair first changes (migration 0017).
      // Translations that arrive confirmed or approved join the memory with the document.
      if (doc.paragraphs.some((p) => p.target)) mirrorDocument(ctx, documentId);
      return documentId;
    })
    .immediate();
}

/** A paragraph over the limit (or none at all): the parser reads the file again to refuse it as before. */
class LeftToParser extends Error {}
/** The text read as the byte scan predicted turned out to be the other kind: it is read again. */
class Misread extends Error {
  constructor(readonly hardWrapped: boolean) {
    super('hard-wrap verdict changed');
  }
}

/**
 * storeImported for UTF-8 plain text read as a stream (formats/txt-stream.ts): each paragraph is
 * counted and inserted as it is decoded, TEXT_INSERT_BATCH rows a statement, in one transaction,
 * so the store holds exactly what parseTxt + storeImported would store, except that the folded
 * sources are pending (store/folded.ts) until indexForSearch writes them. Returns null
 * (nothing written) when a paragraph is over the limit, for the parser to refuse the file.
 */
function storeText(
  ctx: ServiceContext,
  bytes: Uint8Array,
  plan: Utf8TextPlan,
  meta: { fileName: string; hash: string; name?: string | undefined },
  progress: (done: number, total: number) => void,
): number | null {
  const who = actor(ctx);
  const at = ctx.now();
  try {
    return ctx.db
      .transaction(() => {
        const documentId = docs.insertDocument(
          ctx.db,
          {
            name: documentName(meta.fileName, meta.name),
            fileName: meta.fileName,
            format: 'txt',
            encoding: 'utf-8',
            sourceLang: 'ar',
            targetLang: 'en',
            contentHash: meta.hash,
            createdAt: at,
          },
          who,
        );
        let hardWrapped = plan.hardWrapped;
        let total = plan.paragraphs;
        for (;;) {
          try {
            // A savepoint: a misread is rolled back to here and read again the other way.
            total = ctx.db.transaction(() =>
              storeParagraphs(ctx, bytes, { ...plan, hardWrapped }, documentId, at, who.name, progress),
            )();
            break;
          } catch (e) {
            if (!(e instanceof Misread)) throw e;
            hardWrapped = e.hardWrapped;
          }
        }
        if (total === 0) throw new LeftToParser();
        return documentId;
      })
      .immediate();
  } catch (e) {
    if (e instanceof LeftToParser) return null;
    throw e;
  }
}

function storeParagraphs(
  ctx: ServiceContext,
  bytes: Uint8Array,
  plan: Utf8TextPlan,
  documentId: number,
  at: string,
  by: string,
  progress: (done: number, total: number) => void,
): number {
  const batch: NewTextPair[] = [];
  let stored = 0;
  const flush = () => {
    insertTextPairs(ctx.db, documentId, stored, batch, at, by);
    stored += batch.length;
    batch.length = 0;
    // Progress is also where a cancelled job stops (jobs/worker.ts): never on the last paragraph.
    if (stored % PROGRESS_EVERY === 0 && stored < plan.paragraphs) progress(stored, plan.paragraphs);
  };
  if (plan.lfLines) {
    // Lines end at LF or CRLF and the text is not hard-wrapped: each line's bytes are stored as they are
    // (valid UTF-8), counted without decoding them.
    forEachLfLine(bytes, plan.start, (from, to) => {
      // At most one UTF-16 code unit a byte: only a line of more bytes than the limit can be over it.
      if (
        to - from > MAX_PARAGRAPH_CHARS &&
        Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('utf8').length > MAX_PARAGRAPH_CHARS
      )
        throw new LeftToParser();
      batch.push({ source: bytes.subarray(from, to), sourceWords: countWordsUtf8(bytes, from, to) });
      if (batch.length === TEXT_INSERT_BATCH) flush();
    });
  } else {
    const read = forEachParagraph(bytes, plan, (source) => {
      if (source.length > MAX_PARAGRAPH_CHARS) throw new LeftToParser();
      batch.push({ source, sourceWords: countWords(source) });
      if (batch.length === TEXT_INSERT_BATCH) flush();
    });
    if (read.hardWrapped !== plan.hardWrapped) throw new Misread(read.hardWrapped);
  }
  if (batch.length > 0) flush();
  progress(stored, stored);
  return stored;
}

function importComment(ctx: ServiceContext, pairId: number, c: ImportedComment, at: string): void {
  if (c.body.trim() === '') return;
  insertComment(ctx.db, {
    pairId,
    parentId: null,
    kind: c.category ? 'rejection' : 'comment',
    author: c.author || 'unknown',
    role: 'translator',
    body: c.body,
    category: c.category ?? null,
    severity: c.severity ?? null,
    resolved: c.resolved ?? false,
    at: c.createdAt ?? at,
  });
}

/** A status from a file is kept only when the text supports it: nothing is "translated" without a target. */
function importedStatus(status: Status | undefined, target: string): Status {
  if (target.trim() === '') return 'new';
  return status && status !== 'new' ? status : 'draft';
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function getDocument(ctx: ServiceContext, id: number): DocumentSummary {
  const d = docs.getDocument(ctx.db, id);
  if (!d) throw new QalamError('not_found', { what: 'document' });
  return d;
}

export function listDocuments(ctx: ServiceContext): DocumentSummary[] {
  return docs.listDocuments(ctx.db);
}

export function renameDocument(ctx: ServiceContext, id: number, name: string): DocumentSummary {
  if (!docs.renameDocument(ctx.db, id, name, ctx.now())) throw new QalamError('not_found', { what: 'document' });
  ctx.events.emit('documents:changed', { documentId: id });
  return getDocument(ctx, id);
}

export function deleteDocument(ctx: ServiceContext, id: number): { deleted: number } {
  const deleted = docs.deleteDocument(ctx.db, id);
  if (deleted === 0) throw new QalamError('not_found', { what: 'document' });
  ctx.events.emit('documents:changed', { documentId: id });
  return { deleted };
}

export function openDocument(ctx: ServiceContext, id: number): DocumentSummary {
  if (!docs.markOpened(ctx.db, id, ctx.now())) throw new QalamError('not_found', { what: 'document' });
  return getDocument(ctx, id);
}

export function recentDocuments(ctx: ServiceContext, limit = 10): RecentDocument[] {
  return docs.recentDocuments(ctx.db, limit);
}
