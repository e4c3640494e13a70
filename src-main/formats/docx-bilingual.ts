// The bilingual review DOCX (memoQ/Trados style): a short header, then a table per 500 pairs with
// ID | Arabic source | English target | status | open comments [| QA issues]. The reviewer edits the
// English column in Word; readReviewedDocx reads it back, matching rows by the ID column (and reads
// only the first three columns, so the optional QA column never comes back as text).
//
// The WordprocessingML is written as text straight into a streaming zip (fflate): the parts are few
// and fixed, and a document model of 100k rows would cost seconds and hundreds of megabytes.
//
// Direction is set explicitly everywhere so Word and LibreOffice agree: the table is LTR
// (`<w:bidiVisual w:val="off"/>`, column order fixed), Arabic paragraphs are `<w:bidi/>` with
// `<w:rtl/>` runs in an Arabic complex-script font and no explicit alignment (a right-to-left
// paragraph starts on the right in both programs), English paragraphs carry no bidi at all.

import type { ErrorCategory, Severity, Status } from '../shared/domain';
import { QalamError } from '../shared/errors';
import { tagLabel, tagNumbers, toPieces, type InlineCode } from '../shared/inline';
import type { QaSeverity } from '../shared/qa';
import type { ExportComment, ExportModel, ExportPair, QaNote, ReviewedRow } from './model';
import {
  CODE_POINT_STYLE,
  TAG_STYLE,
  W,
  R,
  XML_HEAD,
  collectChunks,
  coreXml,
  isOn,
  mainDocument,
  openZip,
  paragraphText,
  streamDocxPackage,
  textRunsXml,
} from './docx-ooxml';
import { elements, type XmlElement } from './xml';

export const MAX_ROWS_PER_TABLE = 500;
export const ARABIC_FONT = 'Noto Naskh Arabic';

export interface BilingualLabels {
  title: string;
  exported: string;
  exportedBy: string;
  sourceWords: string;
  targetWords: string;
  segments: string;
  excluded: string;
  instructions: string;
  columns: { id: string; source: string; target: string; status: string; comments: string; qa: string };
  statuses: Record<Status, string>;
  categories: Record<ErrorCategory, string>;
  severities: Record<Severity, string>;
  reason: string;
  /** How a QA issue's severity is shown in the QA column. */
  qaSeverities: Record<QaSeverity, string>;
}

export type BilingualLabelsInput = Partial<
  Omit<BilingualLabels, 'columns' | 'statuses' | 'categories' | 'severities' | 'qaSeverities'>
> & {
  columns?: Partial<BilingualLabels['columns']>;
  statuses?: Partial<BilingualLabels['statuses']>;
  categories?: Partial<BilingualLabels['categories']>;
  severities?: Partial<BilingualLabels['severities']>;
  qaSeverities?: Partial<BilingualLabels['qaSeverities']>;
};

export const DEFAULT_BILINGUAL_LABELS: BilingualLabels = {
  title: 'Bilingual review',
  exported: 'Exported',
  exportedBy: 'by',
  sourceWords: 'Source words',
  targetWords: 'Target words',
  segments: 'Segments',
  excluded: 'Excluded',
  instructions: 'Edit the English column only. Do not change the ID column: it is how Qalam matches your changes.',
  columns: {
    id: 'ID',
    source: 'Arabic source',
    target: 'English translation',
    status: 'Status',
    comments: 'Open comments',
    qa: 'QA',
  },
  statuses: { new: 'New', draft: 'Draft', translated: 'Translated', approved: 'Approved', rejected: 'Rejected' },
  categories: {
    accuracy: 'Accuracy',
    fluency: 'Fluency',
    terminology: 'Terminology',
    style: 'Style',
    locale: 'Locale',
    other: 'Other',
  },
  severities: { minor: 'Minor', major: 'Major', critical: 'Critical' },
  reason: 'Reason',
  qaSeverities: { error: 'Error', warning: 'Warning' },
};

function mergeLabels(input: BilingualLabelsInput | undefined): BilingualLabels {
  const d = DEFAULT_BILINGUAL_LABELS;
  if (!input) return d;
  return {
    ...d,
    ...input,
    columns: { ...d.columns, ...input.columns },
    statuses: { ...d.statuses, ...input.statuses },
    categories: { ...d.categories, ...input.categories },
    severities: { ...d.severities, ...input.severities },
    qaSeverities: { ...d.qaSeverities, ...input.qaSeverities },
  };
}

