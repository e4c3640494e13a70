// The bilingual review DOCX (memoQ/Trados style): a short header, then a table per 500 pairs with
// ID | Arabic source | English target | status | open comments. The reviewer edits the English column
// in Word; readReviewedDocx reads it back, matching rows by the ID column.
//
// Direction is set explicitly everywhere so Word and LibreOffice agree: the table is LTR
// (`visuallyRightToLeft: false`, column order fixed), Arabic paragraphs are `bidirectional` with
// `rightToLeft` runs in an Arabic complex-script font and no explicit alignment (a right-to-left
// paragraph starts on the right in both programs), English paragraphs carry no bidi at all.
import {
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ErrorCategory, Severity, Status } from '../shared/domain';
import { QalamError } from '../shared/errors';
import type { ExportComment, ExportModel, ExportPair, ReviewedRow } from './model';
import { isOn, mainDocument, openZip, paragraphText } from './docx-ooxml';
import { tagNumbers } from '../shared/inline';
import { CODE_POINT_STYLE_DEF, TAG_STYLE_DEF, codedRuns, hasArabicLetters, textRuns, type RunProps } from './docx-runs';
import { elements, xmlSafe, type XmlElement } from './xml';

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
  columns: { id: string; source: string; target: string; status: string; comments: string };
  statuses: Record<Status, string>;
  categories: Record<ErrorCategory, string>;
  severities: Record<Severity, string>;
  reason: string;
}

export type BilingualLabelsInput = Partial<Omit<BilingualLabels, 'columns' | 'statuses' | 'categories' | 'severities'>> & {
  columns?: Partial<BilingualLabels['columns']>;
  statuses?: Partial<BilingualLabels['statuses']>;
  categories?: Partial<BilingualLabels['categories']>;
  severities?: Partial<BilingualLabels['severities']>;
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
  columns: { id: 'ID', source: 'Arabic source', target: 'English translation', status: 'Status', comments: 'Open comments' },
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
  };
}

// ——— Writer ———

// A4 landscape with 0.5" margins: 16838 − 2 × 720 twips of usable width. docx takes the portrait
// size and swaps it for a landscape orientation.
const PAGE = { width: 11906, height: 16838, margin: 720 };
const COLUMN_WIDTHS = [760, 5300, 5300, 1400, 2638];
const TABLE_WIDTH = COLUMN_WIDTHS.reduce((a, b) => a + b, 0);

const ARABIC_RUN: RunProps = {
  rightToLeft: true,
  font: { ascii: ARABIC_FONT, hAnsi: ARABIC_FONT, cs: ARABIC_FONT },
  size: 22,
  sizeComplexScript: 26,
  language: { bidirectional: 'ar-SA' },
};
const ENGLISH_RUN: RunProps = { size: 22, language: { value: 'en-US' } };

