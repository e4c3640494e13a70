// Arabic web pages: the text of each block (paragraph, heading, list item, table cell, …) becomes a
// pair, its inline markup (bold, links, spans, images, line breaks) inline codes; scripts, styles,
// comments and other non-text content are skipped, and the page itself is kept as the skeleton. The
// target page is that page with each translated block's content replaced by the English, the inline
// tags put back around the tagged spans, and the page switched to `lang="en" dir="ltr"`.
//
// htmlparser2 reads the page (never regular expressions): its tokenizer gives the exact offsets of
// every tag and text, so the writer splices the English into the original text and everything it
// does not translate — head, scripts, attributes, formatting of the source — stays byte for byte.
import { Parser } from 'htmlparser2';
import { QalamError } from '../shared/errors';
import type { InlineCode } from '../shared/inline';
import type { ExportModel, ImportedDocument, ImportedParagraph } from './model';

export const MAX_HTML_BYTES = 20 * 1024 * 1024;
/** Real pages nest a few dozen levels; thousands is a crafted page meant to exhaust the reader. */
export const MAX_HTML_DEPTH = 512;

interface El {
  kind: 'el';
  name: string;
  attribs: Record<string, string>;
  /** Offsets in the page: the start tag is [start, openEnd], the element [start, end]. */
  start: number;
  openEnd: number;
  end: number;
  children: Node[];
  parent: El | null;
}
interface Text {
  kind: 'text';
  text: string;
  start: number;
  end: number;
}
type Node = El | Text;

/** Elements whose content is never text to translate. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'canvas',
  'textarea',
  'select',
]);
/** Phrasing elements: markup inside a block's text, read as inline codes. */
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'img', 'ins', 'kbd',
  'label', 'mark', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u',
  'var', 'wbr', 'input', 'button', 'output', 'meter', 'progress', 'picture', 'source', 'audio', 'video',
]); // prettier-ignore
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const CODE_TYPE: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  a: 'link',
  img: 'image',
};

interface Page {
  html: string;
  root: El;
}