// ——— Writer ———

export interface BilingualOptions {
  labels?: BilingualLabelsInput | undefined;
  /** Adds the QA column: each pair's standing issues by pair id (none listed: an empty cell). */
  qa?: ReadonlyMap<number, readonly QaNote[]> | undefined;
  /** Adds the QA column, filled from each row's own `qa` notes (rows streamed with their issues). */
  qaColumn?: boolean | undefined;
}

/** What the header needs besides the pairs, so that the pairs can be streamed. */
export type BilingualHead = Pick<ExportModel, 'document' | 'exportedAt' | 'exportedBy' | 'stats'> & {
  /** Target words of the pairs written (not excluded). */
  targetWords: number;
};

// A4 landscape with 0.5" margins: 16838 − 2 × 720 twips of usable width.
const PAGE = { width: 16838, height: 11906, margin: 720 };
const COLUMN_WIDTHS = [760, 5300, 5300, 1400, 2638];
// The QA column takes its room from the two text columns and the comments.
const COLUMN_WIDTHS_QA = [760, 4600, 4600, 1300, 2000, 2138];
const TABLE_WIDTH = COLUMN_WIDTHS.reduce((a, b) => a + b, 0);

// Run properties in the schema's order (rStyle, rFonts, b, bCs, i, iCs, color, sz, szCs, shd, rtl, lang).
const ARABIC_RPR = `<w:rFonts w:ascii="${ARABIC_FONT}" w:hAnsi="${ARABIC_FONT}" w:cs="${ARABIC_FONT}"/><w:sz w:val="22"/><w:szCs w:val="26"/><w:rtl/><w:lang w:bidi="ar-SA"/>`;
const ARABIC_SMALL_RPR = `<w:rFonts w:ascii="${ARABIC_FONT}" w:hAnsi="${ARABIC_FONT}" w:cs="${ARABIC_FONT}"/><w:sz w:val="18"/><w:szCs w:val="20"/><w:rtl/><w:lang w:bidi="ar-SA"/>`;
const ENGLISH_RPR = '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US"/>';
/** Tag tokens read left to right whatever the paragraph's direction. */
const TAG_RPR = '<w:rStyle w:val="QalamTag"/><w:rtl w:val="0"/>';

function sizes(halfPoints: number): string {
  return `<w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/>`;
}

/** Text with its inline codes: each code as a token run (`{1}`, `{/1}`, `{2/}`) in the QalamTag style. */
function codedRunsXml(
  text: string,
  codes: readonly InlineCode[] | null | undefined,
  numbers: ReadonlyMap<string, number>,
  rPr: string,
): string {
  if (!codes || codes.length === 0) return textRunsXml(text, rPr);
  let out = '';
  for (const p of toPieces(text, codes)) {
    out +=
      typeof p === 'string'
        ? textRunsXml(p, rPr)
        : `<w:r><w:rPr>${TAG_RPR}</w:rPr><w:t xml:space="preserve">${tagLabel(p, numbers.get(p.id) ?? 0)}</w:t></w:r>`;
  }
  return out;
}

/** Arabic letters in a label decide its paragraph direction (labels may come translated). */
function hasArabicLetters(s: string): boolean {
  return /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/.test(s);
}

/** A paragraph of UI text, right-to-left when the (translated) label is Arabic. */
function labelParagraph(
  runs: Array<{ text: string; bold?: boolean; color?: string; size?: number }>,
  extra: { heading?: boolean } = {},
): string {
  const rtl = runs.some((r) => hasArabicLetters(r.text));
  let body = '';
  for (const r of runs) {
    const bold = r.bold ?? extra.heading ?? false;
    const rPr =
      (bold ? '<w:b/><w:bCs/>' : '') +
      (r.color ? `<w:color w:val="${r.color}"/>` : '') +
      sizes(r.size ?? (extra.heading ? 32 : 20)) +
      (rtl ? '<w:rtl/>' : '');
    body += textRunsXml(r.text, rPr);
  }
  return `<w:p><w:pPr>${rtl ? '<w:bidi/>' : ''}<w:spacing w:after="${extra.heading ? 120 : 60}"/></w:pPr>${body}</w:p>`;
}