export async function writeBilingualDocx(model: ExportModel, labelsInput?: BilingualLabelsInput): Promise<Uint8Array> {
  const labels = mergeLabels(labelsInput);
  const pairs = model.pairs.filter((p) => !p.excluded);
  const children: Array<Paragraph | Table> = [...header(model, pairs, labels)];
  for (let i = 0; i < pairs.length; i += MAX_ROWS_PER_TABLE) {
    // Word joins tables that touch into one, so a paragraph separates them.
    if (i > 0) children.push(new Paragraph({ children: [] }));
    children.push(table(pairs.slice(i, i + MAX_ROWS_PER_TABLE), labels));
  }
  const doc = new Document({
    creator: 'Qalam',
    // Document properties go through docx's own escaping, which passes control characters on.
    title: xmlSafe(model.document.name),
    description: xmlSafe(labels.title),
    styles: {
      default: { document: { run: { font: { ascii: 'Calibri', hAnsi: 'Calibri', cs: ARABIC_FONT }, size: 22 } } },
      characterStyles: [CODE_POINT_STYLE_DEF, TAG_STYLE_DEF],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A paragraph of UI text, right-to-left when the (translated) label is Arabic. */
function labelParagraph(
  runs: Array<{ text: string; bold?: boolean; color?: string; size?: number }>,
  extra: { heading?: boolean } = {},
): Paragraph {
  const rtl = runs.some((r) => hasArabicLetters(r.text));
  return new Paragraph({
    ...(rtl ? { bidirectional: true } : {}),
    spacing: { after: extra.heading ? 120 : 60 },
    children: runs.flatMap((r) =>
      textRuns(r.text, {
        bold: r.bold ?? extra.heading ?? false,
        ...(r.color ? { color: r.color } : {}),
        size: r.size ?? (extra.heading ? 32 : 20),
        ...(rtl ? { rightToLeft: true } : {}),
      }),
    ),
  });
}

function header(model: ExportModel, pairs: ExportPair[], labels: BilingualLabels): Paragraph[] {
  const s = model.stats;
  const targetWords = pairs.reduce((n, p) => n + p.targetWords, 0);
  const summary = (['new', 'draft', 'translated', 'approved', 'rejected'] as const)
    .map((st) => `${labels.statuses[st]}: ${s.byStatus[st].segments}`)
    .concat(`${labels.excluded}: ${s.excluded.segments}`)
    .join('  ·  ');
  return [
    labelParagraph([{ text: `${labels.title}: ` }, { text: model.document.name }], { heading: true }),
    labelParagraph([
      {
        text: `${labels.exported}: ${formatTime(model.exportedAt)}${model.exportedBy ? ` ${labels.exportedBy} ${model.exportedBy}` : ''}`,
      },
    ]),
    labelParagraph([
      {
        text: `${labels.segments}: ${s.total.segments}  ·  ${labels.sourceWords}: ${s.total.words}  ·  ${labels.targetWords}: ${targetWords}`,
      },
    ]),
    labelParagraph([{ text: summary }]),
    labelParagraph([{ text: labels.instructions, color: '7F7F7F', size: 18 }]),
  ];
}

/** `2024-03-05 07:08 UTC`: unambiguous in every locale, which a header date must be. */
function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function table(pairs: ExportPair[], labels: BilingualLabels): Table {
  return new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMN_WIDTHS,
    layout: TableLayoutType.FIXED,
    visuallyRightToLeft: false,
    rows: [headerRow(labels), ...pairs.map((p) => pairRow(p, labels))],
  });
}

function cell(index: number, children: Paragraph[], shade?: string): TableCell {
  return new TableCell({
    width: { size: COLUMN_WIDTHS[index]!, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    ...(shade ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: shade } } : {}),
    children: children.length > 0 ? children : [new Paragraph({ children: [] })],
  });
}

function headerRow(labels: BilingualLabels): TableRow {
  const c = labels.columns;
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [c.id, c.source, c.target, c.status, c.comments].map((text, i) =>
      cell(i, [labelParagraph([{ text, bold: true, size: 20 }])], 'E7E6E6'),
    ),
  });
}

function pairRow(p: ExportPair, labels: BilingualLabels): TableRow {
  const id = new Paragraph({ children: [new TextRun({ text: String(p.id), size: 14, color: '808080' })] });
  // Inline codes as tag tokens, numbered as the editor numbers them; the re-import reads them back.
  const numbers = tagNumbers(p.sourceCodes ?? [], p.targetCodes ?? []);
  const source = new Paragraph({ bidirectional: true, children: codedRuns(p.source, p.sourceCodes, numbers, ARABIC_RUN) });
  // No `bidirectional` and no alignment: the English paragraph is plain left-to-right.
  const target = new Paragraph({ children: codedRuns(p.target, p.targetCodes, numbers, ENGLISH_RUN) });
  const status: Paragraph[] = [labelParagraph([{ text: labels.statuses[p.status], size: 18 }])];
  if (p.status === 'rejected' && p.rejectionReason) {
    status.push(commentParagraph(`${labels.reason}: `, p.rejectionReason));
  }
  const comments = p.comments.filter((c) => !c.resolved).map((c) => commentParagraph(`${c.author}${tags(c, labels)}: `, c.body));
  return new TableRow({ children: [cell(0, [id]), cell(1, [source]), cell(2, [target]), cell(3, status), cell(4, comments)] });
}

function tags(c: ExportComment, labels: BilingualLabels): string {
  const t = [c.category ? labels.categories[c.category] : null, c.severity ? labels.severities[c.severity] : null].filter(
    Boolean,
  );
  return t.length > 0 ? ` (${t.join(', ')})` : '';
}

function commentParagraph(lead: string, body: string): Paragraph {
  const rtl = hasArabicLetters(body) && !/[A-Za-z]/.test(body);
  const props: RunProps = rtl ? { ...ARABIC_RUN, size: 18, sizeComplexScript: 20 } : { size: 18 };
  return new Paragraph({
    ...(rtl ? { bidirectional: true } : {}),
    children: [...textRuns(lead, { ...props, bold: true }), ...textRuns(body, props)],
  });
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
