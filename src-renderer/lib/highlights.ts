// Decorations inside the contenteditable tag editor, through the CSS Custom Highlight API: ranges
// painted by `::highlight(qalam-…)` rules without a single element added to the editor's DOM. Marks
// inserted there would be read back as content, moved by typing and IME composition, and undone
// by Ctrl+Z; highlights are only paint. Every editor adds its ranges to one shared Highlight per
// kind (the registry is per document), and takes them out again when its value or ranges change.
import type { InlineCode } from '../../src-main/shared/inline';
import { DECORATION_KINDS, splitRuns, type Decoration, type DecorationKind } from './decorations';
import { readPieces } from './tag-editor';

type Owned = Map<DecorationKind, Range[]>;
const owners = new WeakMap<object, Owned>();

/** Whether this browser paints highlights (Chromium 105+; not jsdom). */
export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

function highlightOf(kind: DecorationKind): Highlight {
  const name = `qalam-${kind}`;
  let h = CSS.highlights.get(name);
  if (!h) {
    h = new Highlight();
    CSS.highlights.set(name, h);
  }
  return h;
}

/** DOM ranges for clean-text ranges of the editor's current content; one per text node crossed. */
export function domRanges(
  root: HTMLElement,
  registry: ReadonlyMap<string, InlineCode>,
  decorations: readonly Decoration[],
): Map<DecorationKind, Range[]> {
  const nodes: { node: Text; start: number; end: number }[] = [];
  const value = readPieces(root, registry, (node, offset) =>
    nodes.push({ node, start: offset, end: offset + (node.nodeValue ?? '').length }),
  );
  const text = value.map((p) => (typeof p === 'string' ? p : '')).join('');
  const out = new Map<DecorationKind, Range[]>();
  for (const run of splitRuns(text, decorations)) {
    if (run.kinds.length === 0) continue;
    for (const n of nodes) {
      const a = Math.max(run.start, n.start);
      const b = Math.min(run.end, n.end);
      if (a >= b) continue;
      const range = root.ownerDocument.createRange();
      range.setStart(n.node, a - n.start);
      range.setEnd(n.node, b - n.start);
      for (const kind of run.kinds) {
        const list = out.get(kind) ?? [];
        list.push(range);
        out.set(kind, list);
      }
    }
  }
  return out;
}

/** Replaces what `owner` painted with `ranges` (an empty map clears it). */
export function paint(owner: object, ranges: ReadonlyMap<DecorationKind, Range[]>): void {
  if (!highlightsSupported()) return;
  const before = owners.get(owner);
  for (const kind of DECORATION_KINDS) {
    const old = before?.get(kind);
    const next = ranges.get(kind);
    if (!old?.length && !next?.length) continue;
    const h = highlightOf(kind);
    for (const r of old ?? []) h.delete(r);
    for (const r of next ?? []) h.add(r);
  }
  if (ranges.size > 0) owners.set(owner, new Map(ranges));
  else owners.delete(owner);
}
