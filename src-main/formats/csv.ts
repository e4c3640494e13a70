// RFC 4180 CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Arabic), CRLF records, a header row.
//
// Columns: id, position (0-based), status, excluded (yes/no), source, target, rejection_reason,
// comments (a JSON array of {author, role, body, createdAt, resolved, category, severity}).
//
// Formula injection (OWASP): by default a text cell that a spreadsheet would read as a formula (it
// starts with = + - @ TAB or CR) gets a leading apostrophe, which spreadsheets show as "this is text".
// So that our own import can undo exactly that prefix, a cell made of apostrophes followed by one of
// those characters is prefixed too: export adds one apostrophe to /^'*[=+\-@\t\r]/, import removes one
// from /^'+[=+\-@\t\r]/, a bijection on strings; "'quoted" is left alone both ways.
// `csvRaw` writes cells as they are, for tools that read CSV literally; such a file reads back the
// same except for a cell that itself looks prefixed ("'=x" comes back as "=x").
import { plainText } from '../shared/inline';
import type { Status } from '../shared/domain';
import { QalamError } from '../shared/errors';
import type { ExportComment, ExportModel, ExportPair, ImportedComment, ImportedDocument, ImportedParagraph } from './model';
import { asCategory, asSeverity, asStatus } from './xliff-common';

export const MAX_CSV_BYTES = 200 * 1024 * 1024;
export const CSV_COLUMNS = ['id', 'position', 'status', 'excluded', 'source', 'target', 'rejection_reason', 'comments'] as const;

// ——— Writer ———

const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/** The spreadsheet-safe form of a cell's text (see the top of the file). */
export function guardCell(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** Undoes exactly `guardCell`: `unguardCell(guardCell(s)) === s` for every string. */
export function unguardCell(s: string): string {
  return GUARDED.test(s) ? s.slice(1) : s;
}

export function writeCsv(model: ExportModel): Uint8Array {
  const lines = [CSV_COLUMNS.join(',')];
  const cell = model.options.csvRaw ? (s: string) => s : guardCell;
  for (const p of model.pairs) lines.push(row(p, cell));
  return new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n');
}

function row(p: ExportPair, cell: (s: string) => string): string {
  return [
    String(p.id),
    String(p.position),
    p.status,
    p.excluded ? 'yes' : 'no',
    // A spreadsheet has no tags: line breaks and tabs as characters, other codes left out.
    quote(cell(plainText(p.source, p.sourceCodes))),
    quote(cell(plainText(p.target, p.targetCodes))),
    quote(cell(p.status === 'rejected' ? (p.rejectionReason ?? '') : '')),
    // JSON starts with "[", never a formula.
    quote(p.comments.length > 0 ? JSON.stringify(p.comments.map(commentJson)) : ''),
  ].join(',');
}

function commentJson(c: ExportComment): Record<string, unknown> {
  return {
    author: c.author,
    role: c.role,
    body: c.body,
    createdAt: c.createdAt,
    resolved: c.resolved,
    category: c.category,
    severity: c.severity,
  };
}

/** Text cells are always quoted, so leading spaces, newlines and delimiters survive every reader. */
export function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

// ——— Reader ———

export function parseCsv(bytes: Uint8Array): ImportedDocument {
  if (bytes.length > MAX_CSV_BYTES) throw new QalamError('import_too_large', { limitMb: MAX_CSV_BYTES / 1048576 });
  const warnings: string[] = [];
  const { text, legacy } = decodeCsv(bytes);
  if (legacy) warnings.push('csv_windows_1256');
  if (text.trim() === '') throw new QalamError('import_empty');

  const records = parseRecords(text, sniffDelimiter(text));
  const header = records.shift()!;
  const cols = mapColumns(header);
  const paragraphs: Array<ImportedParagraph & { position?: number }> = [];
  for (const rec of records) {
    if (rec.length === 1 && rec[0] === '') continue; // a blank line
    paragraphs.push(readRow(rec, cols, warnings));
  }
  if (paragraphs.length === 0) throw new QalamError('import_empty');
  return {
    format: 'csv',
    sourceLang: 'ar',
    targetLang: 'en',
    paragraphs: inPositionOrder(paragraphs),
    warnings: [...new Set(warnings)],
  };
}

export function decodeCsv(bytes: Uint8Array): { text: string; legacy: boolean } {
  const attempt = (label: string, skip: number): string | null => {
    try {
      return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(skip));
    } catch {
      return null;
    }
  };
  let text: string | null;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = attempt('utf-8', 3);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = attempt('utf-16le', 2);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = attempt('utf-16be', 2);
  else {
    text = attempt('utf-8', 0);
    // Excel's "CSV" on an Arabic Windows saves in the ANSI code page.
    if (text === null) {
      const legacy = attempt('windows-1256', 0);
      if (legacy !== null) return { text: legacy, legacy: true };
    }
  }
  if (text === null) throw new QalamError('import_encoding', { encoding: 'utf-8' });
  return { text, legacy: false };
}

