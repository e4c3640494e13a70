// `qalam translate`: the one-command pipeline step OmegaT's console-translate mode is used for —
// import a document, apply a TMX memory, write the translated document (and its translations as TMX).
import { type ExportFormat } from '../shared/domain';
import { writeFileAtomicStream } from '../fs-atomic';
import { documentSegments } from '../store/repos/tm';
import { emitReplacedParagraphs, paragraphSpans } from '../text/paragraphs';
import type { MemoryTmxUnit } from '../formats/tmx';
import { normalizeForSearch } from '../text/arabic';
import { substituteNumbers } from '../tm/numbers';
import { actor, type ServiceContext } from './context';
import { detectImportFormat, parseTextDocument } from './parse';
import { documentName, importDocument } from './documents';
import { exportToFile } from './io';
import { importTmx, writeMemoryTmxFile } from './tm';
import { pretranslate } from './tm-writes';

const RELEASED = new Uint8Array(0);

/**
 * The caller hands the files' bytes over: the store-less run replaces `bytes` and `tmBytes` with
 * an empty array once it has read each, so they can be collected before the output is written.
 */
export interface TranslateRequest {
  fileName: string;
  bytes: Uint8Array;
  tmFileName: string;
  tmBytes: Uint8Array;
  out: string;
  tmxOut?: string | undefined;
  minScore: number;
  /**
   * The run keeps nothing (the CLI without --db): a plain-text source at a 100% threshold is then
   * translated straight from the file, without a store (translateTextExact).
   */
  withoutStore?: boolean | undefined;
}

export interface TranslateResult {
  out: string;
  tmxOut: string | null;
  /** Null when nothing was stored (translateTextExact). */
  documentId: number | null;
  units: number;
  segments: number;
  translated: number;
  draft: number;
}

/** The target format for a source format; plain text keeps the source file's own layout instead. */
const TARGET_FORMAT: Record<string, ExportFormat> = { docx: 'docx', xliff12: 'xliff12', xliff20: 'xliff20', csv: 'csv' };

export async function translateFile(ctx: ServiceContext, req: TranslateRequest): Promise<TranslateResult> {
  if (req.withoutStore && req.minScore === 100 && (await detectImportFormat(req.fileName, req.bytes)) === 'txt') {
    return translateTextExact(ctx, req);
  }
  const memory = await importTmx(ctx, req.tmFileName, req.tmBytes);
  const doc = await importDocument(ctx, { fileName: req.fileName, bytes: req.bytes, allowDuplicate: true });
  const filled = pretranslate(ctx, { documentId: doc.id, minScore: req.minScore });
  if (doc.format === 'txt') {
    // Like OmegaT: each paragraph replaced by its translation where there is one, the source
    // elsewhere, and everything between paragraphs as it was.
    const { decodeText } = await import('../formats/txt');
    const text = decodeText(req.bytes, (doc.encoding as Parameters<typeof decodeText>[1]) ?? undefined).text;
    const targets = documentSegments(ctx.db, doc.id).map((s) => (s.target.trim() === '' ? null : s.target));
    writeTextInPieces(req.out, (emit) => emitReplacedParagraphs(text, paragraphSpans(text), targets, emit));
  } else {
    await exportToFile(
      ctx,
      { documentId: doc.id, format: TARGET_FORMAT[doc.format] ?? 'txt', markUntranslated: false },
      req.out,
      true,
    );
  }
  if (req.tmxOut) await writeMemoryTmxFile(ctx, req.tmxOut, { documentId: doc.id, overwrite: true });
  return {
    out: req.out,
    tmxOut: req.tmxOut ?? null,
    documentId: doc.id,
    units: memory.stored + memory.skipped,
    segments: doc.stats.total.segments,
    translated: filled.translated,
    draft: filled.draft,
  };
}

/**
 * The pipeline step at the 100% threshold (the default) with nothing kept: what importing the TMX and the text into
 * an empty store, pre-translating and exporting would write, without the store. At 100% only units
 * with the paragraph's own folded source can match (tm/rank.ts scoreUnit; TMX units carry no
 * context, so 101 never happens), and among those the store would pick the latest changed, then
 * the last stored (compareScored: all TMX units rank 'imported'). So the memory is one hash of
 * folded sources, no fuzzy index; the project TMX holds, like the store's, one unit per translated
 * paragraph, numbered after the file's units. tests/unit/main/tm/translate-exact.test.ts checks both
 * outputs byte for byte against the store path.
 */
