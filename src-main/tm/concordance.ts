// Where a folded phrase occurs in an original text, as offsets into the original: the store finds
// concordance hits on folded columns, the UI highlights them in the text as written (harakat,
// hamza forms and Arabic-Indic digits included).
import { normalizeForSearch } from '../text/arabic';

/**
 * The text folded one code point at a time, with the original offset where each folded code unit
 * came from (folding drops marks and tatweel, collapses white space, and NFKC may expand a ligature).
 */
export function foldWithOffsets(text: string): { folded: string; from: number[] } {
  let folded = '';
  const from: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + width);
    if (/\s/.test(ch)) {
      if (folded !== '' && pendingSpace < 0) pendingSpace = i;
    } else {
      const f = normalizeForSearch(ch);
      if (f !== '') {
        if (pendingSpace >= 0) {
          folded += ' ';
          from.push(pendingSpace);
          pendingSpace = -1;
        }
        folded += f;
        for (let k = 0; k < f.length; k++) from.push(i);
      }
    }
    i += width;
  }
  return { folded, from };
}

/** [start, end) ranges in `text` of every occurrence of the already-folded `query`. */
export function findFolded(text: string, query: string): [number, number][] {
  if (query === '') return [];
  const { folded, from } = foldWithOffsets(text);
  const out: [number, number][] = [];
  for (let at = folded.indexOf(query); at >= 0; at = folded.indexOf(query, at + query.length)) {
    const lastSrc = from[at + query.length - 1]!;
    // The hit ends after the last code point it used and any marks (harakat, tatweel) right after it.
    let end = lastSrc + (text.codePointAt(lastSrc)! > 0xffff ? 2 : 1);
    while (end < text.length && !/\s/.test(text[end]!) && normalizeForSearch(text[end]!) === '') end++;
    out.push([from[at]!, end]);
  }
  return out;
}
