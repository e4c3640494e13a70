// Writing a translation back into the XLIFF file it came from.
//
// A file from another tool (Trados, memoQ, Okapi, a CMS) carries much we have no model for: headers,
// skeletons, groups, alt-trans, originalData, extensions. Rebuilding it from our pairs would drop all
// of that and the tool could no longer merge it. So the export of a document imported from XLIFF,
// in the same version, is the original tree with only the targets, their states and the notes
// changed, serialised again (same names, attributes in file order, same text). Unit i of the file is
// pair position i, in the order the reader walks units (xliff-common: files, groups, units).
import type { ExportModel, ExportPair } from './model';
import { XML_DECLARATION, XML_NS, elements, parseXml, type XmlElement, type XmlNode } from './xml';
import { serialize } from './xliff-inline';

/** A piece of already-written XML placed in the tree. */
export interface RawXml {
  type: 'raw';
  xml: string;
}

export function raw(xml: string): XmlNode {
  return { type: 'raw', xml } as unknown as XmlNode;
}

export function isRaw(n: unknown): n is RawXml {
  return (n as RawXml).type === 'raw';
}

/**
 * Units of the file in the readers' order: under each <file> (1.2: its first <body>), through groups.
 * Null when the file is not the version we expect.
 */
export function unitsInOrder(root: XmlElement, unitName: 'trans-unit' | 'unit'): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (el: XmlElement): void => {
    for (const c of elements(el)) {
      if (c.local === 'group') walk(c);
      else if (c.local === unitName) out.push(c);
    }
  };
  for (const file of elements(root, 'file')) {
    if (unitName === 'trans-unit') {
      const body = elements(file, 'body')[0];
      if (body) walk(body);
    } else walk(file);
  }
  return out;
}

/**
 * Parses the original, lets `patch` change each unit with its pair, and serialises the tree. Null when
 * the file no longer lines up with the pairs (then the caller writes a fresh file).
 */
export function patchOriginal(
  model: ExportModel,
  unitName: 'trans-unit' | 'unit',
  patch: (unit: XmlElement, pair: ExportPair, root: XmlElement) => void,
): Uint8Array | null {
  if (!model.original) return null;
  let root: XmlElement;
  try {
    root = parseXml(model.original.bytes);
  } catch {
    return null;
  }
  const units = unitsInOrder(root, unitName);
  const pairs = [...model.pairs].sort((a, b) => a.position - b.position);
  if (units.length !== pairs.length || pairs.some((p, i) => p.position !== i)) return null;
  units.forEach((u, i) => patch(u, pairs[i]!, root));
  return new TextEncoder().encode(XML_DECLARATION + serialize(root) + '\n');
}

/** Sets (or with undefined removes) an attribute, keeping the attribute order of the file. */
export function setAttr(el: XmlElement, name: string, value: string | undefined): void {
  const i = el.attrs.findIndex((a) => a.name === name);
  if (value === undefined) {
    if (i >= 0) el.attrs.splice(i, 1);
    return;
  }
  if (i >= 0) {
    el.attrs[i]!.value = value;
    return;
  }
  const colon = name.indexOf(':');
  const prefix = colon >= 0 ? name.slice(0, colon) : '';
  el.attrs.push({
    name,
    local: colon >= 0 ? name.slice(colon + 1) : name,
    uri: prefix === 'xml' ? XML_NS : '',
    value,
  });
}

/** A new element named like `sibling` (same prefix and namespace). */
export function newElement(sibling: XmlElement, local: string): XmlElement {
  const colon = sibling.name.indexOf(':');
  const name = colon >= 0 ? `${sibling.name.slice(0, colon)}:${local}` : local;
  return { type: 'element', name, local, uri: sibling.uri, attrs: [], children: [], line: sibling.line };
}

/** Inserts `node` right after `after` among `parent`'s children. */
export function insertAfter(parent: XmlElement, after: XmlNode, node: XmlNode): void {
  const i = parent.children.indexOf(after);
  parent.children.splice(i + 1, 0, node);
}

export function removeChildren(parent: XmlElement, drop: (el: XmlElement) => boolean): void {
  parent.children = parent.children.filter((c) => c.type !== 'element' || !drop(c));
}