function headerXml(head: BilingualHead, labels: BilingualLabels): string {
  const s = head.stats;
  const summary = (['new', 'draft', 'translated', 'approved', 'rejected'] as const)
    .map((st) => `${labels.statuses[st]}: ${s.byStatus[st].segments}`)
    .concat(`${labels.excluded}: ${s.excluded.segments}`)
    .join('  ·  ');
  return [
    labelParagraph([{ text: `${labels.title}: ` }, { text: head.document.name }], { heading: true }),
    labelParagraph([
      {
        text: `${labels.exported}: ${formatTime(head.exportedAt)}${head.exportedBy ? ` ${labels.exportedBy} ${head.exportedBy}` : ''}`,
      },
    ]),
    labelParagraph([
      {
        text: `${labels.segments}: ${s.total.segments}  ·  ${labels.sourceWords}: ${s.total.words}  ·  ${labels.targetWords}: ${head.targetWords}`,
      },
    ]),
    labelParagraph([{ text: summary }]),
    labelParagraph([{ text: labels.instructions, color: '7F7F7F', size: 18 }]),
  ].join('');
}

/** `2024-03-05 07:08 UTC`: unambiguous in every locale, which a header date must be. */
function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// Cell margins once per table (tblCellMar) instead of in every cell: the same layout in Word and
// LibreOffice, and about 40% less XML per row to encode and deflate.
const CELL_MARGINS =
  '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>';

function cellOpen(width: number, shade?: string): string {
  const shd = shade ? `<w:shd w:val="clear" w:color="auto" w:fill="${shade}"/>` : '';
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${shd}</w:tcPr>`;
}

function cellXml(width: number, paragraphs: string, shade?: string): string {
  return `${cellOpen(width, shade)}${paragraphs || '<w:p/>'}</w:tc>`;
}

function tableStart(widths: readonly number[], labels: BilingualLabels): string {
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>`;
  const c = labels.columns;
  const titles = [c.id, c.source, c.target, c.status, c.comments, c.qa].slice(0, widths.length);
  return (
    `<w:tbl><w:tblPr><w:bidiVisual w:val="off"/><w:tblW w:w="${TABLE_WIDTH}" w:type="dxa"/>` +
    `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>` +
    `<w:tblLayout w:type="fixed"/>${CELL_MARGINS}</w:tblPr><w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` +
    `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${titles
      .map((t, i) => cellXml(widths[i]!, labelParagraph([{ text: t, bold: true, size: 20 }]), 'E7E6E6'))
      .join('')}</w:tr>`
  );
}

/** The parts of a row that depend only on the export (widths, labels), built once per export. */
interface RowParts {
  widths: readonly number[];
  labels: BilingualLabels;
  table: string;
  /** ID cell up to the id, and from the id to the source text's runs. */
  idOpen: string;
  idToSource: string;
  sourceToTarget: string;
  targetToStatus: string;
  statuses: Record<Status, string>;
  statusToComments: string;
  /** After the comments: the QA cell's start, or the end of the row. */
  commentsClose: string;
  qaClose: string;
}

function rowParts(widths: readonly number[], labels: BilingualLabels): RowParts {
  const statuses = {} as Record<Status, string>;
  for (const st of Object.keys(labels.statuses) as Status[])
    statuses[st] = labelParagraph([{ text: labels.statuses[st], size: 18 }]);
  const qa = widths.length > 5;
  return {
    widths,
    labels,
    table: tableStart(widths, labels),
    idOpen: `<w:tr>${cellOpen(widths[0]!)}<w:p><w:r><w:rPr><w:color w:val="808080"/>${sizes(14)}</w:rPr><w:t>`,
    idToSource: `</w:t></w:r></w:p></w:tc>${cellOpen(widths[1]!)}<w:p><w:pPr><w:bidi/></w:pPr>`,
    // No bidi and no alignment: the English paragraph is plain left-to-right.
    sourceToTarget: `</w:p></w:tc>${cellOpen(widths[2]!)}<w:p>`,
    targetToStatus: `</w:p></w:tc>${cellOpen(widths[3]!)}`,
    statuses,
    statusToComments: `</w:tc>${cellOpen(widths[4]!)}`,
    commentsClose: qa ? `</w:tc>${cellOpen(widths[5]!)}` : '</w:tc></w:tr>',
    qaClose: '</w:tc></w:tr>',
  };
}

