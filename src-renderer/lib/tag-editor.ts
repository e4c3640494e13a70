// The DOM side of tag chips: inline codes shown as small non-editable numbered chips inside text,
// and read back from an editable element.
//
// The target editor is a contenteditable element, not a textarea with an overlay: a chip there is one
// non-editable node, so the browser itself moves the caret over it, selects, deletes, cuts and undoes
// it as one unit, and IME composition and the native undo stack keep working because the editor's DOM
// is only rebuilt when the value changes from outside (a save from elsewhere, copy-source), never while
// the user types. Chips are built with createElement/textContent (never from imported markup) and
// read back by their data attributes against the pair's own codes, so nothing typed or pasted can
// become a code the pair did not have.
import { fromPieces, plainText, tagLabel, type Coded, type InlineCode, type Piece } from '../../src-main/shared/inline';

export const PIECES_MIME = 'application/x-qalam-pieces';

const key = (kind: string, id: string): string => `${kind}\u0000${id}`;

/** Codes by kind and id: what a chip in the DOM stands for. Source codes win over target ones. */
export function codeRegistry(...lists: ReadonlyArray<readonly InlineCode[] | null | undefined>): Map<string, InlineCode> {
  const reg = new Map<string, InlineCode>();
  for (const list of lists) for (const c of list ?? []) if (!reg.has(key(c.kind, c.id))) reg.set(key(c.kind, c.id), c);
  return reg;
}

export function chipElement(doc: Document, code: InlineCode, n: number, bad: boolean): HTMLElement {
  const chip = doc.createElement('span');
  chip.className = bad ? 'tag-chip bad' : 'tag-chip';
  chip.contentEditable = 'false';
  chip.dir = 'ltr';
  chip.dataset.codeKind = code.kind;
  chip.dataset.codeId = code.id;
  chip.dataset.testid = 'tag-chip';
  chip.title = code.type;
  chip.textContent = tagLabel(code, n);
  return chip;
}

/** Replaces the element's content with the pieces. */
export function renderPieces(
  el: HTMLElement,
  pieces: readonly Piece[],
  numbers: ReadonlyMap<string, number>,
  bad: ReadonlySet<InlineCode> = new Set(),
): void {
  const doc = el.ownerDocument;
  const frag = doc.createDocumentFragment();
  for (const p of pieces) {
    if (typeof p === 'string') frag.append(doc.createTextNode(p));
    else frag.append(chipElement(doc, p, numbers.get(p.id) ?? 0, bad.has(p)));
  }
  el.replaceChildren(frag);
  keepCaretRoom(el);
}

/**
 * Chromium cannot put the caret after a non-editable element that ends an editable one, so typing
 * after a final chip would go nowhere: a trailing <br> (which `readPieces` does not read) gives the
 * caret a place to stand.
 */
export function keepCaretRoom(el: HTMLElement): void {
  const last = el.lastChild;
  if (last instanceof HTMLElement && last.dataset.codeKind !== undefined) el.append(el.ownerDocument.createElement('br'));
}

/**
 * Reads text and chips back. Browsers wrap typed text in elements of their own (a <div> per line, a
 * <br>, a styled <span> after a paste), so the walk descends into anything that is not a chip: a <br>
 * and the start of a block after text are line breaks. A chip whose code is not in `registry` is
 * dropped. `onText` learns where each text node starts in the value's text (for highlights, which
 * must count exactly as the value is read).
 */
export function readPieces(
  root: Node,
  registry: ReadonlyMap<string, InlineCode>,
  onText?: (node: Text, offset: number) => void,
): Piece[] {
  const out: Piece[] = [];
  let text = '';
  /** Clean-text length of what was flushed: `onText` gets offsets into the value's text. */
  let flushed = 0;
  const flush = (): void => {
    if (text) out.push(text);
    flushed += text.length;
    text = '';
  };
  const walk = (node: Node): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        onText?.(child as Text, flushed + text.length);
        text += child.nodeValue ?? '';
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as HTMLElement;
      if (el.dataset.codeKind !== undefined) {
        const code = registry.get(key(el.dataset.codeKind, el.dataset.codeId ?? ''));
        if (code) {
          flush();
          out.push(code);
        }
        continue;
      }
      if (el.tagName === 'BR') {
        // The <br> a browser keeps as the last line's placeholder is not a character.
        if (el.nextSibling !== null || el.parentNode !== root) text += '\n';
        continue;
      }
      const block = el.tagName === 'DIV' || el.tagName === 'P';
      if (block && (text !== '' || out.length > 0) && !text.endsWith('\n')) text += '\n';
      walk(el);
    }
  };
  walk(root);
  flush();
  return out;
}

export function readCoded(root: Node, registry: ReadonlyMap<string, InlineCode>): Coded {
  return fromPieces(readPieces(root, registry));
}

/** HTML for `execCommand('insertHTML')`, which keeps the browser's undo stack: escaped text and chips. */
export function piecesHtml(pieces: readonly Piece[], numbers: ReadonlyMap<string, number>): string {
  return pieces
    .map((p) =>
      typeof p === 'string'
        ? escapeHtml(p)
        : `<span class="tag-chip" contenteditable="false" dir="ltr" data-testid="tag-chip" data-code-kind="${escapeHtml(p.kind)}" data-code-id="${escapeHtml(p.id)}" title="${escapeHtml(p.type)}">${escapeHtml(tagLabel(p, numbers.get(p.id) ?? 0))}</span>`,
    )
    .join('');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Clipboard payload of a selection: our pieces for our editors, plain text for everything else. */
export function clipboardOf(pieces: readonly Piece[]): { pieces: string; text: string } {
  const { text, codes } = fromPieces(pieces);
  return { pieces: JSON.stringify(pieces), text: plainText(text, codes) };
}

/** Pieces from our clipboard payload; anything malformed is refused (null) rather than guessed. */
export function parseClipboardPieces(json: string): Piece[] | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(raw) || raw.length > 10_000) return null;
  const out: Piece[] = [];
  for (const p of raw) {
    if (typeof p === 'string') out.push(p);
    else if (
      p &&
      typeof p === 'object' &&
      ['open', 'close', 'standalone'].includes((p as InlineCode).kind) &&
      typeof (p as InlineCode).id === 'string' &&
      typeof (p as InlineCode).type === 'string'
    )
      out.push(p as InlineCode);
    else return null;
  }
  return out;
}
