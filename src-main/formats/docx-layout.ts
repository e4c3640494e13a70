// A source DOCX as a skeleton: every translatable paragraph of the package (body, headers, footers,
// footnotes, endnotes, text boxes) found in reading order, its runs turned into clean text plus inline
// codes, and each code bound to the XML it came from so the writer can put the formatting back around
// the translation. Import and export run the same walk over the same bytes, so paragraph i of the walk
// is always pair position i (the writer checks the source texts before it writes anything).
//
// Run formatting becomes a paired 'span' code only where it differs from the paragraph's (or the
// link's) usual formatting: a paragraph typed in one style has no tags at all, and a bold name is one
// pair of tags. Line breaks and tabs stay characters of the text, as in every other format Qalam reads,
// so words on either side never run together for search, counts or memory; page and column breaks,
// images, fields, symbols and note references are standalone codes.
import type JSZip from 'jszip';
import type { PairOrigin } from '../shared/domain';
import { QalamError } from '../shared/errors';
import type { InlineCode } from '../shared/inline';
import { isOn, openZip, readPart, W_NS } from './docx-ooxml';
import { cloneElement, elements, getAttr, parseXml, serializeXml, textContent, type XmlAttr, type XmlElement } from './xml';

const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** What a code stands for in the skeleton: what the writer emits for it. */
export type Binding =
  | { kind: 'span'; rPr: XmlElement | undefined }
  | { kind: 'link'; wrapper: XmlElement; base: XmlElement | undefined }
  | { kind: 'field-link'; begin: XmlElement[]; end: XmlElement[]; base: XmlElement | undefined }
  | { kind: 'object'; runs: XmlElement[] };

export interface Slot {
  /** The zip path of the part the paragraph is in. */
  part: string;
  origin: PairOrigin | undefined;
  p: XmlElement;
  /** The same text box paragraph in Word's VML fallback: written with the same translation. */
  mirrors: Slot[];
  text: string;
  codes: InlineCode[];
  bindings: Map<string, Binding>;
  /** The run properties most of the paragraph's text has: text outside any span is written with them. */
  base: XmlElement | undefined;
}

export interface Layout {
  zip: JSZip;
  /** Every part the walk parsed, by zip path; the writer serialises the ones it changed. */
  parts: Map<string, XmlElement>;
  mainPart: string;
  /** The main part's relationships (styles, numbering, …). */
  rels: Rel[];
  slots: Slot[];
  warnings: string[];
}

// ——— Reading the package ———

export interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

async function partRels(zip: JSZip, partName: string): Promise<Rel[]> {
  const dir = partName.includes('/') ? partName.slice(0, partName.lastIndexOf('/') + 1) : '';
  const bytes = await readPart(zip, `${dir}_rels/${partName.slice(dir.length)}.rels`);
  if (!bytes) return [];
  return elements(parseXml(bytes), 'Relationship').map((r) => {
    const external = getAttr(r, 'TargetMode') === 'External';
    const target = getAttr(r, 'Target') ?? '';
    const type = getAttr(r, 'Type') ?? '';
    return {
      id: getAttr(r, 'Id') ?? '',
      type: type.slice(type.lastIndexOf('/') + 1),
      target: external ? target : resolvePath(dir, target),
      external,
    };
  });
}

