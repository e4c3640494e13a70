// Arabic text as search needs it. FTS5's own diacritic folding ignores Arabic harakat, so Qalam
// folds text itself and stores the folded form beside the original.

/** Harakat, Quranic annotation marks, superscript alef, tatweel, and invisible formatting marks. */
const STRIP = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

const FOLD: Record<string, string> = {
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ٲ': 'ا',
  'ٳ': 'ا',
  'ى': 'ي',
  'ئ': 'ي',
  'ی': 'ي',
  'ؤ': 'و',
  'ة': 'ه',
  'ك': 'ك',
  'ک': 'ك',
};
const FOLD_RE = /[أإآٱٲٳىئیؤةک]/g;

const ARABIC_INDIC_ZERO = 0x0660;
const EXTENDED_INDIC_ZERO = 0x06f0;
const DIGITS_RE = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Arabic-Indic and Persian digits to ASCII digits. */
export function toAsciiDigits(text: string): string {
  return text.replace(DIGITS_RE, (d) => {
    const c = d.charCodeAt(0);
    return String(c >= EXTENDED_INDIC_ZERO ? c - EXTENDED_INDIC_ZERO : c - ARABIC_INDIC_ZERO);
  });
}

/**
 * The search form of a text: compatibility forms decomposed (presentation forms, ligatures),
 * marks and tatweel removed, letter variants folded, digits unified, Latin lower-cased, white
 * space collapsed. Applied identically to stored text and to queries.
 */
export function normalizeForSearch(text: string): string {
  return toAsciiDigits(text.normalize('NFKC').replace(STRIP, '').replace(FOLD_RE, (ch) => FOLD[ch] ?? ch))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

export function hasArabic(text: string): boolean {
  return ARABIC_LETTER.test(text);
}
