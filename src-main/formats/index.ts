// The formats layer's front door: one call to write any export, one to parse any document import.
import type { Encoding, ExportFormat, ImportFormat } from '../shared/domain';
import { QalamError } from '../shared/errors';
import { writeCsv, parseCsv } from './csv';
import { parseDocx } from './docx';
import { writeBilingualDocx, type BilingualLabelsInput } from './docx-bilingual';
import { writeTargetDocx } from './docx-target';
import type { ExportedFile, ExportModel, ImportedDocument } from './model';
import { writeTargetHtml, writeTargetMarkdown, writeTargetTxt, type TargetLabels } from './target-text';
import { writeTmx } from './tmx';
import { parseTxt } from './txt';
import { parseXliff12, writeXliff12 } from './xliff12';
import { parseXliff20, writeXliff20 } from './xliff20';

export { detectFormat } from './detect';
export { readReviewedDocx } from './docx-bilingual';
export { parseTmx } from './tmx';

/** Translated UI strings for the exports that show any (bilingual DOCX header, untranslated marker). */
export type ExportLabels = BilingualLabelsInput & TargetLabels;

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FILE_TYPES: Record<ExportFormat, { mime: string; extension: string }> = {
  'docx-bilingual': { mime: DOCX_MIME, extension: 'docx' },
  'docx-layout': { mime: DOCX_MIME, extension: 'docx' },
  'html-layout': { mime: 'text/html;charset=utf-8', extension: 'html' },
  docx: { mime: DOCX_MIME, extension: 'docx' },
  txt: { mime: 'text/plain;charset=utf-8', extension: 'txt' },
  html: { mime: 'text/html;charset=utf-8', extension: 'html' },
  md: { mime: 'text/markdown;charset=utf-8', extension: 'md' },
  xliff12: { mime: 'application/xliff+xml', extension: 'xlf' },
  xliff20: { mime: 'application/xliff+xml', extension: 'xlf' },
  tmx: { mime: 'application/x-tmx+xml', extension: 'tmx' },
  csv: { mime: 'text/csv;charset=utf-8', extension: 'csv' },
};

export async function writeExport(format: ExportFormat, model: ExportModel, labels: ExportLabels = {}): Promise<ExportedFile> {
  return { bytes: await render(format, model, labels), ...FILE_TYPES[format] };
}

async function render(format: ExportFormat, model: ExportModel, labels: ExportLabels): Promise<Uint8Array> {
  switch (format) {
    case 'docx-bilingual':
      return writeBilingualDocx(model, labels);
    case 'docx-layout':
      return (await import('./docx-target-layout')).writeLayoutDocx(model);
    case 'html-layout':
      return (await import('./html')).writeLayoutHtml(model);
    case 'docx':
      return writeTargetDocx(model, labels);
    case 'txt':
      return writeTargetTxt(model, labels);
    case 'html':
      return writeTargetHtml(model, labels);
    case 'md':
      return writeTargetMarkdown(model, labels);
    case 'xliff12':
      return writeXliff12(model);
    case 'xliff20':
      return writeXliff20(model);
    case 'tmx':
      return writeTmx(model);
    case 'csv':
      return writeCsv(model);
  }
}

/** The formats that import as a document (TMX imports as translation memory: `parseTmx`). */
export type DocumentImportFormat = Exclude<ImportFormat, 'tmx'>;

export async function parseImport(
  format: ImportFormat,
  bytes: Uint8Array,
  opts: { encoding?: Encoding } = {},
): Promise<ImportedDocument> {
  switch (format) {
    case 'txt':
      return parseTxt(bytes, opts);
    case 'docx':
      return parseDocx(bytes);
    case 'xliff12':
      return parseXliff12(bytes);
    case 'xliff20':
      return parseXliff20(bytes);
    case 'csv':
      return parseCsv(bytes);
    case 'tmx':
      throw new QalamError('import_unsupported', { detail: 'tmx_is_memory' });
    case 'html':
      return (await import('./html')).parseHtml(bytes);
  }
}