/** The delimiter used most in the first record outside quotes: comma, semicolon (European Excel) or tab. */
export function sniffDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c in counts) counts[c]!++;
  }
  return [';', '\t'].reduce((best, d) => (counts[d]! > counts[best]! ? d : best), ',');
}

/** RFC 4180 records; also accepts LF or lone CR record ends. Quoted fields keep everything exactly. */
export function parseRecords(text: string, delimiter = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      const start = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new QalamError('import_malformed', { detail: 'csv_unclosed_quote', line: start });
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      continue;
    }
    if (c === delimiter) {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endField();
      records.push(record);
      record = [];
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || record.length > 0) {
    endField();
    records.push(record);
  }
  return records;
}

type Column = (typeof CSV_COLUMNS)[number];

const ALIASES: Record<Column, string[]> = {
  id: ['id', 'key', 'segment id', 'unit id'],
  position: ['position', 'pos', '#', 'no', 'index'],
  status: ['status', 'state'],
  excluded: ['excluded', 'exclude', 'skip'],
  source: ['source', 'source text', 'src', 'arabic', 'ar', 'original'],
  target: ['target', 'target text', 'tgt', 'translation', 'english', 'en'],
  rejection_reason: ['rejection_reason', 'rejection reason', 'reason'],
  comments: ['comments', 'comment', 'notes', 'note'],
};

/** A first line naming a source column and at least one other column we know: a CSV export. */
export function looksLikeCsvHeader(line: string): boolean {
  const delimiter = sniffDelimiter(line);
  const names = line.split(delimiter).map((c) =>
    c
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim()
      .toLowerCase(),
  );
  const known = CSV_COLUMNS.filter((col) => names.some((n) => ALIASES[col].includes(n)));
  return known.includes('source') && known.length >= 2;
}

function mapColumns(header: string[]): Partial<Record<Column, number>> {
  const names = header.map((h) => h.trim().toLowerCase());
  const cols: Partial<Record<Column, number>> = {};
  for (const col of CSV_COLUMNS) {
    const idx = names.findIndex((n) => ALIASES[col].includes(n));
    if (idx >= 0) cols[col] = idx;
  }
  if (cols.source === undefined) throw new QalamError('import_malformed', { detail: 'csv_no_source_column', line: 1 });
  return cols;
}

function readRow(
  rec: string[],
  cols: Partial<Record<Column, number>>,
  warnings: string[],
): ImportedParagraph & { position?: number } {
  const raw = (c: Column): string | undefined => (cols[c] === undefined ? undefined : (rec[cols[c]!] ?? ''));
  const cell = (c: Column): string | undefined => {
    const v = raw(c);
    return v === undefined ? undefined : unguardCell(v);
  };
  const source = cell('source')!;
  const target = cell('target') ?? '';
  const p: ImportedParagraph & { position?: number } = {
    source,
    target,
    status: readStatus(cell('status'), target, warnings),
    excluded: isYes(cell('excluded')),
  };
  const id = cell('id');
  if (id !== undefined && id !== '') p.externalId = id;
  const reason = cell('rejection_reason');
  if (reason !== undefined && (p.status === 'rejected' || reason !== '')) p.rejectionReason = reason;
  const comments = readComments(cell('comments'));
  if (comments.length > 0) p.comments = comments;
  const pos = cell('position');
  if (pos !== undefined && /^\d+$/.test(pos.trim())) p.position = Number(pos);
  return p;
}

function readStatus(value: string | undefined, target: string, warnings: string[]): Status {
  const ours = asStatus(value?.trim().toLowerCase());
  if (ours) return ours;
  if (value !== undefined && value.trim() !== '') warnings.push('csv_unknown_status');
  return target.trim() === '' ? 'new' : 'translated';
}

function isYes(v: string | undefined): boolean {
  return ['yes', 'y', 'true', '1', 'x'].includes((v ?? '').trim().toLowerCase());
}

function readComments(cell: string | undefined): ImportedComment[] {
  if (cell === undefined || cell.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(cell);
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed)) return [{ author: '', body: cell }]; // a hand-written note in the cell
  return parsed.filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null).map(toComment);
}

function toComment(r: Record<string, unknown>): ImportedComment {
  const c: ImportedComment = {
    author: typeof r.author === 'string' ? r.author : '',
    body: typeof r.body === 'string' ? r.body : '',
  };
  if (typeof r.createdAt === 'string') c.createdAt = r.createdAt;
  if (typeof r.resolved === 'boolean') c.resolved = r.resolved;
  c.category = asCategory(r.category);
  c.severity = asSeverity(r.severity);
  return c;
}

/** A spreadsheet sorted by another column comes back in document order when every row has a position. */
function inPositionOrder(rows: Array<ImportedParagraph & { position?: number }>): ImportedParagraph[] {
  const positions = rows.map((r) => r.position);
  const usable = positions.every((p) => p !== undefined) && new Set(positions).size === rows.length;
  const ordered = usable ? [...rows].sort((a, b) => a.position! - b.position!) : rows;
  return ordered.map(({ position: _position, ...p }) => p);
}
