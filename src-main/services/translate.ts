// `qalam translate`: the one-command pipeline step OmegaT's console-translate mode is used for —
// import a document, apply a TMX memory, write the translated document (and its translations as TMX).
// The store-less path (translateWithoutStore) loads only what it uses: the store's services are
// loaded by translateFile when it needs them, so a pipeline step never reads them from disk.
import type { ExportFormat } from '../shared/domain';
import { beginFileAtomic, writeFileAtomicStream, type AtomicFileWriter } from '../fs-atomic';
import { emitReplacedParagraphs } from '../text/paragraphs';
import type { MemoryTmxUnit } from '../formats/tmx';
import { ExactMemory } from '../tm/exact';
import { substituteNumbers } from '../tm/numbers';
import { fromByteString, toByteString } from '../text/utf8';
import type { ServiceContext } from './context';
import { documentName } from './document-name';
import { detectImportFormat, MAX_PARAGRAPH_CHARS, parseTextDocument } from './parse';

const RELEASED = new Uint8Array(0);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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

/** Who the project TMX names, and when: what a fresh store would record (its settings name no one). */
export interface TranslateActor {
  name: string;
  now(): string;
}

export async function translateFile(ctx: ServiceContext, req: TranslateRequest): Promise<TranslateResult> {
  const { actor } = await import('./context');
  const lean = await translateWithoutStore(req, { name: actor(ctx).name, now: () => ctx.now() });
  if (lean) return lean;
  const [{ importTmx, writeMemoryTmxFile }, { importDocument }, { pretranslate }, { documentSegments }] = await Promise.all([
    import('./tm'),
    import('./documents'),
    import('./tm-writes'),
    import('../store/repos/tm'),
  ]);
  const memory = await importTmx(ctx, req.tmFileName, req.tmBytes);
  const doc = await importDocument(ctx, { fileName: req.fileName, bytes: req.bytes, allowDuplicate: true });
  const filled = pretranslate(ctx, { documentId: doc.id, minScore: req.minScore });
  if (doc.format === 'txt') {
    // Like OmegaT: each paragraph replaced by its translation where there is one, the source
    // elsewhere, and everything between paragraphs as it was.
    const [{ decodeText }, { paragraphSpans }] = await Promise.all([import('../formats/txt'), import('../text/paragraphs')]);
    const text = decodeText(req.bytes, (doc.encoding as Parameters<typeof decodeText>[1]) ?? undefined).text;
    const targets = documentSegments(ctx.db, doc.id).map((s) => (s.target.trim() === '' ? null : s.target));
    writeTextInPieces(req.out, (emit) => emitReplacedParagraphs(text, paragraphSpans(text), targets, emit));
  } else {
    const { exportToFile } = await import('./io');
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
 * The run that keeps nothing (`withoutStore`) of a plain-text source at the 100% threshold (the
 * default), translated straight from the files; null for anything else, which needs the store.
 */
export async function translateWithoutStore(req: TranslateRequest, who: TranslateActor): Promise<TranslateResult | null> {
  if (!req.withoutStore || req.minScore !== 100 || (await formatOf(req)) !== 'txt') return null;
  return translateTextExact(req, who);
}

/**
 * translateWithoutStore when the files take the byte path (translatePlainBytes), else null with
 * nothing written: what the CLI's own bundle for the command (cli-translate.ts) runs.
 */
export async function translatePlainOnly(req: TranslateRequest, who: TranslateActor): Promise<TranslateResult | null> {
  if (!req.withoutStore || req.minScore !== 100 || (await formatOf(req)) !== 'txt') return null;
  return translatePlainBytes(req, who);
}

/**
 * The pipeline step at the 100% threshold with nothing kept: what importing the TMX and the text
 * into an empty store, pre-translating and exporting would write, without the store (the memory is
 * tm/exact.ts's one hash of folded sources). The project TMX holds, like the store's, one unit per
 * translated paragraph, numbered after the file's units. tests/unit/main/tm/translate-exact.test.ts
 * checks both outputs byte for byte against the store path.
 *
 * What is held at once is kept small: the memory keeps only each folded source's best unit (the
 * parsed file is read a unit at a time and let go), the TMX bytes go before the text is decoded,
 * the text's bytes before the output is written, and the output is written as it is produced.
 */
async function translateTextExact(req: TranslateRequest, who: TranslateActor): Promise<TranslateResult> {
  const plain = await translatePlainBytes(req, who);
  if (plain) return plain;
  const { eachTmxUnit, streamMemoryTmx } = await import('../formats/tmx');
  const at = who.now();
  const memory = new ExactMemory();
  const read = eachTmxUnit(
    take(req, 'tmBytes'),
    (u) => memory.add(u.source, u.target, u.changedAt ?? u.createdAt ?? at),
    () => memory.clear(),
  );
  // The same checks and errors as an import of the file; the text is decoded once and its
  // paragraphs found once, for both the lookup and the output.
  const { doc, text, spans } = parseTextDocument(take(req, 'bytes'));
  const name = documentName(req.fileName);
  const sourceLang = doc.sourceLang || 'ar';
  const targetLang = doc.targetLang || 'en';
  const targets: (string | null)[] = new Array<string | null>(spans.length);
  /** The translated paragraphs, for the project TMX. */
  const translated: number[] = [];
  for (let i = 0; i < spans.length; i++) {
    const source = spans[i]!.text;
    const match = memory.get(source);
    // The same source as the unit's has the same numbers: nothing to substitute.
    const target = !match
      ? ''
      : match.source === source
        ? match.target
        : substituteNumbers(source, match.source, match.target).text;
    if (target.trim() === '') {
      targets[i] = null;
      continue;
    }
    targets[i] = target;
    translated.push(i);
  }
  const stored = memory.stored;
  memory.clear();
  writeTextInPieces(req.out, (emit) => emitReplacedParagraphs(text, spans, targets, emit));
  if (req.tmxOut) {
    const meta = { exportedAt: who.now(), exportedBy: who.name, srcLang: sourceLang };
    const units = projectUnits({ spans, targets, translated, stored, at, name, who, sourceLang, targetLang });
    writeFileAtomicStream(req.tmxOut, (write) => streamMemoryTmx(units, meta, write), { overwrite: true });
  }
  return {
    out: req.out,
    tmxOut: req.tmxOut ?? null,
    documentId: null,
    units: read,
    segments: doc.paragraphs.length,
    translated: translated.length,
    draft: 0,
  };
}

/**
 * translateTextExact for a plain UTF-8 text (formats/txt-bytes.ts) and a memory of plain units
 * with bare segments (eachTmxUnitBytes), nearly every pipeline's files: the same outputs, byte for
 * byte, without decoding a byte or encoding a character. Both files are read as Latin-1, so
 * paragraphs and units are byte strings (text/utf8.ts), looked up as such, and written back as
 * they are. Null, with nothing written and both files still in the request, for any other input,
 * which translateTextExact reads by decoding it. tests/unit/main/tm/translate-exact.test.ts holds
 * it to that path on generated files.
 */
export async function translatePlainBytes(req: TranslateRequest, who: TranslateActor): Promise<TranslateResult | null> {
  const [{ plainTextSpans }, { eachTmxUnitBytes, streamSameUnitsTmxBytes }] = await Promise.all([
    import('../formats/txt-bytes'),
    import('../formats/tmx'),
  ]);
  const plain = plainTextSpans(req.bytes, MAX_PARAGRAPH_CHARS);
  if (!plain) return null;
  const at = who.now();
  const memory = new ExactMemory({ bytes: true });
  const read = eachTmxUnitBytes(req.tmBytes, (source, target, u) => memory.add(source, target, u.changedAt ?? u.createdAt ?? at));
  if (read === null) return null;
  const { text, spans } = plain;
  const targets: (string | null)[] = new Array<string | null>(spans.length);
  // The project TMX's units, gathered as the paragraphs are looked up (a pass of its own over 20k
  // indices, with Uint8Array.from, took 14-20 ms): the translated paragraphs' sources and targets,
  // and which are a unit's source taking its target, both bare segments XML carries as they are.
  const sources: string[] = [];
  const texts: string[] = [];
  const plainXml = new Uint8Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const source = spans[i]!.text;
    const match = memory.get(source);
    let target = '';
    let bare = 0;
    if (match) {
      if (match.source === source) {
        target = match.target;
        bare = 1;
      } else {
        // Another spelling of the unit's source: its numbers put into the target, as text.
        const substituted = substituteNumbers(
          fromByteString(source),
          fromByteString(match.source),
          fromByteString(match.target),
        ).text;
        // A lone surrogate would not survive UTF-8: the decoding path writes what it makes of it.
        if (LONE_SURROGATE.test(substituted)) return null;
        target = toByteString(substituted);
      }
    }
    // No match (the memory holds no blank target, and numbers put into one leave it not blank).
    if (target === '') {
      targets[i] = null;
      continue;
    }
    targets[i] = target;
    plainXml[sources.length] = bare;
    sources.push(source);
    texts.push(target);
  }
  const stored = memory.stored;
  memory.clear();
  take(req, 'tmBytes');
  take(req, 'bytes');
  const name = documentName(req.fileName);
  // The project TMX is written first and its fsync (12 MB for 20k paragraphs) runs on libuv's
  // thread pool while the target is written; then the target is synced and renamed into place, then
  // the project TMX: the files, their errors and the order they appear in are writeTextInPieces'
  // then writeFileAtomicStream's (a project TMX that cannot be written leaves the target written).
  let project: AtomicFileWriter | undefined;
  let projectFailure: unknown;
  if (req.tmxOut) {
    try {
      project = beginFileAtomic(req.tmxOut, { overwrite: true });
      const meta = { exportedAt: who.now(), exportedBy: who.name, srcLang: 'ar' };
      // What projectUnits would make: units that differ only in their id, texts and plain flag.
      const shared = {
        sourceLang: 'ar',
        targetLang: 'en',
        author: who.name,
        createdAt: at,
        changedAt: at,
        status: 'translated',
        origin: name,
      };
      streamSameUnitsTmxBytes(shared, stored + 1, sources, texts, plainXml, meta, project.write);
      project.end();
    } catch (e) {
      project?.abort();
      project = undefined;
      projectFailure = e;
    }
  }
  try {
    const target = beginFileAtomic(req.out, { overwrite: true });
    try {
      textInPieces((emit) => emitReplacedParagraphs(text, spans, targets, emit), 'latin1', target.write);
    } catch (e) {
      target.abort();
      throw e;
    }
    await target.commit();
  } catch (e) {
    project?.abort();
    throw e;
  }
  if (projectFailure !== undefined) throw projectFailure;
  await project?.commit();
  return {
    out: req.out,
    tmxOut: req.tmxOut ?? null,
    documentId: null,
    units: read,
    segments: spans.length,
    translated: sources.length,
    draft: 0,
  };
}

/** The project TMX's units (decoding path): each translated paragraph with its target, numbered after the memory's units. */
function* projectUnits(p: {
  spans: readonly { text: string }[];
  targets: readonly (string | null)[];
  translated: readonly number[];
  stored: number;
  at: string;
  name: string;
  who: TranslateActor;
  sourceLang: string;
  targetLang: string;
}): Generator<MemoryTmxUnit> {
  for (let k = 0; k < p.translated.length; k++) {
    const i = p.translated[k]!;
    yield {
      id: p.stored + k + 1,
      source: p.spans[i]!.text,
      target: p.targets[i]!,
      sourceLang: p.sourceLang,
      targetLang: p.targetLang,
      author: p.who.name,
      createdAt: p.at,
      changedAt: p.at,
      status: 'translated',
      origin: p.name,
    };
  }
}

/**
 * The source's format. The bytes are read here, not in the async caller: a value an async function
 * reads for a call it awaits stays in its suspended frame, and would keep the file to the end.
 */
function formatOf(req: TranslateRequest): ReturnType<typeof detectImportFormat> {
  return detectImportFormat(req.fileName, req.bytes);
}

/** The request's bytes, handed over: the request no longer holds them, so they go once read. */
function take(req: TranslateRequest, field: 'bytes' | 'tmBytes'): Uint8Array {
  const bytes = req[field];
  req[field] = RELEASED;
  return bytes;
}

/**
 * Writes text produced in pieces without ever holding it whole, encoded in batches of about 32K
 * characters (a write per piece would be a system call per paragraph; a batch stays small enough
 * for V8's young generation) into one reused buffer. Pieces end at paragraph edges, never inside a
 * surrogate pair, so the bytes are those of encoding the whole text at once.
 */
function writeTextInPieces(path: string, produce: (emit: (piece: string) => void) => void): void {
  writeFileAtomicStream(path, (write) => textInPieces(produce, 'utf8', write), { overwrite: true });
}

/** writeTextInPieces' bytes, handed to `write` (one reused buffer: valid until `write` returns). */
function textInPieces(
  produce: (emit: (piece: string) => void) => void,
  /** 'latin1': the pieces are byte strings (text/utf8.ts), written as the bytes they hold. */
  encoding: 'utf8' | 'latin1',
  write: (bytes: Uint8Array) => void,
): void {
  // One buffer, reused: UTF-8 takes at most three bytes for a UTF-16 code unit.
  const perChar = encoding === 'utf8' ? 3 : 1;
  let bytes = Buffer.allocUnsafe(perChar * 2 * BATCH);
  const flush = (text: string) => {
    if (perChar * text.length > bytes.length) bytes = Buffer.allocUnsafe(perChar * text.length);
    write(bytes.subarray(0, bytes.write(text, 0, encoding)));
  };
  let batch = '';
  produce((piece) => {
    batch += piece;
    if (batch.length >= BATCH) {
      flush(batch);
      batch = '';
    }
  });
  if (batch !== '') flush(batch);
}

const BATCH = 32_768;