/** The fields of a pair the review shows. */
export type BilingualRow = Pick<
  ExportPair,
  'id' | 'source' | 'target' | 'sourceCodes' | 'targetCodes' | 'status' | 'excluded' | 'rejectionReason'
> & {
  comments: readonly ExportComment[];
  /** The QA column's notes of this pair, when they come with the row (else from the `qa` option). */
  qa?: readonly QaNote[] | undefined;
};

function rowXml(p: BilingualRow, parts: RowParts, qa: readonly QaNote[] | undefined): string {
  const { labels } = parts;
  // Inline codes as tag tokens, numbered as the editor numbers them; the re-import reads them back.
  const numbers = p.sourceCodes || p.targetCodes ? tagNumbers(p.sourceCodes ?? [], p.targetCodes ?? []) : NO_NUMBERS;
  let status = parts.statuses[p.status];
  if (p.status === 'rejected' && p.rejectionReason) status += commentParagraph(`${labels.reason}: `, p.rejectionReason);
  let comments = '';
  for (const c of p.comments) if (!c.resolved) comments += commentParagraph(`${c.author}${tags(c, labels)}: `, c.body);
  let row =
    parts.idOpen +
    p.id +
    parts.idToSource +
    codedRunsXml(p.source, p.sourceCodes, numbers, ARABIC_RPR) +
    parts.sourceToTarget +
    codedRunsXml(p.target, p.targetCodes, numbers, ENGLISH_RPR) +
    parts.targetToStatus +
    status +
    parts.statusToComments +
    (comments || '<w:p/>') +
    parts.commentsClose;
  if (parts.widths.length > 5) {
    let notes = '';
    for (const n of qa ?? []) notes += commentParagraph(`${labels.qaSeverities[n.severity]}: `, n.text);
    row += (notes || '<w:p/>') + parts.qaClose;
  }
  return row;
}

const NO_NUMBERS: ReadonlyMap<string, number> = new Map();

function tags(c: ExportComment, labels: BilingualLabels): string {
  const t = [c.category ? labels.categories[c.category] : null, c.severity ? labels.severities[c.severity] : null].filter(
    Boolean,
  );
  return t.length > 0 ? ` (${t.join(', ')})` : '';
}

function commentParagraph(lead: string, body: string): string {
  const rtl = hasArabicLetters(body) && !/[A-Za-z]/.test(body);
  const rPr = rtl ? ARABIC_SMALL_RPR : sizes(18);
  const boldRPr = rtl ? `<w:b/><w:bCs/>${ARABIC_SMALL_RPR}` : `<w:b/><w:bCs/>${sizes(18)}`;
  return `<w:p>${rtl ? '<w:pPr><w:bidi/></w:pPr>' : ''}${textRunsXml(lead, boldRPr)}${textRunsXml(body, rPr)}</w:p>`;
}

const DOCUMENT_START = `${XML_HEAD}<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>`;
const SECTION =
  `<w:sectPr><w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}" w:orient="landscape"/>` +
  `<w:pgMar w:top="${PAGE.margin}" w:right="${PAGE.margin}" w:bottom="${PAGE.margin}" w:left="${PAGE.margin}" w:header="708" w:footer="708" w:gutter="0"/>` +
  '<w:docGrid w:linePitch="360"/></w:sectPr>';

const STYLES =
  `${XML_HEAD}<w:styles xmlns:w="${W}">` +
  `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="${ARABIC_FONT}"/>${sizes(22)}</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>` +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
  '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  `<w:style w:type="character" w:customStyle="1" w:styleId="${CODE_POINT_STYLE}"><w:name w:val="Qalam Code Point"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>` +
  `<w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:eastAsia="Consolas" w:cs="Consolas"/><w:color w:val="C00000"/>${sizes(16)}</w:rPr></w:style>` +
  `<w:style w:type="character" w:customStyle="1" w:styleId="${TAG_STYLE}"><w:name w:val="Qalam Tag"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>` +
  `<w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:eastAsia="Consolas" w:cs="Consolas"/><w:color w:val="1D5C8C"/>${sizes(16)}<w:shd w:val="clear" w:color="auto" w:fill="DCEBF7"/></w:rPr></w:style>` +
  '</w:styles>';

/**
 * Writes the bilingual review DOCX as a stream: `write` receives the zip's bytes in order as they are
 * produced, and `pairs` is read once, in order (excluded pairs are skipped). Memory stays at one
 * piece of XML plus the deflater's output, whatever the number of pairs.
 */
