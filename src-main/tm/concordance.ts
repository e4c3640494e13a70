// Where a folded phrase occurs in an original text, as offsets into the original: the store finds
// concordance hits on folded columns, the UI highlights them in the text as written (harakat,
// hamza forms and Arabic-Indic digits included).
import { foldWithMap, originalRange } from '../text/arabic';

/** [start, end) ranges in `text` of every occurrence of the already-folded `query`. */
export function findFolded(text: string, query: string): [number, number][] {
  if (query === '') return [];
  const map = foldWithMap(text);
  const out: [number, number][] = [];
  for (let at = map.folded.indexOf(query); at >= 0; at = map.folded.indexOf(query, at + query.length)) {
    out.push(originalRange(map, at, at + query.length));
  }
  return out;
}