async function translateTextExact(ctx: ServiceContext, req: TranslateRequest): Promise<TranslateResult> {
  const { streamMemoryTmx } = await import('../formats/tmx');
  const who = actor(ctx);
  const at = ctx.now();
  const { best, stored, read } = await exactMemory(req.tmBytes, at);
  req.tmBytes = RELEASED;
  // The same checks and errors as an import of the file; the text is decoded once and its
  // paragraphs found once, for both the lookup and the output.
  const { doc, text, spans } = parseTextDocument(req.bytes);
  req.bytes = RELEASED;
  const name = documentName(req.fileName);
  const targets: (string | null)[] = [];
  const units: MemoryTmxUnit[] = [];
  for (const p of doc.paragraphs) {
    const match = best.get(normalizeForSearch(p.source));
    // The same source as the unit's has the same numbers: nothing to substitute.
    const target = !match
      ? ''
      : match.source === p.source
        ? match.target
        : substituteNumbers(p.source, match.source, match.target).text;
    if (target.trim() === '') {
      targets.push(null);
      continue;
    }
    targets.push(target);
    units.push({
      id: stored + units.length + 1,
      source: p.source,
      target,
      sourceLang: doc.sourceLang || 'ar',
      targetLang: doc.targetLang || 'en',
      author: who.name,
      createdAt: at,
      changedAt: at,
      status: 'translated',
      origin: name,
    });
  }
  best.clear();
  writeTextInPieces(req.out, (emit) => emitReplacedParagraphs(text, spans, targets, emit));
  if (req.tmxOut) {
    const meta = { exportedAt: ctx.now(), exportedBy: who.name, srcLang: units[0]?.sourceLang ?? 'ar' };
    writeFileAtomicStream(req.tmxOut, (write) => streamMemoryTmx(units, meta, write), { overwrite: true });
  }
  return {
    out: req.out,
    tmxOut: req.tmxOut ?? null,
    documentId: null,
    units: read,
    segments: doc.paragraphs.length,
    translated: units.length,
    draft: 0,
  };
}

/**
 * The memory as translateTextExact looks it up: the best unit per folded source. The parsed units
 * are local here, so they can be collected once the hash is built (they are a large part of the
 * peak on a 20k-unit TMX).
 */
async function exactMemory(
  tmBytes: Uint8Array,
  at: string,
): Promise<{ best: Map<string, { source: string; target: string; changedAt: string }>; stored: number; read: number }> {
  const { parseTmx } = await import('../formats/tmx');
  const parsed = parseTmx(tmBytes);
  const best = new Map<string, { source: string; target: string; changedAt: string }>();
  const seen = new Set<string>();
  let stored = 0;
  for (const u of parsed) {
    // As planTmx: no empty units, each source+English pair once.
    if (!u.source.trim() || !u.target.trim()) continue;
    const key = `${u.source}\u0000${u.target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    stored++;
    const norm = normalizeForSearch(u.source);
    const changedAt = u.changedAt ?? u.createdAt ?? at;
    const current = best.get(norm);
    if (!current || changedAt >= current.changedAt) best.set(norm, { source: u.source, target: u.target, changedAt });
  }
  return { best, stored, read: parsed.length };
}

/**
 * Writes text produced in pieces without ever holding it whole, encoded in batches of about 64K
 * characters (a write per piece would be a system call per paragraph). Pieces end at paragraph
 * edges, never inside a surrogate pair, so the bytes are those of encoding the whole text at once.
 */
function writeTextInPieces(path: string, produce: (emit: (piece: string) => void) => void): void {
  const encoder = new TextEncoder();
  writeFileAtomicStream(
    path,
    (write) => {
      let batch = '';
      produce((piece) => {
        batch += piece;
        if (batch.length >= 65_536) {
          write(encoder.encode(batch));
          batch = '';
        }
      });
      if (batch !== '') write(encoder.encode(batch));
    },
    { overwrite: true },
  );
}