export function streamBilingualDocx(
  head: BilingualHead,
  pairs: Iterable<BilingualRow>,
  write: (chunk: Uint8Array) => void,
  options: BilingualOptions = {},
): void {
  const labels = mergeLabels(options.labels);
  const parts = rowParts(options.qa || options.qaColumn ? COLUMN_WIDTHS_QA : COLUMN_WIDTHS, labels);
  const core = coreXml(head.document.name, labels.title, head.exportedAt);
  streamDocxPackage(
    { core, styles: STYLES },
    (doc) => {
      doc(DOCUMENT_START + headerXml(head, labels));
      let rows = 0;
      for (const p of pairs) {
        if (p.excluded) continue;
        if (rows % MAX_ROWS_PER_TABLE === 0) {
          // Word joins tables that touch into one, so an empty paragraph separates them.
          if (rows > 0) doc('</w:tbl><w:p/>');
          doc(parts.table);
        }
        doc(rowXml(p, parts, p.qa ?? options.qa?.get(p.id)));
        rows++;
      }
      doc(`${rows > 0 ? '</w:tbl>' : ''}${SECTION}</w:body></w:document>`);
    },
    write,
  );
}

/** The whole file in memory (tests, the renderer's download): the stream's chunks joined. */
export function writeBilingualDocx(model: ExportModel, labels?: BilingualLabelsInput): Uint8Array {
  const targetWords = model.pairs.reduce((n, p) => (p.excluded ? n : n + p.targetWords), 0);
  return collectChunks((out) =>
    streamBilingualDocx({ ...model, targetWords }, model.pairs, out, { labels, qa: model.qaNotes ?? undefined }),
  );
}

// ——— Reader ———

/**
 * The rows of a reviewed bilingual DOCX, in file order: pair id from the ID column, source and target
 * text as Word shows them (tracked insertions in, deletions out, split runs joined). Header rows and
 * rows deleted with tracked changes are skipped; a file without our table gives no rows.
 */
export async function readReviewedDocx(bytes: Uint8Array): Promise<ReviewedRow[]> {
  const zip = await openZip(bytes);
  const { root } = await mainDocument(zip);
  const body = elements(root, 'body')[0];
  if (!body) throw new QalamError('import_malformed', { detail: 'not_docx' });
  const rows: ReviewedRow[] = [];
  for (const tbl of descendants(body, 'tbl', new Set(['tbl']))) {
    for (const tr of descendants(tbl, 'tr', new Set(['tr', 'tbl']))) {
      const trPr = elements(tr, 'trPr')[0];
      if (trPr && (isOn(elements(trPr, 'tblHeader')[0]) || elements(trPr, 'del').length > 0)) continue;
      const cells = descendants(tr, 'tc', new Set(['tc', 'tbl']));
      const idText = cells[0] ? cellText(cells[0]).text.trim() : '';
      const target = cells[2] ? cellText(cells[2]) : { text: '', tags: [] };
      const row: ReviewedRow = {
        pairId: /^\d{1,15}$/.test(idText) ? Number(idText) : null,
        source: cells[1] ? cellText(cells[1]).text : '',
        target: target.text,
        index: rows.length,
      };
      if (target.tags.length > 0) row.targetTags = target.tags;
      rows.push(row);
    }
  }
  return rows;
}

/** Elements named `local` below `el` (through wrappers such as <w:sdt>), not descending past `stop`. */
function descendants(el: XmlElement, local: string, stop: Set<string>): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of elements(el)) {
    if (c.local === local) out.push(c);
    else if (!stop.has(c.local)) out.push(...descendants(c, local, stop));
  }
  return out;
}

/**
 * A cell's paragraphs joined by line feeds (a reviewer may press Enter inside a cell), and its tag
 * tokens at their offsets in that text.
 */
function cellText(tc: XmlElement): { text: string; tags: Array<{ pos: number; token: string }> } {
  let text = '';
  const tags: Array<{ pos: number; token: string }> = [];
  descendants(tc, 'p', new Set(['p', 'tbl'])).forEach((p, i) => {
    if (i > 0) text += '\n';
    const found: Array<{ pos: number; token: string }> = [];
    const base = text.length;
    text += paragraphText(p, { dropHidden: false, tags: found }).text;
    for (const t of found) tags.push({ pos: base + t.pos, token: t.token });
  });
  return { text, tags };
}
