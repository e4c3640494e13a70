// Splitting plain text into paragraphs.

/** Any line break: CRLF, LF, CR, and the Unicode line/paragraph separators. */
const LINE_BREAK = /\r\n|\n|\r|\u2028|\u2029|\u0085/;

/**
 * One paragraph per line, unless the text is hard-wrapped: blank lines separate blocks and the
 * lines inside blocks mostly break mid-sentence. Then blank lines separate paragraphs and the lines
 * of a block are joined with a space. Paragraphs are trimmed and empty ones dropped; order is kept.
 */
export function splitParagraphs(text: string): string[] {
  return paragraphSpans(text).map((p) => p.text);
}

export interface ParagraphSpan {
  /** The paragraph as imported (trimmed; a hard-wrapped block joined with spaces). */
  text: string;
  /** [start, end) in the text: from its first to its last non-blank character. */
  start: number;
  end: number;
}

/** The paragraphs of splitParagraphs with where each one sits, so a translation can take its place. */
export function paragraphSpans(text: string): ParagraphSpan[] {
  return (!OTHER_BREAK.test(text) && lineSpans(text)) || blockSpans(text);
}

/**
 * A text that breaks lines with LF only and is not hard-wrapped, one paragraph a line, in one pass:
 * lines found by indexOf, the wrap figures gathered on the way, no list of lines or blocks (qalam
 * translate reads 20k lines). Null for a hard-wrapped text, which blockSpans reads.
 */
function lineSpans(text: string): ParagraphSpan[] | null {
  const spans: ParagraphSpan[] = [];
  const stats: WrapStats = { blocks: 0, inner: 0, ended: 0, chars: 0 };
  /** The previous line, trimmed, when it was not blank. */
  let previous: string | null = null;
  for (let at = 0; ;) {
    const nl = text.indexOf('\n', at);
    const line = nl < 0 ? text.slice(at) : text.slice(at, nl);
    const trimmed = line.trim();
    if (trimmed === '') previous = null;
    else {
      if (previous === null) stats.blocks++;
      else {
        // The previous line is followed by another of its block.
        stats.inner++;
        stats.chars += previous.length;
        if (SENTENCE_END.has(previous.charCodeAt(previous.length - 1))) stats.ended++;
      }
      const lead = trimmed.length === line.length ? 0 : line.length - line.trimStart().length;
      spans.push({ text: trimmed, start: at + lead, end: at + lead + trimmed.length });
      previous = trimmed;
    }
    if (nl < 0) break;
    at = nl + 1;
  }
  return isHardWrappedBy(stats) ? null : spans;
}

/** paragraphSpans of any text: its lines, its blocks of lines between blank ones, then the verdict. */
function blockSpans(text: string): ParagraphSpan[] {
  const lines: { text: string; start: number }[] = [];
  let at = 0;
  const breaks = new RegExp(LINE_BREAK.source, 'g');
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    lines.push({ text: text.slice(at, m.index), start: at });
    at = m.index + m[0].length;
  }
  lines.push({ text: text.slice(at), start: at });
  const blocks: { text: string; start: number }[][] = [];
  let current: { text: string; start: number }[] = [];
  for (const line of lines) {
    if (line.text.trim() === '') {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) blocks.push(current);

  const hardWrapped = isHardWrapped(blocks.map((b) => b.map((l) => l.text)));
  const span = (ls: { text: string; start: number }[]): ParagraphSpan => {
    const first = ls[0]!;
    const last = ls[ls.length - 1]!;
    const start = first.start + (first.text.length - first.text.trimStart().length);
    const end = last.start + last.text.trimEnd().length;
    return {
      text: ls
        .map((l) => l.text.trim())
        .join(' ')
        .trim(),
      start,
      end,
    };
  };
  if (hardWrapped) return blocks.map(span).filter((p) => p.text !== '');
  // One paragraph a line (none blank): span([line]) without its copies.
  const spans: ParagraphSpan[] = [];
  for (const block of blocks) {
    for (const line of block) {
      const trimmed = line.text.trim();
      const lead = trimmed.length === line.text.length ? 0 : line.text.length - line.text.trimStart().length;
      spans.push({ text: trimmed, start: line.start + lead, end: line.start + lead + trimmed.length });
    }
  }
  return spans;
}

