// The workspace's keyboard loop. Pure: a key event in, a command out. It never claims a key a text
// editor needs (arrows, Home/End, Ctrl+A/Z/Y/C/V/X, Ctrl+arrows, Enter, Shift+Enter), so typing
// in the translation behaves as in any text box.

export const COMMANDS = [
  'confirm',
  'reject',
  'next',
  'prev',
  'next-untranslated',
  'next-review',
  'copy-source',
  'insert-tag',
  'leave-editor',
  'find',
  'help',
  // Assistance panel (components/assist): memory matches, concordance.
  'insert-match',
  'concordance',
  // Glossary: insert a recognised term's English, add a term from the selections.
  'insert-term',
  'add-term',

  // MT: the machine-translation suggestion (components/mt).
  'insert-mt',
  // Find & replace (components/FindReplaceDialog): Ctrl+F stays the filter's search box.
  'find-replace',
] as const;
export type Command = (typeof COMMANDS)[number];

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export interface KeyContext {
  /** Focus is in a text field: printable keys belong to it. */
  typing: boolean;
  /** On macOS, Cmd stands in for Ctrl. */
  mac?: boolean;
}

/** Letter shortcuts match the physical key too, so they work with an Arabic keyboard layout. */
function letter(e: KeyLike, ch: string): boolean {
  return e.key.toLowerCase() === ch || e.code === `Key${ch.toUpperCase()}`;
}

/**
 * The digit of a key by its physical position (Digit1, Numpad1), so Ctrl+1 works whatever the
 * layout: an Arabic layout types ١ or 1 there, and Shift turns the key into ! on a US one. Null
 * for any other key.
 */
export function digitOf(e: KeyLike): number | null {
  const m = /^(?:Digit|Numpad)([0-9])$/.exec(e.code ?? '');
  if (m) return Number(m[1]);
  if (/^[0-9]$/.test(e.key)) return Number(e.key);
  const arabicIndic = '٠١٢٣٤٥٦٧٨٩'.indexOf(e.key);
  return arabicIndic >= 0 ? arabicIndic : null;
}

/** How many memory matches Ctrl+1… reaches (the panel shows as many). */
export const MATCH_SLOTS = 5;
/** How many recognised glossary terms Ctrl+Shift+1… reaches. */
export const TERM_SLOTS = 9;

export function commandFor(e: KeyLike, ctx: KeyContext): Command | null {
  const mod = e.ctrlKey || (ctx.mac === true && e.metaKey);
  const onlyMod = mod && !e.altKey;
  if (onlyMod && !e.shiftKey) {
    const digit = digitOf(e);
    if (digit !== null && digit >= 1 && digit <= MATCH_SLOTS) return 'insert-match';
    if (digit === 0) return 'insert-mt';
  }
  if (onlyMod && !e.shiftKey && letter(e, 'k')) return 'concordance';
  if (onlyMod && e.shiftKey) {
    const digit = digitOf(e);
    if (digit !== null && digit >= 1 && digit <= TERM_SLOTS) return 'insert-term';
    if (letter(e, 'g')) return 'add-term';
  }
  if (e.key === 'F1' && !mod && !e.altKey && !e.shiftKey) return 'help';
  // memoQ's key: the next source tag the translation lacks goes in at the caret.
  if (e.key === 'F9' && !mod && !e.altKey && !e.shiftKey) return 'insert-tag';
  if (e.key === '?' && !ctx.typing && !mod && !e.altKey) return 'help';
  if (e.key === 'Enter' && onlyMod) return e.shiftKey ? 'reject' : 'confirm';
  if (e.key === 'ArrowDown' && e.altKey && !mod) return e.shiftKey ? 'next-review' : 'next';
  if (e.key === 'ArrowUp' && e.altKey && !mod && !e.shiftKey) return 'prev';
  if (e.key === 'ArrowDown' && onlyMod && e.shiftKey) return 'next-untranslated';
  if (onlyMod && e.shiftKey && letter(e, 'c')) return 'copy-source';
  if (onlyMod && !e.shiftKey && letter(e, 'f')) return 'find';
  if (onlyMod && !e.shiftKey && letter(e, 'h')) return 'find-replace';
  if (e.key === 'Escape' && ctx.typing && !mod && !e.altKey && !e.shiftKey) return 'leave-editor';
  return null;
}

/** What the help overlay lists, in order: the command and its keys as shown to the user. */
export const SHORTCUTS: { command: Command; keys: string[][] }[] = [
  { command: 'confirm', keys: [['Ctrl', 'Enter']] },
  { command: 'reject', keys: [['Shift', 'Ctrl', 'Enter']] },
  { command: 'next', keys: [['Alt', '↓']] },
  { command: 'prev', keys: [['Alt', '↑']] },
  { command: 'next-untranslated', keys: [['Ctrl', 'Shift', '↓']] },
  { command: 'next-review', keys: [['Alt', 'Shift', '↓']] },
  { command: 'copy-source', keys: [['Ctrl', 'Shift', 'C']] },
  { command: 'insert-tag', keys: [['F9']] },
  { command: 'leave-editor', keys: [['Esc']] },
  { command: 'find', keys: [['Ctrl', 'F']] },
  { command: 'help', keys: [['?'], ['F1']] },
  { command: 'insert-match', keys: [['Ctrl', `1…${MATCH_SLOTS}`]] },
  { command: 'concordance', keys: [['Ctrl', 'K']] },
  { command: 'insert-term', keys: [['Ctrl', 'Shift', `1…${TERM_SLOTS}`]] },
  { command: 'add-term', keys: [['Ctrl', 'Shift', 'G']] },

  { command: 'insert-mt', keys: [['Ctrl', '0']] },
  { command: 'find-replace', keys: [['Ctrl', 'H']] },
];

export function isTypingTarget(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'range', 'file', 'color', 'reset'].includes(type);
  }
  if (tag === 'SELECT') return true;
  return (el as HTMLElement).isContentEditable === true;
}
