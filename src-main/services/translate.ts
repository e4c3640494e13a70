// `qalam translate`: the one-command pipeline step OmegaT's console-translate mode is used for —
// import a document, apply a TMX memory, write the translated document (and its translations as TMX).
import { type ExportFormat } from '../shared/domain';
import { writeFileAtomic } from '../fs-atomic';
import { documentSegments } from '../store/repos/tm';
import { replaceParagraphs } from '../text/paragraphs';
import type { ServiceContext } from './context';
import { importDocument } from './documents';
import { exportToFile } from './io';
import { importTmx, renderMemoryTmx } from './tm';
import { pretranslate } from './tm-writes';

export interface TranslateRequest {
  fileName: string;
  bytes: Uint8Array;
  tmFileName: string;
  tmBytes: Uint8Array;
  out: string;
  tmxOut?: string | undefined;
  minScore: number;
}

export interface TranslateResult {
  out: string;
  tmxOut: string | null;
  documentId: number;
  units: number;
  segments: number;
  translated: number;
  draft: number;
}

/** The target format for a source format; plain text keeps the source file's own layout instead. */
const TARGET_FORMAT: Record<string, ExportFormat> = { docx: 'docx', xliff12: 'xliff12', xliff20: 'xliff20', csv: 'csv' };

export async function translateFile(ctx: ServiceContext, req: TranslateRequest): Promise<TranslateResult> {
  const memory = await importTmx(ctx, req.tmFileName, req.tmBytes);
  const doc = await importDocument(ctx, { fileName: req.fileName, bytes: req.bytes, allowDuplicate: true, searchIndex: false });
  const filled = pretranslate(ctx, { documentId: doc.id, minScore: req.minScore });
  if (doc.format === 'txt') {
    // Like OmegaT: each paragraph replaced by its translation where there is one, the source
    // elsewhere, and everything between paragraphs as it was.
    const { decodeText } = await import('../formats/txt');
    const text = decodeText(req.bytes, (doc.encoding as Parameters<typeof decodeText>[1]) ?? undefined).text;
    const targets = documentSegments(ctx.db, doc.id).map((s) => (s.target.trim() === '' ? null : s.target));
    writeFileAtomic(req.out, new TextEncoder().encode(replaceParagraphs(text, targets)), { overwrite: true });
  } else {
    await exportToFile(
      ctx,
      { documentId: doc.id, format: TARGET_FORMAT[doc.format] ?? 'txt', markUntranslated: false },
      req.out,
      true,
    );
  }
  if (req.tmxOut) writeFileAtomic(req.tmxOut, await renderMemoryTmx(ctx, { documentId: doc.id }), { overwrite: true });
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