/** The line breaks other than LF. */
const OTHER_BREAK = /[\r\u2028\u2029\u0085]/;

/**
 * The text with each paragraph replaced by its translation (null keeps the source paragraph), and
 * everything between paragraphs (line breaks, blank lines, indentation) as it was: what OmegaT
 * writes for a translated plain-text file.
 */
export function replaceParagraphs(text: string, translations: (string | null)[]): string {
  let out = '';
  emitReplacedParagraphs(text, paragraphSpans(text), translations, (piece) => (out += piece));
  return out;
}

/**
 * replaceParagraphs in pieces, in order, over spans already found: the caller can write each piece
 * out as it comes instead of holding the whole translated text (qalam translate on a large file).
 */
export function emitReplacedParagraphs(
  text: string,
  spans: readonly ParagraphSpan[],
  translations: readonly (string | null)[],
  emit: (piece: string) => void,
): void {
  let at = 0;
  spans.forEach((p, i) => {
    const t = translations[i];
    if (t === null || t === undefined) return;
    emit(text.slice(at, p.start));
    emit(t);
    at = p.end;
  });
  emit(text.slice(at));
}

const MIN_WRAPPED_LINE = 20;
/** What a line that ends a sentence ends with (its last code unit: none of these is a surrogate). */
const SENTENCE_END = new Set(Array.from('.!?؟:;؛"»”)]…۔', (c) => c.charCodeAt(0)));

function isHardWrapped(blocks: string[][]): boolean {
  const stats: WrapStats = { blocks: blocks.length, inner: 0, ended: 0, chars: 0 };
  for (const block of blocks) {
    for (let i = 0; i < block.length - 1; i++) {
      const line = (block[i] ?? '').trim();
      stats.inner++;
      stats.chars += line.length;
      if (line.length > 0 && SENTENCE_END.has(line.charCodeAt(line.length - 1))) stats.ended++;
    }
  }
  return isHardWrappedBy(stats);
}

/** What the hard-wrap verdict reads: blocks, and every line of a block but its last (trimmed). */
export interface WrapStats {
  blocks: number;
  /** Lines followed by another line of their block. */
  inner: number;
  /** Of those, how many end a sentence. */
  ended: number;
  /** Their length in UTF-16 code units, trimmed. */
  chars: number;
}

/** The verdict on a whole text's figures (formats/txt-stream.ts gathers them while it reads). */
export function isHardWrappedBy({ blocks, inner, ended, chars }: WrapStats): boolean {
  // Wrapped lines run close to a wrap width; short unpunctuated lines are lists or titles.
  return blocks > 1 && inner > 0 && ended / inner < 0.5 && chars / inner >= MIN_WRAPPED_LINE;
}

const WHITE = /\s/;
const MARK = /\p{M}/u;

/**
 * The start of a text for a preview or a message: at most `maxChars` characters, cut after the
 * last whole word that fits, with "…" when anything was cut. A single word longer than the limit
 * is cut inside, but never between a letter and its harakat or inside a surrogate pair.
 */
export function excerpt(text: string, maxChars: number): string {
  const s = text.trim();
  if (s.length <= maxChars) return s;
  let end = -1;
  for (let i = maxChars; i > 0; i--) {
    if (WHITE.test(s[i]!)) {
      end = i;
      break;
    }
  }
  if (end <= 0) {
    end = maxChars;
    while (end > 0 && (MARK.test(s[end]!) || /[\udc00-\udfff]/.test(s[end]!))) end--;
  }
  // "word,…" reads as a typo: a dangling comma or colon goes with the cut.
  return `${s.slice(0, end).replace(/[\s,،;؛:]+$/u, '')}…`;
}