function resolvePath(dir: string, target: string): string {
  const out: string[] = [];
  for (const p of (target.startsWith('/') ? target.slice(1) : dir + target).split('/')) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

export async function loadLayout(bytes: Uint8Array): Promise<Layout> {
  const zip = await openZip(bytes);
  const parts = new Map<string, XmlElement>();
  const load = async (name: string): Promise<XmlElement | null> => {
    const cached = parts.get(name);
    if (cached) return cached;
    const b = await readPart(zip, name);
    if (!b) return null;
    const root = parseXml(b);
    parts.set(name, root);
    return root;
  };
  const mainPart =
    (await partRels(zip, '')).find((r) => r.type === 'officeDocument' && !r.external)?.target ?? 'word/document.xml';
  const main = await load(mainPart);
  if (!main || main.local !== 'document') throw new QalamError('import_malformed', { detail: 'not_docx' });
  const body = elements(main, 'body')[0];
  if (!body) throw new QalamError('import_malformed', { detail: 'not_docx' });

  const rels = await partRels(zip, mainPart);
  const relById = new Map(rels.map((r) => [r.id, r]));
  const notes: Record<'footnote' | 'endnote', Map<string, XmlElement>> = { footnote: new Map(), endnote: new Map() };
  const notePart: Record<'footnote' | 'endnote', string> = { footnote: '', endnote: '' };
  for (const kind of ['footnote', 'endnote'] as const) {
    const rel = rels.find((r) => r.type === `${kind}s` && !r.external);
    const root = rel ? await load(rel.target) : null;
    if (!rel || !root) continue;
    notePart[kind] = rel.target;
    for (const n of elements(root, kind)) {
      // Separator "notes" (the line above the notes) have a type; real notes do not.
      if (getAttr(n, 'type', W_NS) === undefined) notes[kind].set(getAttr(n, 'id', W_NS) ?? '', n);
    }
  }

  const walker = new Walker(relById);
  const slots: Slot[] = [];
  const usedNotes = new Set<XmlElement>();
  const emitNotes = (refs: Array<{ kind: 'footnote' | 'endnote'; id: string }>): void => {
    for (const ref of refs) {
      const note = notes[ref.kind].get(ref.id);
      if (!note || usedNotes.has(note)) continue;
      usedNotes.add(note);
      walker.collect(note, notePart[ref.kind], ref.kind, slots, () => undefined);
    }
  };
  const doneParts = new Set<string>();
  const emitHeaders = async (sectPr: XmlElement | undefined, which: 'headerReference' | 'footerReference') => {
    if (!sectPr) return;
    for (const ref of elements(sectPr, which)) {
      const rel = relById.get(getAttr(ref, 'id', R_NS) ?? '');
      if (!rel || rel.external || doneParts.has(rel.target)) continue;
      doneParts.add(rel.target);
      const root = await load(rel.target);
      if (root) walker.collect(root, rel.target, which === 'headerReference' ? 'header' : 'footer', slots, emitNotes);
    }
  };

  // A section's headers come before its text and its footers after it; the section's properties are
  // at its end (in the last paragraph, or the body's own sectPr for the last section).
  let section: XmlElement[] = [];
  const sections: Array<{ blocks: XmlElement[]; sectPr: XmlElement | undefined }> = [];
  for (const el of elements(body)) {
    if (el.local === 'sectPr') {
      sections.push({ blocks: section, sectPr: el });
      section = [];
      continue;
    }
    section.push(el);
    const inner = el.local === 'p' ? elements(elements(el, 'pPr')[0] ?? el, 'sectPr')[0] : undefined;
    if (inner) {
      sections.push({ blocks: section, sectPr: inner });
      section = [];
    }
  }
  if (section.length > 0) sections.push({ blocks: section, sectPr: undefined });
  for (const s of sections) {
    await emitHeaders(s.sectPr, 'headerReference');
    for (const block of s.blocks) walker.collect(wrap(block), mainPart, undefined, slots, emitNotes);
    await emitHeaders(s.sectPr, 'footerReference');
  }

  const warnings: string[] = [];
  for (const kind of ['footnote', 'endnote'] as const) {
    const before = slots.length;
    for (const note of notes[kind].values())
      if (!usedNotes.has(note)) walker.collect(note, notePart[kind], kind, slots, () => undefined);
    if (slots.length > before) warnings.push(`docx_${kind}s_appended`);
  }
  return { zip, parts, mainPart, rels, slots, warnings };
}

function wrap(el: XmlElement): XmlElement {
  return { type: 'element', name: 'wrap', local: 'wrap', uri: '', attrs: [], children: [el], line: el.line };
}

// ——— The paragraph walk ———

/** Elements holding properties or layout, never paragraphs of their own. */
const NOT_CONTENT = new Set(['sectPr', 'tblPr', 'tblGrid', 'trPr', 'tcPr', 'sdtPr', 'sdtEndPr', 'customXmlPr', 'pPr']);
/** Inline containers whose content is read as if they were not there. */
const TRANSPARENT = new Set(['ins', 'moveTo', 'smartTag', 'customXml', 'sdt', 'sdtContent', 'dir', 'bdo']);
/** Inline content that is neither text nor kept in a translated paragraph. */
const DROPPED = new Set(['pPr', 'del', 'moveFrom', 'proofErr', 'sdtPr', 'sdtEndPr', 'customXmlPr', 'smartTagPr', 'rPr']);
/** Anchors with no content: kept, starts at the paragraph's beginning and ends at its end. */
const ANCHOR_START = new Set(['bookmarkStart', 'commentRangeStart', 'permStart', 'moveToRangeStart', 'moveFromRangeStart']);
const ANCHOR_END = new Set(['bookmarkEnd', 'commentRangeEnd', 'permEnd', 'moveToRangeEnd', 'moveFromRangeEnd']);

type NoteRef = { kind: 'footnote' | 'endnote'; id: string };

/** One run child with the properties of its run. */
interface Item {
  run: XmlElement;
  rPr: XmlElement | undefined;
  child: XmlElement;
}

type Event =
  | { e: 'text'; text: string; rPr: XmlElement | undefined }
  | { e: 'object'; type: string; runs: XmlElement[]; attrs?: Record<string, string> }
  | {
      e: 'open';
      binding: { kind: 'link'; wrapper: XmlElement } | { kind: 'field-link'; begin: XmlElement[]; end: XmlElement[] };
      attrs: Record<string, string>;
    }
  | { e: 'close'; end: XmlElement[] };

interface FieldGroup {
  items: XmlElement[];
  depth: number;
  instr: string;
  phase: 'code' | 'result';
  /** A HYPERLINK field past its separator: its result is read as linked text. */
  link: boolean;
}

interface ParagraphWalk {
  events: Event[];
  /** Paragraphs inside text boxes anchored here, and their VML fallback copies. */
  nested: Array<{ choice: XmlElement[]; fallback: XmlElement[] }>;
  notes: NoteRef[];
  groups: FieldGroup[];
  /** The paragraph continues or leaves open a field that spans paragraphs (a table of contents). */
  frozen: boolean;
  fieldDelta: number;
}

class Walker {
  /** Open complex fields carried from one paragraph to the next within a part. */
  private fieldDepth = 0;

  constructor(private readonly rels: Map<string, Rel>) {}

  collect(
    container: XmlElement,
    part: string,
    origin: PairOrigin | undefined,
    out: Slot[],
    afterParagraph: (refs: NoteRef[]) => void,
  ): void {
    for (const el of elements(container)) {
      if (NOT_CONTENT.has(el.local)) continue;
      if (el.local === 'p') this.paragraph(el, part, origin, out, afterParagraph);
      else if (el.local === 'AlternateContent') {
        const branch = elements(el, 'Choice')[0] ?? elements(el, 'Fallback')[0];
        if (branch) this.collect(branch, part, origin, out, afterParagraph);
      } else this.collect(el, part, origin, out, afterParagraph); // tbl, tr, tc, sdt, sdtContent, customXml, …
    }
  }

  private paragraph(
    p: XmlElement,
    part: string,
    origin: PairOrigin | undefined,
    out: Slot[],
    after: (refs: NoteRef[]) => void,
  ): void {
    const w: ParagraphWalk = { events: [], nested: [], notes: [], groups: [], frozen: this.fieldDepth > 0, fieldDelta: 0 };
    this.inline(p, w);
    if (w.groups.length > 0) w.frozen = true;
    this.fieldDepth = Math.max(0, this.fieldDepth + w.fieldDelta);
    if (!w.frozen) {
      const slot = toSlot(p, part, origin, w.events);
      if (slot) out.push(slot);
    }
    for (const box of w.nested) {
      const first = out.length;
      for (const c of box.choice) this.collect(c, part, origin ?? 'textbox', out, after);
      const copies: Slot[] = [];
      for (const f of box.fallback) this.collect(f, part, origin ?? 'textbox', copies, () => undefined);
      const mine = out.slice(first);
      if (copies.length === mine.length && copies.every((c, i) => c.text === mine[i]!.text)) {
        mine.forEach((s, i) => s.mirrors.push(copies[i]!));
      }
    }
    after(w.notes);
  }

  private inline(el: XmlElement, w: ParagraphWalk): void {
    for (const c of el.children) {
      if (c.type === 'text' || DROPPED.has(c.local) || ANCHOR_START.has(c.local) || ANCHOR_END.has(c.local)) continue;
      if (c.local === 'r') this.run(c, w);
      else if (c.local === 'hyperlink') {
        w.events.push({ e: 'open', binding: { kind: 'link', wrapper: shallow(c) }, attrs: this.linkAttrs(c) });
        this.inline(c, w);
        w.events.push({ e: 'close', end: [] });
      } else if (c.local === 'fldSimple') {
        const instr = getAttr(c, 'instr', W_NS) ?? '';
        if (isHyperlinkField(instr)) {
          w.events.push({ e: 'open', binding: { kind: 'link', wrapper: shallow(c) }, attrs: hyperlinkFieldAttrs(instr) });
          this.inline(c, w);
          w.events.push({ e: 'close', end: [] });
        } else w.events.push({ e: 'object', type: 'field', runs: [c], attrs: { instr: instr.trim() } });
      } else if (c.local === 'AlternateContent') this.inline(elements(c, 'Choice')[0] ?? elements(c, 'Fallback')[0] ?? c, w);
      else if (c.local === 'p' || c.local === 'tbl') w.nested.push({ choice: [wrap(c)], fallback: [] });
      else if (TRANSPARENT.has(c.local)) this.inline(c, w);
      else w.events.push({ e: 'object', type: 'object', runs: [c] });
    }
  }

  private linkAttrs(h: XmlElement): Record<string, string> {
    const rel = this.rels.get(getAttr(h, 'id', R_NS) ?? '');
    const anchor = getAttr(h, 'anchor', W_NS);
    if (rel) return { href: rel.target };
    return anchor ? { href: `#${anchor}` } : {};
  }

  private run(r: XmlElement, w: ParagraphWalk): void {
    const rPr = elements(r, 'rPr')[0];
    if (rPr && isOn(elements(rPr, 'vanish')[0])) return;
    for (const child of r.children) {
      if (child.type === 'text' || child.local === 'rPr') continue;
      this.item({ run: r, rPr, child }, w);
    }
  }

  private item(item: Item, w: ParagraphWalk): void {
    const { child } = item;
    const fld = child.local === 'fldChar' ? getAttr(child, 'fldCharType', W_NS) : undefined;
    const top = w.groups[w.groups.length - 1];
    if (top && !(top.link && top.phase === 'result')) {
      top.items.push(runOf(item));
      if (fld === 'begin') top.depth++;
      else if (child.local === 'instrText' && top.depth === 1 && top.phase === 'code') top.instr += textContent(child);
      else if (fld === 'separate' && top.depth === 1) {
        top.phase = 'result';
        if (isHyperlinkField(top.instr)) {
          top.link = true;
          w.events.push({
            e: 'open',
            binding: { kind: 'field-link', begin: top.items, end: [] },
            attrs: hyperlinkFieldAttrs(top.instr),
          });
          top.items = [];
        }
      } else if (fld === 'end' && --top.depth === 0) {
        w.groups.pop();
        w.fieldDelta--;
        w.events.push({ e: 'object', type: 'field', runs: top.items, attrs: { instr: top.instr.trim() } });
      }
      return;
    }
    if (fld === 'begin') {
      w.groups.push({ items: [runOf(item)], depth: 1, instr: '', phase: 'code', link: false });
      w.fieldDelta++;
      return;
    }
    if (fld === 'end' && top) {
      w.groups.pop();
      w.fieldDelta--;
      w.events.push({ e: 'close', end: [runOf(item)] });
      return;
    }
    if (fld !== undefined) {
      // A separator or end of a field begun in an earlier paragraph.
      w.frozen = true;
      if (fld === 'end') w.fieldDelta--;
      return;
    }
    switch (child.local) {
      case 't':
        this.text(w, textContent(child), item.rPr);
        return;
      case 'tab':
      case 'ptab':
        this.text(w, '\t', item.rPr);
        return;
      case 'cr':
        this.text(w, '\r', item.rPr);
        return;
      case 'br': {
        const type = getAttr(child, 'type', W_NS);
        if (type === 'page' || type === 'column')
          w.events.push({ e: 'object', type: 'break', runs: [runOf(item)], attrs: { break: type } });
        else this.text(w, '\n', item.rPr);
        return;
      }
      case 'noBreakHyphen':
        this.text(w, '\u2011', item.rPr);
        return;
      case 'sym':
        w.events.push({ e: 'object', type: 'symbol', runs: [runOf(item)] });
        return;
      case 'footnoteReference':
      case 'endnoteReference': {
        const kind = child.local === 'footnoteReference' ? 'footnote' : 'endnote';
        const id = getAttr(child, 'id', W_NS) ?? '';
        w.notes.push({ kind, id });
        w.events.push({ e: 'object', type: kind, runs: [runOf(item)], attrs: { note: id } });
        return;
      }
      case 'footnoteRef':
      case 'endnoteRef':
        w.events.push({
          e: 'object',
          type: child.local === 'footnoteRef' ? 'footnote' : 'endnote',
          runs: [runOf(item)],
          attrs: { mark: 'self' },
        });
        return;
      case 'drawing':
      case 'pict':
      case 'object':
        w.nested.push({ choice: textBoxes(child), fallback: [] });
        w.events.push({ e: 'object', type: 'image', runs: [runOf(item)] });
        return;
      case 'AlternateContent': {
        const choice = elements(child, 'Choice')[0];
        const fallback = elements(child, 'Fallback')[0];
        w.nested.push({
          choice: textBoxes(choice ?? fallback ?? child),
          fallback: choice && fallback ? textBoxes(fallback) : [],
        });
        w.events.push({ e: 'object', type: 'image', runs: [runOf(item)] });
        return;
      }
      // Not text and not kept: soft hyphens, stray field code text, deleted text, page-break marks.
      case 'softHyphen':
      case 'instrText':
      case 'delText':
      case 'lastRenderedPageBreak':
        return;
      default:
        // Comment marks, separators and anything newer than this reader: kept where they were.
        w.events.push({ e: 'object', type: 'object', runs: [runOf(item)] });
    }
  }

  private text(w: ParagraphWalk, text: string, rPr: XmlElement | undefined): void {
    if (text !== '') w.events.push({ e: 'text', text, rPr });
  }
}

function isHyperlinkField(instr: string): boolean {
  return /^\s*HYPERLINK\b/i.test(instr);
}

function hyperlinkFieldAttrs(instr: string): Record<string, string> {
  const m = /"([^"]*)"/.exec(instr);
  return m ? { href: m[1]! } : {};
}

