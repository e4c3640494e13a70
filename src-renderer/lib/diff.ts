// Word-level diffs for the History tab and the reviewed-DOCX preview. jsdiff's default tokenizer
// splits Arabic at harakat (they are not word characters to its regexes), so one changed vowel mark
// would show as a sliver of a letter; an Intl.Segmenter keeps whole words together.
import { diffArrays, diffWords, type ChangeObject } from 'diff';

export type DiffKind = 'same' | 'add' | 'del';

export interface DiffPart {
  kind: DiffKind;
  text: string;
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    s = new Intl.Segmenter(lang, { granularity: 'word' });
    segmenters.set(lang, s);
  }
  return s;
}

/**
 * The changes that turn `a` into `b`, word by word. Adjacent parts of the same kind are merged, so a
 * caller renders one span per run. The 'same' and 'del' parts always spell `a` exactly, and the
 * 'same' and 'add' parts `b`.
 */
export function wordDiff(a: string, b: string, lang: string): DiffPart[] {
  if (a === b) return a === '' ? [] : [{ kind: 'same', text: a }];
  const seg = segmenter(lang);
  const parts = merge(diffWords(a, b, { intlSegmenter: seg }));
  if (spells(parts, 'add') === a && spells(parts, 'del') === b) return parts;
  // diffWords treats whitespace as insignificant and may drop a change that is only whitespace
  // (a doubled space, a trailing newline). A reviewer must see the texts exactly, so fall back to
  // diffing the segmenter's tokens, whitespace included, which is exact by construction.
  const tokens = (s: string): string[] => Array.from(seg.segment(s), (x) => x.segment);
  return merge(diffArrays(tokens(a), tokens(b)).map((c) => ({ ...c, value: c.value.join('') })));
}

function merge(changes: ChangeObject<string>[]): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of changes) {
    if (change.value === '') continue;
    const kind: DiffKind = change.added ? 'add' : change.removed ? 'del' : 'same';
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += change.value;
    else parts.push({ kind, text: change.value });
  }
  return parts;
}

/** The text the parts spell when parts of kind `skip` are left out. */
function spells(parts: DiffPart[], skip: DiffKind): string {
  return parts
    .filter((p) => p.kind !== skip)
    .map((p) => p.text)
    .join('');
}

/** True when the diff changes anything at all. */
export function hasChanges(parts: DiffPart[]): boolean {
  return parts.some((p) => p.kind !== 'same');
}
