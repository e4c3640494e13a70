// The spellchecker knows English only (the Electron session is set to en-US in
// src-main/electron/spellcheck.ts): every Arabic word it sees is underlined red. Fields for Arabic
// (or for codes, names, URLs) say spellcheck="false"; the English editors keep it; a free-text field
// that may hold either language (a comment, a reason) is checked only while it holds no Arabic.
// tests/unit/renderer/spellcheck-inputs.test.ts holds every text field of the app to this.

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

/** The spellcheck attribute of a field that may be written in English or Arabic. */
export function englishOnly(text: string): boolean {
  return !ARABIC.test(text);
}