/** A run holding one child with the run's properties: how an item is written back on its own. */
function runOf(item: Item): XmlElement {
  const children = item.rPr ? [item.rPr, item.child] : [item.child];
  return { type: 'element', name: item.run.name, local: 'r', uri: W_NS, attrs: [], children, line: item.child.line };
}

function shallow(el: XmlElement): XmlElement {
  return { ...el, attrs: el.attrs.map((a) => ({ ...a })), children: [] };
}

function textBoxes(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of elements(el)) {
    if (c.local === 'txbxContent') out.push(c);
    else if (c.local === 'AlternateContent') out.push(...textBoxes(elements(c, 'Choice')[0] ?? elements(c, 'Fallback')[0] ?? c));
    else out.push(...textBoxes(c));
  }
  return out;
}

// ——— Events → clean text + codes ———

/** Properties that say nothing about how English text looks: runs differing only in them are one style. */
const NEUTRAL_RPR = new Set(['lang', 'rtl', 'cs', 'noProof', 'rsid', 'webHidden', 'specVanish']);

export function runKey(rPr: XmlElement | undefined): string {
  if (!rPr) return '';
  const kept = elements(rPr).filter((c) => !NEUTRAL_RPR.has(c.local));
  return kept
    .map((c) => {
      const copy = cloneElement(c);
      if (c.local === 'rFonts') copy.attrs = copy.attrs.filter((a) => a.local !== 'hint');
      return serializeXml(copy);
    })
    .sort()
    .join('');
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

function toSlot(p: XmlElement, part: string, origin: PairOrigin | undefined, events: Event[]): Slot | null {
  // The usual formatting of each level (paragraph, and each link): the key with the most text.
  const bases: Array<XmlElement | undefined> = [];
  const levelOf: number[] = [];
  {
    const stack: number[] = [0];
    const weights: Array<Map<string, { n: number; rPr: XmlElement | undefined }>> = [new Map()];
    let next = 1;
    for (const ev of events) {
      if (ev.e === 'open') {
        stack.push(next);
        weights[next++] = new Map();
      } else if (ev.e === 'close') {
        if (stack.length > 1) stack.pop();
      }
      const level = stack[stack.length - 1]!;
      levelOf.push(level);
      if (ev.e === 'text') {
        const key = runKey(ev.rPr);
        const w = weights[level]!.get(key) ?? { n: 0, rPr: ev.rPr };
        w.n += ev.text.length;
        weights[level]!.set(key, w);
      }
    }
    weights.forEach((m, i) => {
      let best: { n: number; rPr: XmlElement | undefined } | undefined;
      for (const v of m.values()) if (!best || v.n > best.n) best = v;
      bases[i] = best?.rPr;
    });
  }

  let text = '';
  const codes: InlineCode[] = [];
  const bindings = new Map<string, Binding>();
  let nextId = 1;
  const linkStack: string[] = [];
  let span: { id: string; key: string } | null = null;
  let separate = false;
  const closeSpan = (): void => {
    if (!span) return;
    codes.push({ pos: text.length, kind: 'close', id: span.id, type: 'span' });
    span = null;
  };
  events.forEach((ev, i) => {
    const level = levelOf[i]!;
    switch (ev.e) {
      case 'text': {
        const key = runKey(ev.rPr);
        const baseKey = runKey(bases[level]);
        if (span && span.key !== key) closeSpan();
        if (!span && key !== baseKey) {
          const id = String(nextId++);
          span = { id, key };
          bindings.set(id, { kind: 'span', rPr: ev.rPr });
          codes.push({ pos: text.length, kind: 'open', id, type: 'span', ...native(ev.rPr) });
        }
        let t = ev.text;
        if (separate && WORD_CHAR.test(text.slice(-1)) && WORD_CHAR.test(t[0]!)) t = ` ${t}`;
        separate = false;
        text += t;
        return;
      }
      case 'object': {
        closeSpan();
        const id = String(nextId++);
        bindings.set(id, { kind: 'object', runs: ev.runs });
        codes.push({
          pos: text.length,
          kind: 'standalone',
          id,
          type: ev.type,
          ...native(...ev.runs),
          ...(ev.attrs ? { attrs: ev.attrs } : {}),
        });
        separate = ev.type === 'footnote' || ev.type === 'endnote';
        return;
      }
      case 'open': {
        closeSpan();
        const id = String(nextId++);
        linkStack.push(id);
        bindings.set(id, { ...ev.binding, base: bases[level] } as Binding);
        const nativeOf = ev.binding.kind === 'link' ? [ev.binding.wrapper] : ev.binding.begin;
        codes.push({ pos: text.length, kind: 'open', id, type: 'link', ...native(...nativeOf), attrs: ev.attrs });
        return;
      }
      case 'close': {
        closeSpan();
        const id = linkStack.pop();
        if (id === undefined) return;
        const b = bindings.get(id);
        if (b?.kind === 'field-link') b.end = ev.end;
        codes.push({ pos: text.length, kind: 'close', id, type: 'link' });
        return;
      }
    }
  });
  closeSpan();

  // Trimmed like plain-text paragraphs: edge white space in Word is layout (a space after a note mark).
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const shifted = codes.map((c) => ({ ...c, pos: Math.min(Math.max(0, c.pos - lead), trimmed.length) }));
  return { part, origin, p, mirrors: [], text: trimmed, codes: shifted, bindings, base: bases[0] };
}

/** The original markup of a code, when it is small enough to travel with the pair. */
function native(...els: Array<XmlElement | undefined>): { native?: string } {
  const s = els.map((e) => (e ? serializeXml(e) : '')).join('');
  return s !== '' && s.length <= 100_000 ? { native: s } : {};
}

// ——— Writing English into the skeleton ———

/** CT_RPr's child order: Word refuses a file whose run properties are out of order. */
const RPR_ORDER = [
  'rStyle', 'rFonts', 'b', 'bCs', 'i', 'iCs', 'caps', 'smallCaps', 'strike', 'dstrike', 'outline', 'shadow', 'emboss',
  'imprint', 'noProof', 'snapToGrid', 'vanish', 'webHidden', 'color', 'spacing', 'w', 'kern', 'position', 'sz', 'szCs',
  'highlight', 'u', 'effect', 'bdr', 'shd', 'fitText', 'vertAlign', 'rtl', 'cs', 'em', 'lang', 'eastAsianLayout',
  'specVanish', 'oMath', 'rPrChange',
]; // prettier-ignore
/** CT_PPr's child order, for the direction property a kept Arabic paragraph may need. */
const PPR_ORDER = [
  'pStyle', 'keepNext', 'keepLines', 'pageBreakBefore', 'framePr', 'widowControl', 'numPr', 'suppressLineNumbers', 'pBdr',
  'shd', 'tabs', 'suppressAutoHyphens', 'kinsoku', 'wordWrap', 'overflowPunct', 'topLinePunct', 'autoSpaceDE',
  'autoSpaceDN', 'bidi', 'adjustRightInd', 'snapToGrid', 'spacing', 'ind', 'contextualSpacing', 'mirrorIndents',
  'suppressOverlap', 'jc', 'textDirection', 'textAlignment', 'textboxTightWrap', 'outlineLvl', 'divId', 'cnfStyle', 'rPr',
  'sectPr', 'pPrChange',
]; // prettier-ignore

function prefixed(like: XmlElement, local: string): string {
  const colon = like.name.indexOf(':');
  return colon < 0 ? local : `${like.name.slice(0, colon)}:${local}`;
}

function wElement(like: XmlElement, local: string, attrs: Record<string, string> = {}): XmlElement {
  const prefix = like.name.includes(':') ? like.name.slice(0, like.name.indexOf(':') + 1) : '';
  return {
    type: 'element',
    name: prefix + local,
    local,
    uri: W_NS,
    attrs: Object.entries(attrs).map(([k, v]): XmlAttr => ({ name: prefix + k, local: k, uri: prefix ? W_NS : '', value: v })),
    children: [],
    line: 0,
  };
}

function insertOrdered(parent: XmlElement, el: XmlElement, order: string[]): void {
  const rank = order.indexOf(el.local);
  const at = parent.children.findIndex((c) => c.type === 'element' && order.indexOf(c.local) > rank);
  if (at < 0) parent.children.push(el);
  else parent.children.splice(at, 0, el);
}

function removeChildren(parent: XmlElement, locals: Set<string>): void {
  parent.children = parent.children.filter((c) => c.type === 'text' || !locals.has(c.local));
}

/**
 * Run properties for English: no right-to-left, no complex-script forcing, the complex-script bold,
 * italic and size an Arabic run carries given to the Latin text too (LibreOffice marks a bold Arabic
 * name with <w:bCs/> only), and the language en-US.
 */
export function englishRunProps(rPr: XmlElement | undefined, like: XmlElement): XmlElement {
  const out = rPr ? cloneElement(rPr) : wElement(like, 'rPr');
  removeChildren(out, new Set(['rtl', 'cs']));
  for (const [cs, latin] of [
    ['bCs', 'b'],
    ['iCs', 'i'],
    ['szCs', 'sz'],
  ] as const) {
    const from = elements(out, cs)[0];
    if (from && !elements(out, latin)[0]) {
      const val = getAttr(from, 'val', W_NS);
      insertOrdered(out, wElement(out, latin, val === undefined ? {} : { val }), RPR_ORDER);
    }
  }
  const lang = elements(out, 'lang')[0];
  if (lang) {
    const val = lang.attrs.find((a) => a.local === 'val' && a.uri === W_NS);
    if (val) val.value = 'en-US';
    else lang.attrs.push({ name: prefixed(lang, 'val'), local: 'val', uri: W_NS, value: 'en-US' });
  } else insertOrdered(out, wElement(out, 'lang', { val: 'en-US' }), RPR_ORDER);
  return out;
}

/** Paragraph properties for English: left to right, its alignment mirrored with it. */
function englishParagraphProps(pPr: XmlElement | undefined, like: XmlElement, rtl: boolean): XmlElement {
  const out = pPr ? cloneElement(pPr) : wElement(like, 'pPr');
  removeChildren(out, new Set(['bidi']));
  const jc = elements(out, 'jc')[0];
  const val = jc?.attrs.find((a) => a.local === 'val' && a.uri === W_NS);
  // Left and right are physical sides: what was the start of an Arabic line is the end of an English one.
  if (rtl && val && (val.value === 'right' || val.value === 'left')) val.value = val.value === 'right' ? 'left' : 'right';
  const markProps = elements(out, 'rPr')[0];
  if (markProps) out.children[out.children.indexOf(markProps)] = englishRunProps(markProps, out);
  for (const sect of elements(out, 'sectPr')) removeChildren(sect, new Set(['bidi', 'rtlGutter']));
  return out;
}

export interface Translation {
  text: string;
  codes: readonly InlineCode[];
}

/** The paragraph's inline content rebuilt from the English text and its codes. */
export function writeParagraph(slot: Slot, target: Translation, rtl: boolean): void {
  const p = slot.p;
  const pPr = elements(p, 'pPr')[0];
  const starts: XmlElement[] = [];
  const ends: XmlElement[] = [];
  collectAnchors(p, starts, ends);

  const root: XmlElement[] = [];
  const containers: Array<{ id: string; out: XmlElement[]; wrapper: XmlElement | null; base: XmlElement | undefined }> = [];
  const spans: string[] = [];
  const used = new Set<string>();
  const current = (): XmlElement[] => containers[containers.length - 1]?.out ?? root;
  const runProps = (): XmlElement | undefined => {
    for (let i = spans.length - 1; i >= 0; i--) {
      const b = slot.bindings.get(spans[i]!);
      if (b?.kind === 'span') return b.rPr;
    }
    return containers.length > 0 ? containers[containers.length - 1]!.base : slot.base;
  };
  const closeContainer = (): void => {
    const c = containers.pop();
    if (!c) return;
    const b = slot.bindings.get(c.id);
    if (c.wrapper) {
      c.wrapper.children = c.out;
      current().push(c.wrapper);
    } else {
      current().push(...c.out);
      if (b?.kind === 'field-link') current().push(...b.end.map((r) => englishRun(cloneElement(r), p)));
    }
  };
  const openContainer = (id: string): void => {
    const b = slot.bindings.get(id);
    if (b?.kind === 'link') containers.push({ id, out: [], wrapper: shallow(b.wrapper), base: b.base });
    else if (b?.kind === 'field-link') {
      current().push(...b.begin.map((r) => englishRun(r, p)));
      containers.push({ id, out: [], wrapper: null, base: b.base });
    }
  };

  let at = 0;
  const codes = [...target.codes].sort((a, b) => a.pos - b.pos);
  const emitText = (s: string): void => {
    if (s !== '') current().push(...textRuns(s, englishRunProps(runProps(), p), p));
  };
  for (const code of codes) {
    emitText(target.text.slice(at, Math.max(at, code.pos)));
    at = Math.max(at, code.pos);
    const b = slot.bindings.get(code.id);
    if (!b) continue; // a code from elsewhere (pasted from another format): nothing to write for it here
    if (code.kind === 'standalone' && b.kind === 'object') {
      const runs = used.has(code.id) ? b.runs.map(cloneElement) : b.runs;
      used.add(code.id);
      current().push(...runs.map((r) => englishRun(r, p)));
    } else if (code.kind === 'open') {
      if (b.kind === 'span') spans.push(code.id);
      else openContainer(code.id);
    } else if (code.kind === 'close') {
      if (b.kind === 'span') {
        const i = spans.lastIndexOf(code.id);
        if (i >= 0) spans.splice(i, 1);
      } else {
        const i = containers.findLastIndex((c) => c.id === code.id);
        // Closing an outer link first (overlapping tags) closes the inner ones with it.
        while (i >= 0 && containers.length > i) closeContainer();
      }
    }
  }
  emitText(target.text.slice(at));
  while (containers.length > 0) closeContainer();

  const children: XmlElement[] = [englishParagraphProps(pPr, p, rtl), ...starts, ...root, ...ends];
  p.children = children;
}

/** Bookmarks, comment ranges and permissions: anchors other parts point at, kept with the paragraph. */
function collectAnchors(el: XmlElement, starts: XmlElement[], ends: XmlElement[]): void {
  for (const c of elements(el)) {
    if (ANCHOR_START.has(c.local)) starts.push(c);
    else if (ANCHOR_END.has(c.local)) ends.push(c);
    else if (c.local === 'r' && elements(c).some((k) => k.local === 'commentReference')) ends.push(c);
    else if (c.local === 'pPr' || c.local === 'del' || c.local === 'moveFrom' || c.local === 'r') continue;
    else collectAnchors(c, starts, ends);
  }
}

/** A kept run (an image, a note reference, field code) with its properties made English. */
function englishRun(r: XmlElement, like: XmlElement): XmlElement {
  if (r.local !== 'r') return r;
  const rPr = elements(r, 'rPr')[0];
  const props = englishRunProps(rPr, like);
  r.children = [props, ...r.children.filter((c) => c !== rPr)];
  return r;
}

/** Text as runs: line feeds as <w:br/>, carriage returns as <w:cr/>, tabs as <w:tab/>. */
function textRuns(text: string, rPr: XmlElement, like: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const piece of text.split(/([\r\n\t])/)) {
    if (piece === '') continue;
    const r = wElement(like, 'r');
    const child =
      piece === '\n'
        ? wElement(like, 'br')
        : piece === '\r'
          ? wElement(like, 'cr')
          : piece === '\t'
            ? wElement(like, 'tab')
            : { ...wElement(like, 't'), children: [{ type: 'text' as const, text: piece }] };
    if (child.local === 't')
      child.attrs.push({ name: 'xml:space', local: 'space', uri: 'http://www.w3.org/XML/1998/namespace', value: 'preserve' });
    r.children = [cloneElement(rPr), child];
    out.push(r);
  }
  return out;
}

