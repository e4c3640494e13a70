// XLIFF inline elements ⇄ inline codes (shared/inline.ts), for both versions.
//
// Reading: every inline element becomes a code whose `native` is the element's own markup (a start
// tag, an end tag, or a whole empty/placeholder element with its content), so writing a code back in
// its own version reproduces the element with the same name, attributes (in file order) and content.
// Our code ids pair an open with its close and tie a target's codes to its source's; they are derived
// from the XLIFF ids (`id`, `rid`, `startRef`, `mid`) so the same element in source and target gets the
// same id.
//
// Writing: a code read from the same XLIFF version is written from `native`. Elements that must nest
// (1.2 `g`/`mrk`, 2.0 `pc`/`mrk`) are only written as elements when the target keeps them nested;
// otherwise they become the version's empty start/end markers (1.2 `bx`/`ex`, 2.0 `sc`/`ec`,
// `sm`/`em`), which XLIFF provides for exactly that, so a translator's reordering never produces
// malformed XML. Codes from other formats (DOCX, HTML) are written as generic codes by type.
//
// Works on the XML reader's element/children tree only, so the reader can change underneath.
import { QalamError } from '../shared/errors';
import type { InlineCode } from '../shared/inline';
import { escapeAttr, getAttr, type XmlElement, type XmlNode } from './xml';

export type XliffVersion = 'xliff12' | 'xliff20';

export interface ReadInlineOptions {
  /** A placeholder element that stands for a character (our code-point escapes), or null. */
  character?: (el: XmlElement) => string | null;
}

/** Clean text and codes of a <source>/<target> (or any inline container). */
export function readInline(
  container: XmlElement,
  version: XliffVersion,
  opts: ReadInlineOptions = {},
): { text: string; codes: InlineCode[] } {
  const r = new InlineReader(version, opts);
  r.walk(container.children);
  return { text: r.text, codes: r.codes };
}

class InlineReader {
  text = '';
  codes: InlineCode[] = [];
  private used = new Set<string>();
  /** Open codes by their base id, innermost last, for pairing closes. */
  private open = new Map<string, string[]>();

  constructor(
    private readonly version: XliffVersion,
    private readonly opts: ReadInlineOptions,
  ) {}

  walk(nodes: readonly XmlNode[]): void {
    for (const n of nodes) {
      if (n.type === 'text') this.text += n.text;
      else if (this.version === 'xliff12') this.element12(n);
      else this.element20(n);
    }
  }

  private element12(el: XmlElement): void {
    const id = getAttr(el, 'id') ?? '';
    const rid = getAttr(el, 'rid');
    switch (el.local) {
      case 'g':
      case 'mrk': {
        const base = el.local === 'g' ? `g${id}` : `m${getAttr(el, 'mid') ?? ''}`;
        const type = el.local === 'g' ? type12(getAttr(el, 'ctype'), 'span') : 'mrk';
        this.container(el, base, type);
        return;
      }
      case 'bx':
      case 'bpt':
        this.push('open', `p${rid ?? id}`, type12(getAttr(el, 'ctype'), 'span'), el, serialize(el));
        return;
      case 'ex':
      case 'ept':
        this.push('close', `p${rid ?? id}`, 'span', el, serialize(el));
        return;
      case 'ph': {
        const ch = this.opts.character?.(el) ?? null;
        if (ch !== null) {
          this.text += ch;
          return;
        }
        this.push('standalone', `x${id}`, type12(getAttr(el, 'ctype'), 'ph'), el, serialize(el));
        return;
      }
      default:
        // x, it, and anything a tool put inline that we do not know: kept whole, as a placeholder.
        this.push('standalone', `x${id}`, type12(getAttr(el, 'ctype'), el.local === 'x' ? 'ph' : el.local), el, serialize(el));
    }
  }

  private element20(el: XmlElement): void {
    const id = getAttr(el, 'id') ?? '';
    const startRef = getAttr(el, 'startRef');
    switch (el.local) {
      case 'cp': {
        const hex = getAttr(el, 'hex') ?? '';
        const cp = /^[0-9A-Fa-f]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
        if (Number.isNaN(cp) || cp > 0x10ffff) throw new QalamError('import_malformed', { detail: 'bad_cp', line: el.line });
        this.text += String.fromCodePoint(cp);
        return;
      }
      case 'pc':
        this.container(el, `s${id}`, type20(el, 'span'));
        return;
      case 'mrk':
        this.container(el, `m${id}`, 'mrk');
        return;
      case 'sc':
        if (getAttr(el, 'isolated') === 'yes') this.push('standalone', `s${id}`, type20(el, 'span'), el, serialize(el));
        else this.push('open', `s${id}`, type20(el, 'span'), el, serialize(el));
        return;
      case 'ec':
        if (startRef === undefined) this.push('standalone', `s${id}`, type20(el, 'span'), el, serialize(el));
        else this.push('close', `s${startRef}`, type20(el, 'span'), el, serialize(el));
        return;
      case 'sm':
        this.push('open', `m${id}`, 'mrk', el, serialize(el));
        return;
      case 'em':
        this.push('close', `m${startRef ?? ''}`, 'mrk', el, serialize(el));
        return;
      default:
        // ph, and anything unknown: kept whole.
        this.push('standalone', `x${id}`, el.local === 'ph' ? type20(el, 'ph') : el.local, el, serialize(el));
    }
  }

