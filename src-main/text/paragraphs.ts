// Splitting plain text into paragraphs.

/** Any line break: CRLF, LF, CR, and the Unicode line/paragraph separators. */
const LINE_BREAK = /\r\n|\n|\r|\u2028|\u2029|\u0085/;

/**
 * One paragraph per line, unless the text is hard-wrapped: blank lines separate blocks and the
 * lines inside blocks mostly break mid-sentence. Then blank lines separate paragraphs and the lines
 * of a block are joined with a space. Paragraphs are trimmed and empty ones dropped; order is kept.
 */
export function splitParagraphs(text: string): string[] {
  const lines = text.split(LINE_BREAK);
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) blocks.push(current);

  const hardWrapped = blocks.length > 1 && isHardWrapped(blocks);
  const paragraphs = hardWrapped ? blocks.map((b) => b.map((l) => l.trim()).join(' ')) : blocks.flat();
  return paragraphs.map((p) => p.trim()).filter((p) => p !== '');
}

const MIN_WRAPPED_LINE = 20;
const SENTENCE_END = /[.!?؟:;؛"»”)\]…۔]$/u;

function isHardWrapped(blocks: string[][]): boolean {
  let inner = 0;
  let ended = 0;
  let chars = 0;
  for (const block of blocks) {
    for (let i = 0; i < block.length - 1; i++) {
      const line = (block[i] ?? '').trim();
      inner++;
      chars += line.length;
      if (SENTENCE_END.test(line)) ended++;
    }
  }
  // Wrapped lines run close to a wrap width; short unpunctuated lines are lists or titles.
  return inner > 0 && ended / inner < 0.5 && chars / inner >= MIN_WRAPPED_LINE;
}
