// Numbers as a reader sees them, whatever the digits: Arabic-Indic (٠–٩) and Persian (۰–۹) digits,
// the Arabic decimal separator ٫ and thousands separator ٬, Latin separators. ٣٫٥٪ is 3.5 and
// ۱۲۳٬۴۵۶ is 123456, as are 3.5% and 123,456 in the English.

export interface FoundNumber {
  /** Canonical value: ASCII digits, no thousands separator, '.' as the decimal point, no trailing zeros. */
  value: string;
  start: number;
  end: number;
}

const NUMBER = /[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,\u066B\u066C'’][0-9\u0660-\u0669\u06F0-\u06F9]+)*/g;

function asciiDigit(c: number): string {
  if (c >= 0x0660 && c <= 0x0669) return String(c - 0x0660);
  if (c >= 0x06f0 && c <= 0x06f9) return String(c - 0x06f0);
  return String.fromCharCode(c);
}

/**
 * The value of one written number. ٫ is always the decimal point and ٬ (or an apostrophe) always
 * groups thousands. With both '.' and ',' present, the later one is the decimal point; a repeated
 * one groups thousands (1,234,567); a single ',' before exactly three digits groups thousands
 * (2,023), otherwise it is a decimal comma (3,5); a single '.' is a decimal point.
 */
export function canonicalNumber(raw: string): string {
  const groups: string[] = [''];
  const seps: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9)) {
      groups[groups.length - 1] += asciiDigit(c);
    } else {
      seps.push(raw[i]!);
      groups.push('');
    }
  }
  const decimalAt = decimalSeparatorIndex(seps, groups);
  const int = groups
    .slice(0, decimalAt + 1 || groups.length)
    .join('')
    .replace(/^0+(?=\d)/, '');
  const frac =
    decimalAt === -1
      ? ''
      : groups
          .slice(decimalAt + 1)
          .join('')
          .replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** Index in `seps` of the decimal point, or -1. */
function decimalSeparatorIndex(seps: string[], groups: string[]): number {
  const arabic = seps.lastIndexOf('\u066B');
  if (arabic !== -1) return arabic;
  const lastDot = seps.lastIndexOf('.');
  const lastComma = seps.lastIndexOf(',');
  if (lastDot !== -1 && lastComma !== -1) return Math.max(lastDot, lastComma);
  const at = Math.max(lastDot, lastComma);
  if (at === -1) return -1;
  const kind = seps[at]!;
  if (seps.indexOf(kind) !== at) return -1; // repeated: thousands groups
  if (kind === ',' && groups[at + 1]!.length === 3) return -1;
  return at;
}

const isDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9);
/** . , ٫ ٬ ' ’ */
const isSeparator = (c: number): boolean =>
  c === 0x2e || c === 0x2c || c === 0x066b || c === 0x066c || c === 0x27 || c === 0x2019;

/**
 * The numbers of a text: what {@link NUMBER} matches (digits, then separators each followed by
 * digits), found in one pass over the code units rather than by the pattern's matcher.
 */
export function findNumbers(text: string): FoundNumber[] {
  const out: FoundNumber[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (!isDigit(text.charCodeAt(i))) continue;
    const start = i;
    let plain = true; // ASCII digits only
    for (;;) {
      let c = text.charCodeAt(i);
      while (i < n && isDigit(c)) {
        if (c > 0x39) plain = false;
        c = text.charCodeAt(++i);
      }
      if (i + 1 < n && isSeparator(c) && isDigit(text.charCodeAt(i + 1))) {
        plain = false;
        i++;
      } else break;
    }
    const raw = text.slice(start, i);
    // Plain ASCII digits are their own value once leading zeros go (canonicalNumber's result).
    out.push({ value: plain ? stripZeros(raw) : canonicalNumber(raw), start, end: i });
  }
  return out;
}

/** `raw` (ASCII digits) without its leading zeros, keeping the last digit. */
function stripZeros(raw: string): string {
  let z = 0;
  while (z < raw.length - 1 && raw.charCodeAt(z) === 0x30) z++;
  return z === 0 ? raw : raw.slice(z);
}

/** The reference: {@link findNumbers} by the pattern (tests hold the scanner to it). */
export function findNumbersByPattern(text: string): FoundNumber[] {
  const out: FoundNumber[] = [];
  for (const m of text.matchAll(NUMBER)) {
    out.push({ value: canonicalNumber(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const SMALL_NUMBER_WORDS: Record<string, string> = {
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  first: '1',
  second: '2',
  third: '3',
  fourth: '4',
  fifth: '5',
  sixth: '6',
  seventh: '7',
  eighth: '8',
  ninth: '9',
  tenth: '10',
  dozen: '12',
  hundred: '100',
  thousand: '1000',
};

/** Every value {@link spelledNumbers} can find. */
export const SPELLED_VALUES: ReadonlySet<string> = new Set(Object.values(SMALL_NUMBER_WORDS));

/** Numbers an English style guide spells out ("three people", "a hundred"): they count as present. */
export function spelledNumbers(english: string): Set<string> {
  const out = new Set<string>();
  for (const m of english.toLowerCase().matchAll(/[a-z]+/g)) {
    const v = SMALL_NUMBER_WORDS[m[0]];
    if (v) out.add(v);
  }
  return out;
}