  /** An element with content: an open code, its content, a close code. */
  private container(el: XmlElement, base: string, type: string): void {
    this.push('open', base, type, el, startTag(el) + '>');
    this.walk(el.children);
    this.push('close', base, type, el, `</${el.name}>`);
  }

  private push(kind: InlineCode['kind'], base: string, type: string, el: XmlElement, native: string): void {
    let id: string;
    if (kind === 'close') {
      const stack = this.open.get(base);
      id = stack?.pop() ?? this.unique(base);
    } else {
      id = this.unique(base);
      if (kind === 'open') {
        const stack = this.open.get(base) ?? [];
        stack.push(id);
        this.open.set(base, stack);
      }
    }
    const code: InlineCode = { pos: this.text.length, kind, id, type, native, format: this.version };
    if (el.attrs.length > 0) code.attrs = Object.fromEntries(el.attrs.map((a) => [a.name, a.value]));
    this.codes.push(code);
  }

  /** Ids repeat when a tool reuses one (or leaves it out): the n-th use gets a suffix, alike in source and target. */
  private unique(base: string): string {
    let id = base || '_';
    for (let n = 2; this.used.has(id); n++) id = `${base}#${n}`;
    this.used.add(id);
    return id;
  }
}

const TYPES_12: Record<string, string> = {
  bold: 'bold',
  italic: 'italic',
  underlined: 'underline',
  link: 'link',
  'x-link': 'link',
  lb: 'break',
  pb: 'break',
  image: 'image',
  'x-tab': 'tab',
};

function type12(ctype: string | undefined, fallback: string): string {
  return (ctype && TYPES_12[ctype]) ?? fallback;
}

const SUBTYPES_20: Record<string, string> = {
  'xlf:b': 'bold',
  'xlf:i': 'italic',
  'xlf:u': 'underline',
  'xlf:lb': 'break',
  'xlf:pb': 'break',
};

function type20(el: XmlElement, fallback: string): string {
  const sub = getAttr(el, 'subType');
  if (sub && SUBTYPES_20[sub]) return SUBTYPES_20[sub];
  const type = getAttr(el, 'type');
  if (type === 'link') return 'link';
  if (type === 'image') return 'image';
  return fallback;
}

function startTag(el: XmlElement): string {
  return `<${el.name}${el.attrs.map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join('')}`;
}

/** An element exactly as parsed: name and attributes in file order, content escaped. */
export function serialize(el: XmlElement): string {
  if (el.children.length === 0) return startTag(el) + '/>';
  let inner = '';
  for (const c of el.children) {
    // Already-written XML placed in the tree by the export (xliff-patch.ts).
    if ((c as { type: string }).type === 'raw') inner += (c as unknown as { xml: string }).xml;
    else inner += c.type === 'text' ? escapeContent(c.text) : serialize(c);
  }
  return `${startTag(el)}>${inner}</${el.name}>`;
}

