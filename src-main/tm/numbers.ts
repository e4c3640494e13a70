// A match that differs from the current source only in its numbers is worth most when its English
// already carries the current numbers: "في عام ٢٠٢٣" against a memory unit for "في عام ٢٠٢٢" → "In 2022"
// becomes "In 2023". Values are compared after folding (Arabic-Indic and Persian digits, ٫ ٬).
import { numberValue, tokenize } from './tokens';

export interface Substitution {
  text: string;
  /** How many numbers of the English were replaced. */
  replaced: number;
}

function numbersOf(text: string): string[] {
  return tokenize(text)
    .filter((t) => t.kind === 'num')
    .map((t) => numberValue(t.key));
}

/** Writes `value` the way `like` was written: thousands grouped with commas when it was. */
function formatLike(value: string, like: string): string {
  if (!/\d,\d{3}/.test(like)) return value;
  const [int = '', frac] = value.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/**
 * The memory unit's English with the numbers the memory source had replaced by the current
 * source's, position by position. Only when both sources hold the same count of numbers: otherwise
 * which number became which is a guess, and the English is left as it is.
 */
export function substituteNumbers(currentSource: string, memorySource: string, memoryTarget: string): Substitution {
  const cur = numbersOf(currentSource);
  const mem = numbersOf(memorySource);
  if (cur.length !== mem.length || cur.every((v, i) => v === mem[i])) return { text: memoryTarget, replaced: 0 };
  // For every old value, the new values in order (the same old number may occur twice).
  const pending = new Map<string, string[]>();
  mem.forEach((v, i) => {
    if (v === cur[i]) return;
    const list = pending.get(v) ?? [];
    list.push(cur[i]!);
    pending.set(v, list);
  });
  let out = '';
  let last = 0;
  let replaced = 0;
  for (const t of tokenize(memoryTarget)) {
    if (t.kind !== 'num') continue;
    const raw = memoryTarget.slice(t.start, t.end);
    const next = pending.get(numberValue(t.key))?.shift();
    if (next === undefined) continue;
    out += memoryTarget.slice(last, t.start) + formatLike(next, raw);
    last = t.end;
    replaced++;
  }
  return { text: out + memoryTarget.slice(last), replaced };
}