/** Removes the translatable text of a paragraph left out of the target (kept: images, anchors, properties). */
export function emptyParagraph(slot: Slot): void {
  const kept = slot.p.children.filter(
    (c) => c.type === 'element' && (c.local === 'pPr' || ANCHOR_START.has(c.local) || ANCHOR_END.has(c.local)),
  );
  const objects: XmlElement[] = [];
  for (const [, b] of slot.bindings) if (b.kind === 'object' && b.runs.some((r) => hasDrawing(r))) objects.push(...b.runs);
  slot.p.children = [...kept, ...objects];
}

function hasDrawing(el: XmlElement): boolean {
  return elements(el).some((c) => c.local === 'drawing' || c.local === 'pict' || c.local === 'AlternateContent' || hasDrawing(c));
}

/** Right-to-left marks on tables, sections, styles and numbering: the English document has none. */
export function stripRtl(el: XmlElement): void {
  removeChildren(el, new Set(['bidi', 'bidiVisual', 'rtl', 'rtlGutter']));
  for (const c of elements(el)) stripRtl(c);
}

/** Tables and sections of a part laid out left to right; paragraphs are handled one by one. */
export function stripLayoutRtl(el: XmlElement): void {
  for (const c of elements(el)) {
    if (c.local === 'tblPr' || c.local === 'sectPr') removeChildren(c, new Set(['bidiVisual', 'bidi', 'rtlGutter']));
    else if (c.local !== 'p') stripLayoutRtl(c);
    else for (const inner of elements(c)) if (inner.local !== 'pPr') stripLayoutRtl(inner);
  }
}