function decode(bytes: Uint8Array): string {
  let start = 0;
  let label = 'utf-8';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [label, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [label, start] = ['utf-16be', 2];
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch {
    throw new QalamError('import_encoding', { encoding: label.toUpperCase() });
  }
}

function readPage(bytes: Uint8Array): Page {
  if (bytes.length > MAX_HTML_BYTES) throw new QalamError('import_too_large', { limitMb: MAX_HTML_BYTES / 1048576 });
  const html = decode(bytes);
  const root: El = {
    kind: 'el',
    name: '#root',
    attribs: {},
    start: 0,
    openEnd: -1,
    end: html.length - 1,
    children: [],
    parent: null,
  };
  let current = root;
  let depth = 0;
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        if (++depth > MAX_HTML_DEPTH) throw new QalamError('import_too_deep', { limit: MAX_HTML_DEPTH });
        const el: El = {
          kind: 'el',
          name,
          attribs,
          start: parser.startIndex,
          openEnd: parser.endIndex,
          end: parser.endIndex,
          children: [],
          parent: current,
        };
        current.children.push(el);
        current = el;
      },
      onclosetag(_name, isImplied) {
        depth--;
        const el = current;
        // An implied close happens at the tag that caused it: the element ends just before that tag.
        if (!isImplied) el.end = parser.endIndex;
        else if (parser.startIndex > el.start) el.end = Math.max(el.openEnd, parser.startIndex - 1);
        current = el.parent ?? root;
      },
      ontext(text) {
        const last = current.children[current.children.length - 1];
        // The tokenizer reports entities as text of their own: one text node per run of text.
        if (last?.kind === 'text' && last.end + 1 === parser.startIndex) {
          last.text += text;
          last.end = parser.endIndex;
        } else current.children.push({ kind: 'text', text, start: parser.startIndex, end: parser.endIndex });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { html, root };
}

// ——— Blocks ———

interface Block {
  /** The page text the block's content occupies: replaced by the English. */
  start: number;
  end: number;
  /** The element whose whole content this is (its start tag gets the direction), or null for mixed content. */
  owner: El | null;
  origin: 'title' | undefined;
  text: string;
  codes: InlineCode[];
  /** The start tag of each paired code and the markup of each standalone one, by code id. */
  markup: Map<string, { open: string; close: string }>;
  pre: boolean;
}

function isInline(n: Node): boolean {
  return n.kind === 'text' || (INLINE.has(n.name) && !hasBlockInside(n));
}

function hasBlockInside(el: El): boolean {
  return el.children.some((c) => c.kind === 'el' && (SKIPPED.has(c.name) ? false : !INLINE.has(c.name) || hasBlockInside(c)));
}

function blocksOf(page: Page): Block[] {
  const out: Block[] = [];
  const visit = (el: El, pre: boolean): void => {
    if (SKIPPED.has(el.name)) return;
    const inPre = pre || el.name === 'pre';
    if (el.name === 'title') {
      const b = toBlock(page, el.children, el, inPre, 'title');
      if (b) out.push(b);
      return;
    }
    let run: Node[] = [];
    const flush = (): void => {
      const b = toBlock(
        page,
        run,
        run.length === el.children.filter((c) => c.kind === 'el' || c.text !== '').length ? el : null,
        inPre,
        undefined,
      );
      if (b) out.push(b);
      run = [];
    };
    for (const c of el.children) {
      if (isInline(c) && el.name !== '#root' && el.name !== 'html' && el.name !== 'head') run.push(c);
      else {
        flush();
        if (c.kind === 'el') visit(c, inPre);
      }
    }
    flush();
  };
  visit(page.root, false);
  return out;
}

const SPACE = /[ \t\n\f\r]+/g;

function toBlock(page: Page, nodes: Node[], owner: El | null, pre: boolean, origin: 'title' | undefined): Block | null {
  if (nodes.length === 0 || owner?.name === '#root') return null;
  let text = '';
  const codes: InlineCode[] = [];
  const markup = new Map<string, { open: string; close: string }>();
  let next = 1;
  const add = (s: string): void => {
    text += pre ? s : s.replace(SPACE, ' ');
  };
  const walk = (n: Node): void => {
    if (n.kind === 'text') {
      add(n.text);
      return;
    }
    const id = String(next++);
    if (SKIPPED.has(n.name)) {
      // A script or an inline SVG inside the text: kept whole, as a standalone code.
      const whole = page.html.slice(n.start, n.end + 1);
      markup.set(id, { open: whole, close: '' });
      codes.push({ pos: text.length, kind: 'standalone', id, type: 'object', native: whole });
      return;
    }
    const open = page.html.slice(n.start, n.openEnd + 1);
    if (n.name === 'br') {
      text += '\n';
      return;
    }
    if (VOID.has(n.name)) {
      markup.set(id, { open, close: '' });
      codes.push({ pos: text.length, kind: 'standalone', id, type: CODE_TYPE[n.name] ?? 'object', native: open, ...attrsOf(n) });
      return;
    }
    const close = `</${n.name}>`;
    markup.set(id, { open, close });
    const type = CODE_TYPE[n.name] ?? 'span';
    codes.push({ pos: text.length, kind: 'open', id, type, native: open, ...attrsOf(n) });
    for (const c of n.children) walk(c);
    codes.push({ pos: text.length, kind: 'close', id, type, native: close });
  };
  for (const n of nodes) walk(n);
  // White space at the edges is layout; collapsed runs of it inside are one space (outside <pre>).
  const lead = text.length - text.trimStart().length;
  const trimmed = pre ? text.replace(/^\n+|\s+$/g, '') : text.trim();
  const leadPre = pre ? text.length - text.replace(/^\n+/, '').length : lead;
  if (trimmed.trim() === '') return null;
  const shifted = codes.map((c) => ({ ...c, pos: Math.min(Math.max(0, c.pos - leadPre), trimmed.length) }));
  const first = nodes[0]!;
  const last = nodes[nodes.length - 1]!;
  return { start: first.start, end: last.end, owner, origin, text: trimmed, codes: shifted, markup, pre };
}

function attrsOf(el: El): { attrs?: Record<string, string> } {
  if (el.name === 'a' && el.attribs.href !== undefined) return { attrs: { href: el.attribs.href } };
  if (el.name === 'img' && el.attribs.src !== undefined) return { attrs: { src: el.attribs.src } };
  return {};
}

// ——— Import ———

export function parseHtml(bytes: Uint8Array): ImportedDocument {
  const page = readPage(bytes);
  const blocks = blocksOf(page);
  const paragraphs: ImportedParagraph[] = blocks.map((b) => ({
    source: b.text,
    ...(b.codes.length > 0 ? { sourceCodes: b.codes } : {}),
    ...(b.origin ? { origin: b.origin } : {}),
  }));
  if (paragraphs.length === 0) throw new QalamError('import_empty');
  const doc: ImportedDocument = { format: 'html', sourceLang: 'ar', targetLang: 'en', paragraphs, warnings: [], original: bytes };
  const title = blocks.find((b) => b.origin === 'title');
  if (title) doc.name = title.text;
  return doc;
}

// ——— Export ———

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\u00a0': '&nbsp;' };

function escapeText(s: string, pre: boolean): string {
  let out = '';
  for (const ch of s) {
    if (ch === '\n' && !pre) out += '<br>';
    else out += ESCAPES[ch] ?? ch;
  }
  return out;
}

/** The English of one block as HTML: text escaped, the source's own tags around the tagged spans. */
function blockHtml(block: Block, text: string, codes: readonly InlineCode[]): string {
  let out = '';
  let at = 0;
  const open: string[] = [];
  for (const code of [...codes].sort((a, b) => a.pos - b.pos)) {
    out += escapeText(text.slice(at, Math.max(at, code.pos)), block.pre);
    at = Math.max(at, code.pos);
    const m = block.markup.get(code.id);
    if (!m) continue; // a code from another format: nothing of this page to write for it
    if (code.kind === 'standalone') out += m.open;
    else if (code.kind === 'open') {
      out += m.open;
      open.push(code.id);
    } else {
      const i = open.lastIndexOf(code.id);
      if (i < 0) continue;
      // Overlapping tags (a b /a /b) are written properly nested: the inner ones close and reopen.
      const inner = open.splice(i);
      for (const id of [...inner].reverse()) out += block.markup.get(id)!.close;
      for (const id of inner.slice(1)) {
        out += block.markup.get(id)!.open;
        open.push(id);
      }
    }
  }
  out += escapeText(text.slice(at), block.pre);
  for (const id of open.reverse()) out += block.markup.get(id)!.close;
  return out;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const DIR_ATTRS = new Set(['dir', 'lang', 'xml:lang']);

/** A start tag rebuilt with the page direction and language: attribute order kept, values re-escaped. */
function startTag(el: El, set: Record<string, string>): string {
  let out = `<${el.name}`;
  const seen = new Set<string>();
  for (const [k, v] of Object.entries(el.attribs)) {
    const value = DIR_ATTRS.has(k) && set[k] !== undefined ? set[k] : v;
    seen.add(k);
    out += ` ${k}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
  }
  for (const [k, v] of Object.entries(set)) if (!seen.has(k) && k !== 'xml:lang') out += ` ${k}="${v}"`;
  return `${out}>`;
}

export function writeLayoutHtml(model: ExportModel): Uint8Array {
  if (!model.original) throw new QalamError('export_no_skeleton');
  const original = model.original.bytes;
  const page = readPage(original);
  const blocks = blocksOf(page);
  if (blocks.length !== model.pairs.length || blocks.some((b, i) => b.text !== model.pairs[i]!.source)) {
    throw new QalamError('export_skeleton_mismatch');
  }
  const edits: Edit[] = [];
  const kept = new Set<El>();
  const { approvedOnly } = model.options;
  blocks.forEach((b, i) => {
    const pair = model.pairs[i]!;
    const usable = !pair.excluded && pair.target.trim() !== '' && (!approvedOnly || pair.status === 'approved');
    if (usable) edits.push({ start: b.start, end: b.end, text: blockHtml(b, pair.target, pair.targetCodes ?? []) });
    else if (approvedOnly && !pair.excluded) edits.push({ start: b.start, end: b.end, text: '' });
    else if (b.owner) kept.add(b.owner);
    else
      edits.push({ start: b.start, end: b.end, text: `<span lang="ar" dir="rtl">${page.html.slice(b.start, b.end + 1)}</span>` });
  });
  // Direction and language: the page is English and left to right; an Arabic block kept as it was
  // says so on its own element.
  const visit = (el: El): void => {
    if (el.name !== '#root') {
      const arabic = kept.has(el);
      const set: Record<string, string> = {};
      if (el.name === 'html') Object.assign(set, { lang: 'en', dir: 'ltr' });
      else if (arabic) Object.assign(set, { lang: 'ar', dir: 'rtl' });
      else {
        if (el.attribs.dir !== undefined && el.attribs.dir.toLowerCase() !== 'ltr') set.dir = 'ltr';
        if (el.attribs.lang !== undefined) set.lang = 'en';
        if (el.attribs['xml:lang'] !== undefined) set['xml:lang'] = 'en';
      }
      if (Object.keys(set).length > 0 && el.openEnd > el.start)
        edits.push({ start: el.start, end: el.openEnd, text: startTag(el, set) });
    }
    // A kept Arabic block stays exactly as it was inside.
    if (!kept.has(el)) for (const c of el.children) if (c.kind === 'el') visit(c);
  };
  visit(page.root);
  const hasHtml = page.root.children.some((c) => c.kind === 'el' && c.name === 'html');
  // A block that starts with a tag wins over that tag's own edit: its new text already has the tag.
  edits.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const e of edits) {
    if (e.start < at) continue; // a start tag inside a replaced block: the block's new text already has it
    out += page.html.slice(at, e.start) + e.text;
    at = e.end + 1;
  }
  out += page.html.slice(at);
  if (!hasHtml) out = `<html lang="en" dir="ltr">${out}</html>`;
  return new TextEncoder().encode(out);
}
