// Target-only documents (the English text alone) as plain text, HTML5 and Markdown.
// Excluded pairs never appear; with `approvedOnly`, only approved translations do; pairs without a
// (usable) translation are dropped, or shown as a visible marker with `markUntranslated`.
import { plainText } from '../shared/inline';
import type { ExportModel, ExportPair } from './model';

/** The marker for a pair without a translation; `{{source}}` stands for the Arabic source text. */
export const DEFAULT_UNTRANSLATED = '[untranslated: {{source}}]';

export interface TargetLabels {
  /** i18next-style template: the service passes it translated, with `{{source}}` left in place. */
  untranslated?: string;
}

export type TargetBlock = { kind: 'text'; text: string } | { kind: 'untranslated'; source: string };

export function targetBlocks(model: ExportModel): TargetBlock[] {
  return [...targetBlocksOf(model.pairs, model.options)];
}

/** The fields of a pair a target-only document reads. */
export type TargetPair = Pick<ExportPair, 'source' | 'target' | 'sourceCodes' | 'targetCodes' | 'status' | 'excluded'>;

/** The blocks of pairs read one at a time (the target DOCX streamed from the store). */
export function* targetBlocksOf(
  pairs: Iterable<TargetPair>,
  options: Pick<ExportModel['options'], 'approvedOnly' | 'markUntranslated'>,
): Generator<TargetBlock> {
  const { approvedOnly, markUntranslated } = options;
  for (const p of pairs) {
    if (p.excluded) continue;
    const usable = p.target.trim() !== '' && (!approvedOnly || p.status === 'approved');
    // Plain text: a line-break or tab code is its character; other tags have no place here.
    if (usable) yield { kind: 'text', text: plainText(p.target, p.targetCodes) };
    else if (markUntranslated) yield { kind: 'untranslated', source: plainText(p.source, p.sourceCodes) };
  }
}

/** The marker split around the source, so each format can set the Arabic part apart (HTML <bdi>). */
export function markerParts(template: string | undefined, source: string): { before: string; source: string; after: string } {
  const t = template ?? DEFAULT_UNTRANSLATED;
  const at = t.indexOf('{{source}}');
  if (at < 0) return { before: t, source: '', after: '' };
  return { before: t.slice(0, at), source, after: t.slice(at + '{{source}}'.length) };
}

export function markerText(template: string | undefined, source: string): string {
  const m = markerParts(template, source);
  return m.before + m.source + m.after;
}

// ——— Plain text ———

/** UTF-8, a blank line between paragraphs: a line break inside a paragraph stays one (see the export description). */
export function writeTargetTxt(model: ExportModel, labels: TargetLabels = {}): Uint8Array {
  const paras = targetBlocks(model).map((b) => (b.kind === 'text' ? b.text : markerText(labels.untranslated, b.source)));
  return new TextEncoder().encode(paras.length > 0 ? paras.join('\n\n') + '\n' : '');
}

// ——— HTML ———

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text as HTML: markup characters escaped, line breaks as <br>, and characters HTML cannot show
 * (C0 controls, which are parse errors, and unpaired surrogates) as U+FFFD so the reader sees something.
 */
export function escapeHtml(s: string): string {
  return s
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    )
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)
    .replace(/\r\n|\r|\n/g, '<br>\n');
}

export function writeTargetHtml(model: ExportModel, labels: TargetLabels = {}): Uint8Array {
  const body = targetBlocks(model).map((b) => {
    if (b.kind === 'text') return `<p>${escapeHtml(b.text)}</p>`;
    const m = markerParts(labels.untranslated, b.source);
    const source = m.source === '' ? '' : `<bdi lang="ar" dir="rtl">${escapeHtml(m.source)}</bdi>`;
    return `<p class="untranslated">${escapeHtml(m.before)}${source}${escapeHtml(m.after)}</p>`;
  });
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(model.document.targetLang || 'en')}" dir="ltr">`,
    '<head>',
    '<meta charset="utf-8">',
    // Imported text is data: the page may not run or fetch anything, whatever ends up in it.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(model.document.name)}</title>`,
    '<style>body{max-width:42rem;margin:2rem auto;padding:0 1rem;font:1rem/1.6 system-ui,sans-serif}.untranslated{color:#8a4b00}</style>',
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return new TextEncoder().encode(html);
}

// ——— Markdown ———

/** Characters with inline meaning anywhere (CommonMark + GFM tables/strikethrough, entities). */
const MD_INLINE = /[\\`*_[\]<>|~&]/g;

/**
 * One line of text as Markdown that renders as exactly that text: inline syntax backslash-escaped,
 * and whatever would start a block (heading, quote, list, setext underline, code indent) neutralised.
 */
export function escapeMarkdownLine(line: string): string {
  let s = line.replace(MD_INLINE, (c) => `\\${c}`);
  // Leading white space would make an indented code block: keep it as character references.
  const lead = /^[ \t]+/.exec(s)?.[0] ?? '';
  s = lead.replace(/ /g, '&#32;').replace(/\t/g, '&#9;') + s.slice(lead.length);
  s = s.replace(/^((?:&#(?:32|9);)*)([#>+=-])/, '$1\\$2');
  s = s.replace(/^((?:&#(?:32|9);)*\d{1,9})([.)])/, '$1\\$2');
  // Two trailing spaces are a hard break in Markdown; the text did not ask for one.
  return s.replace(/ +$/, (m) => '&#32;'.repeat(m.length));
}

/** A paragraph: its own line breaks become hard breaks (a backslash at the end of the line). */
export function escapeMarkdownParagraph(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(escapeMarkdownLine)
    .join('\\\n');
}

export function writeTargetMarkdown(model: ExportModel, labels: TargetLabels = {}): Uint8Array {
  const paras = targetBlocks(model).map((b) =>
    escapeMarkdownParagraph(b.kind === 'text' ? b.text : markerText(labels.untranslated, b.source)),
  );
  return new TextEncoder().encode(paras.length > 0 ? paras.join('\n\n') + '\n' : '');
}