function escapeContent(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

// ——— Writing ———

/** Names of the inline elements that must nest, per version. */
const NESTING: Record<XliffVersion, ReadonlySet<string>> = {
  xliff12: new Set(['g', 'mrk']),
  xliff20: new Set(['pc', 'mrk']),
};

/**
 * Inline content for `text` with `codes`. `writeText` writes a run of text (each version escapes the
 * characters XML cannot carry its own way).
 */
export function writeInline(
  text: string,
  codes: readonly InlineCode[],
  version: XliffVersion,
  writeText: (s: string) => string,
): string {
  const nested = wellNested(codes);
  const opened = new Set(codes.filter((c) => c.kind === 'open').map((c) => c.id));
  const closed = new Set(codes.filter((c) => c.kind === 'close').map((c) => c.id));
  const ids = new Map<string, string>();
  const genId = (code: InlineCode): string => {
    let id = ids.get(code.id);
    if (id === undefined) ids.set(code.id, (id = `q${ids.size + 1}`));
    return id;
  };
  let out = '';
  let at = 0;
  for (const code of codes) {
    if (code.pos > at) out += writeText(text.slice(at, code.pos));
    at = Math.max(at, code.pos);
    const paired = opened.has(code.id) && closed.has(code.id);
    out += writeCode(code, version, nested.has(code), paired, genId);
  }
  if (at < text.length) out += writeText(text.slice(at));
  return out;
}

/** The opens and closes that sit properly nested, with their partner, in this order. */
function wellNested(codes: readonly InlineCode[]): Set<InlineCode> {
  const ok = new Set<InlineCode>();
  const stack: InlineCode[] = [];
  for (const c of codes) {
    if (c.kind === 'open') stack.push(c);
    else if (c.kind === 'close') {
      const i = stack.map((s) => s.id).lastIndexOf(c.id);
      if (i === stack.length - 1 && i >= 0) {
        ok.add(stack.pop()!);
        ok.add(c);
      } else if (i >= 0) stack.splice(i, 1); // crosses another pair: neither end can be an element
    }
  }
  return ok;
}

function writeCode(
  code: InlineCode,
  version: XliffVersion,
  nested: boolean,
  paired: boolean,
  genId: (c: InlineCode) => string,
): string {
  const native = code.format === version ? code.native : undefined;
  const element = native ? elementName(native) : null;
  if (native && element && !NESTING[version].has(element)) return native;
  if (native && element && nested) return native;
  const a = code.format === version ? (code.attrs ?? {}) : {};
  if (version === 'xliff12') return generic12(code, element, a, nested, genId(code));
  return generic20(code, element, a, nested, paired, genId(code));
}

function elementName(native: string): string | null {
  return /^<\/?([A-Za-z_][\w.-]*)/.exec(native)?.[1] ?? null;
}

const CTYPE_OF: Record<string, string> = { bold: 'bold', italic: 'italic', underline: 'underlined', link: 'link' };
const X_CTYPE_OF: Record<string, string> = { break: 'lb', image: 'image', tab: 'x-tab' };

function generic12(code: InlineCode, element: string | null, a: Record<string, string>, nested: boolean, id: string): string {
  const xid = a.id ?? id;
  if (code.kind === 'standalone') return `<x${attrList({ id: xid, ctype: X_CTYPE_OF[code.type] ?? xType(code.type) })}/>`;
  if (element === 'mrk') return ''; // an annotation that no longer fits around its text: 1.2 has no empty form
  const ctype = a.ctype ?? CTYPE_OF[code.type] ?? xType(code.type);
  if (nested) return code.kind === 'open' ? `<g${attrList({ id: xid, ctype })}>` : '</g>';
  return code.kind === 'open'
    ? `<bx${attrList({ id: `${xid}-b`, rid: xid, ctype })}/>`
    : `<ex${attrList({ id: `${xid}-e`, rid: xid })}/>`;
}

const SUBTYPE_OF: Record<string, string> = { bold: 'xlf:b', italic: 'xlf:i', underline: 'xlf:u', break: 'xlf:lb' };

function generic20(
  code: InlineCode,
  element: string | null,
  a: Record<string, string>,
  nested: boolean,
  paired: boolean,
  id: string,
): string {
  const cid = a.id ?? a.startRef ?? id;
  if (element === 'mrk') {
    // An annotation that no longer nests: the same annotation as start and end markers (or nothing,
    // when one end is gone: an annotation of nothing).
    if (!paired) return '';
    if (code.kind === 'open') return `<sm${attrList({ ...a, id: cid })}/>`;
    return `<em${attrList({ startRef: cid })}/>`;
  }
  const fmt = SUBTYPE_OF[code.type];
  const type = a.type ?? (fmt ? 'fmt' : code.type === 'link' ? 'link' : code.type === 'image' ? 'image' : undefined);
  const subType = a.subType ?? fmt;
  if (code.kind === 'standalone') return `<ph${attrList({ id: cid, type, subType })}/>`;
  if (nested) return code.kind === 'open' ? `<pc${attrList({ id: cid, type, subType })}>` : '</pc>';
  // A pc whose ends no longer nest becomes sc/ec, its start and end attributes moving with them.
  if (code.kind === 'open') {
    return `<sc${attrList({
      id: cid,
      type,
      subType,
      dir: a.dir,
      disp: a.dispStart,
      equiv: a.equivStart,
      dataRef: a.dataRefStart,
      isolated: paired ? undefined : 'yes',
    })}/>`;
  }
  const end = { disp: a.dispEnd, equiv: a.equivEnd, dataRef: a.dataRefEnd };
  // A close whose start is not in this segment says so with its own id instead of a startRef.
  return paired ? `<ec${attrList({ startRef: cid, ...end })}/>` : `<ec${attrList({ id: cid, isolated: 'yes', ...end })}/>`;
}

function xType(type: string): string {
  return `x-${type.replace(/[^\w.-]/g, '-')}`;
}

function attrList(values: Record<string, string | undefined>): string {
  let out = '';
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out += ` ${k}="${escapeAttr(v)}"`;
  return out;
}