/** Paragraph style ids whose paragraphs are right to left (their own w:bidi, inherited, or the default). */
export function rtlStyles(styles: XmlElement | undefined): { ids: Set<string>; byDefault: boolean } {
  const ids = new Set<string>();
  if (!styles) return { ids, byDefault: false };
  const defaults = elements(styles, 'docDefaults')[0];
  const pPrDefault = defaults ? elements(elements(defaults, 'pPrDefault')[0] ?? defaults, 'pPr')[0] : undefined;
  const byDefault = isOn(pPrDefault ? elements(pPrDefault, 'bidi')[0] : undefined);
  const own = new Map<string, { basedOn: string | undefined; bidi: boolean | undefined }>();
  for (const s of elements(styles, 'style')) {
    if (getAttr(s, 'type', W_NS) !== 'paragraph') continue;
    const pPr = elements(s, 'pPr')[0];
    const bidi = pPr ? elements(pPr, 'bidi')[0] : undefined;
    const basedOn = elements(s, 'basedOn')[0];
    own.set(getAttr(s, 'styleId', W_NS) ?? '', {
      basedOn: basedOn && getAttr(basedOn, 'val', W_NS),
      bidi: bidi ? isOn(bidi) : undefined,
    });
  }
  for (const id of own.keys()) {
    let cur: string | undefined = id;
    let seen = 0;
    let value: boolean | undefined;
    while (cur !== undefined && value === undefined && seen++ < 50) {
      const s = own.get(cur);
      value = s?.bidi;
      cur = s?.basedOn;
    }
    if (value ?? byDefault) ids.add(id);
  }
  return { ids, byDefault };
}

