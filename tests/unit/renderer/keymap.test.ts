import { describe, expect, it } from 'vitest';
import { commandFor, digitOf, isTypingTarget, SHORTCUTS, COMMANDS, type KeyLike } from '../../../src-renderer/lib/keymap';

function key(spec: string, code?: string): KeyLike {
  const parts = spec.split('+');
  const k = parts.pop()!;
  return {
    key: k,
    ...(code ? { code } : {}),
    ctrlKey: parts.includes('Ctrl'),
    metaKey: parts.includes('Meta'),
    altKey: parts.includes('Alt'),
    shiftKey: parts.includes('Shift'),
  };
}

const typing = { typing: true };
const browsing = { typing: false };

describe('keymap', () => {
  it('maps the workspace loop', () => {
    expect(commandFor(key('Ctrl+Enter'), typing)).toBe('confirm');
    expect(commandFor(key('Shift+Ctrl+Enter'), typing)).toBe('reject');
    expect(commandFor(key('Alt+ArrowDown'), typing)).toBe('next');
    expect(commandFor(key('Alt+ArrowUp'), typing)).toBe('prev');
    expect(commandFor(key('Ctrl+Shift+ArrowDown'), typing)).toBe('next-untranslated');
    expect(commandFor(key('Alt+Shift+ArrowDown'), typing)).toBe('next-review');
    expect(commandFor(key('Ctrl+Shift+C', 'KeyC'), typing)).toBe('copy-source');
    expect(commandFor(key('Ctrl+f', 'KeyF'), typing)).toBe('find');
    expect(commandFor(key('Ctrl+h', 'KeyH'), typing)).toBe('find-replace');
    expect(commandFor(key('Ctrl+Shift+H', 'KeyH'), typing)).toBeNull();
    expect(commandFor(key('Escape'), typing)).toBe('leave-editor');
    expect(commandFor(key('F1'), typing)).toBe('help');
    expect(commandFor(key('Shift+?'), browsing)).toBe('help');
  });

  it('never takes a key the text editor needs', () => {
    const editorKeys = [
      'ArrowLeft',
      'ArrowRight',
      'ArrowUp',
      'ArrowDown',
      'Home',
      'End',
      'PageUp',
      'PageDown',
      'Shift+ArrowLeft',
      'Shift+ArrowRight',
      'Shift+ArrowUp',
      'Shift+ArrowDown',
      'Shift+Home',
      'Shift+End',
      'Ctrl+ArrowLeft',
      'Ctrl+ArrowRight',
      'Ctrl+ArrowUp',
      'Ctrl+ArrowDown',
      'Ctrl+Shift+ArrowLeft',
      'Ctrl+Shift+ArrowRight',
      'Ctrl+Home',
      'Ctrl+End',
      'Ctrl+a',
      'Ctrl+z',
      'Ctrl+y',
      'Ctrl+c',
      'Ctrl+v',
      'Ctrl+x',
      'Ctrl+Shift+z',
      'Ctrl+Shift+V',
      'Enter',
      'Shift+Enter',
      'Backspace',
      'Delete',
      'Ctrl+Backspace',
      'Ctrl+Delete',
      'Tab',
      'Shift+Tab',
      'a',
      'A',
      'ب',
      '?',
      'Shift+?',
      ' ',
      'Alt+Enter',
    ];
    for (const spec of editorKeys) {
      const code = /^[a-z]$/i.test(spec.slice(-1)) && spec.length > 1 ? `Key${spec.slice(-1).toUpperCase()}` : undefined;
      expect(commandFor(key(spec, code), typing), spec).toBeNull();
    }
  });

  it('matches letters by physical key too, so an Arabic layout works', () => {
    // Ctrl+Shift+C on an Arabic layout reports the Arabic letter as the key.
    expect(commandFor(key('Ctrl+Shift+ؤ', 'KeyC'), typing)).toBe('copy-source');
    expect(commandFor(key('Ctrl+ب', 'KeyF'), typing)).toBe('find');
    expect(commandFor(key('Ctrl+ا', 'KeyH'), typing)).toBe('find-replace');
    // Ctrl+C with an Arabic layout is still copy.
    expect(commandFor(key('Ctrl+ؤ', 'KeyC'), typing)).toBeNull();
  });

  it('inserts memory matches with Ctrl+1…5 by physical key, whatever the layout types', () => {
    for (let d = 1; d <= 5; d++) {
      expect(commandFor(key(`Ctrl+${d}`, `Digit${d}`), typing)).toBe('insert-match');
      expect(digitOf(key(`Ctrl+${d}`, `Digit${d}`))).toBe(d);
    }
    // An Arabic layout with Eastern Arabic digits: the key is ٣, the position Digit3.
    expect(commandFor(key('Ctrl+٣', 'Digit3'), typing)).toBe('insert-match');
    expect(digitOf(key('Ctrl+٣', 'Digit3'))).toBe(3);
    // Synthetic events without a code still carry the digit.
    expect(digitOf(key('Ctrl+٢'))).toBe(2);
    expect(digitOf(key('Ctrl+4'))).toBe(4);
    expect(commandFor(key('Ctrl+2', 'Numpad2'), typing)).toBe('insert-match');
    // Beyond the five slots, and with Shift (glossary terms) or Alt (AltGr layouts): not a match.
    expect(commandFor(key('Ctrl+6', 'Digit6'), typing)).toBeNull();
    // Ctrl+0 is the machine-translation suggestion's, by position too (٠ on an Arabic layout).
    expect(commandFor(key('Ctrl+0', 'Digit0'), typing)).toBe('insert-mt');
    expect(commandFor(key('Ctrl+٠', 'Digit0'), typing)).toBe('insert-mt');
    expect(commandFor(key('Ctrl+Shift+!', 'Digit1'), typing)).toBe('insert-term');
    expect(commandFor(key('Ctrl+Alt+1', 'Digit1'), typing)).toBeNull();
    // A plain digit is typing.
    expect(commandFor(key('1', 'Digit1'), typing)).toBeNull();
    expect(digitOf(key('a', 'KeyA'))).toBeNull();
  });

  it('inserts glossary terms with Ctrl+Shift+1…9 and adds one with Ctrl+Shift+G, on any layout', () => {
    // A US layout reports the shifted symbol; an Arabic one its own: the physical key decides.
    expect(commandFor(key('Ctrl+Shift+!', 'Digit1'), typing)).toBe('insert-term');
    expect(commandFor(key('Ctrl+Shift+(', 'Digit9'), typing)).toBe('insert-term');
    expect(digitOf(key('Ctrl+Shift+(', 'Digit9'))).toBe(9);
    expect(commandFor(key('Ctrl+Shift+٣', 'Digit3'), typing)).toBe('insert-term');
    expect(commandFor(key('Ctrl+Shift+)', 'Digit0'), typing)).toBeNull();
    expect(commandFor(key('Ctrl+Alt+Shift+!', 'Digit1'), typing)).toBeNull();
    expect(commandFor(key('Ctrl+Shift+G', 'KeyG'), typing)).toBe('add-term');
    expect(commandFor(key('Ctrl+Shift+ل', 'KeyG'), typing)).toBe('add-term');
    expect(commandFor(key('Ctrl+g', 'KeyG'), typing)).toBeNull();
  });

  it('opens the concordance with Ctrl+K, also on an Arabic layout', () => {
    expect(commandFor(key('Ctrl+k', 'KeyK'), typing)).toBe('concordance');
    expect(commandFor(key('Ctrl+ن', 'KeyK'), typing)).toBe('concordance');
    expect(commandFor(key('Ctrl+Shift+K', 'KeyK'), typing)).toBeNull();
  });

  it('opens help with "?" only outside text fields', () => {
    expect(commandFor(key('?'), typing)).toBeNull();
    expect(commandFor(key('?'), browsing)).toBe('help');
    expect(commandFor(key('Ctrl+?'), browsing)).toBeNull();
  });

  it('leaves Escape alone outside the editor (dialogs and search own it)', () => {
    expect(commandFor(key('Escape'), browsing)).toBeNull();
    expect(commandFor(key('Shift+Escape'), typing)).toBeNull();
  });

  it('uses Cmd for Ctrl on macOS only', () => {
    expect(commandFor(key('Meta+Enter'), { typing: true, mac: true })).toBe('confirm');
    expect(commandFor(key('Meta+Enter'), { typing: true, mac: false })).toBeNull();
  });

  it('does not let Alt change Ctrl+Enter into a confirm', () => {
    expect(commandFor(key('Ctrl+Alt+Enter'), typing)).toBeNull();
    expect(commandFor(key('Ctrl+Alt+ArrowDown'), typing)).toBeNull();
  });

  it('lists every command in the help overlay', () => {
    expect(SHORTCUTS.map((s) => s.command).sort()).toEqual([...COMMANDS].sort());
  });

  it('knows which elements take typing', () => {
    const el = (html: string) => {
      const d = document.createElement('div');
      d.innerHTML = html;
      return d.firstElementChild;
    };
    expect(isTypingTarget(el('<textarea></textarea>'))).toBe(true);
    expect(isTypingTarget(el('<input type="search">'))).toBe(true);
    expect(isTypingTarget(el('<input type="checkbox">'))).toBe(false);
    expect(isTypingTarget(el('<button>x</button>'))).toBe(false);
    expect(isTypingTarget(el('<div tabindex="-1"></div>'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
