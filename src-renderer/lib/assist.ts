// Pure helpers of the assistance panel and the memory dialogs: how a memory match's word diff and
// a concordance hit's ranges become text parts to render (never HTML: the texts are imported).
import type { TmDiffOp } from '../../src-main/shared/contract';
import type { DiffPart } from './diff';

/**
 * The memory source as the translator reads it, with what the current source does differently:
 * words only the memory has are deleted, words only the current source has are inserted, and a
 * replaced word shows both. The 'same' and 'del' parts spell the memory source exactly (as
 * DiffText expects of `a`); an inserted word gets a space of its own, since the current source's
 * spacing is not part of the memory text.
 */
export function tmDiffParts(ops: TmDiffOp[]): DiffPart[] {
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    if (text === '') return;
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  for (const op of ops) {
    switch (op.op) {
      case 'equal':
        push('same', op.text);
        break;
      case 'delete':
        push('del', op.text);
        break;
      case 'insert':
        push('add', `${op.text} `);
        break;
      case 'replace': {
        // The memory word's trailing space goes after the current word, so the two read as a pair.
        const m = /\s*$/.exec(op.text)!;
        push('del', op.text.slice(0, m.index));
        push('add', op.with);
        push('same', m[0]);
        break;
      }
    }
  }
  return parts;
}

export interface HitPart {
  text: string;
  hit: boolean;
}

/** Splits `text` at the [start, end) ranges of concordance hits (overlaps and disorder tolerated). */
export function hitParts(text: string, hits: readonly (readonly [number, number])[]): HitPart[] {
  const ranges = hits
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const parts: HitPart[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (e <= at) continue;
    const from = Math.max(s, at);
    if (from > at) parts.push({ text: text.slice(at, from), hit: false });
    parts.push({ text: text.slice(from, e), hit: true });
    at = e;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), hit: false });
  return parts;
}