export function paragraphIsRtl(p: XmlElement, styles: { ids: Set<string>; byDefault: boolean }): boolean {
  const pPr = elements(p, 'pPr')[0];
  const bidi = pPr ? elements(pPr, 'bidi')[0] : undefined;
  if (bidi) return isOn(bidi);
  const style = pPr ? elements(pPr, 'pStyle')[0] : undefined;
  const id = style ? getAttr(style, 'val', W_NS) : undefined;
  return id !== undefined ? styles.ids.has(id) : styles.byDefault;
}

/** A kept Arabic paragraph whose direction came from a style: it says so itself once the styles are English. */
export function keepRtl(p: XmlElement): void {
  let pPr = elements(p, 'pPr')[0];
  if (!pPr) {
    pPr = wElement(p, 'pPr');
    p.children.unshift(pPr);
  }
  if (!elements(pPr, 'bidi')[0]) insertOrdered(pPr, wElement(p, 'bidi'), PPR_ORDER);
}

/** The styles part in English: direction marks gone and the default language en-US. */
export function englishStyles(styles: XmlElement): void {
  stripRtl(styles);
  const defaults = elements(styles, 'docDefaults')[0];
  const rPrDefault = defaults ? elements(defaults, 'rPrDefault')[0] : undefined;
  const rPr = rPrDefault ? elements(rPrDefault, 'rPr')[0] : undefined;
  if (rPrDefault && rPr) rPrDefault.children[rPrDefault.children.indexOf(rPr)] = englishRunProps(rPr, rPr);
}
