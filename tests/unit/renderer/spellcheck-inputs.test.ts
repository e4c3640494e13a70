// Arabic is never underlined by the en-US spellchecker: every text field of every component states
// its spellcheck, and only an English field (lang="en") may have it on, or a field that may hold
// either language through englishOnly() (on while it holds no Arabic). A new field that forgets the
// attribute fails here, whichever dialog it is in.
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { englishOnly } from '../../../src-renderer/lib/spellcheck';

const SOURCES = import.meta.glob<string>('../../../src-renderer/**/*.svelte', { query: '?raw', import: 'default', eager: true });
const TEXT_TYPES = new Set(['text', 'search', 'url', 'email', 'password', 'tel']);

interface Attr {
  type: string;
  name?: string;
  value: true | { type: string; data?: string; start: number; end: number }[] | { type: string; start: number; end: number };
  start: number;
  end: number;
}
interface Node {
  type: string;
  name?: string;
  attributes?: Attr[];
  start: number;
  [key: string]: unknown;
}

/** A static attribute's text; '{…}' with the expression's source for a dynamic one; null when absent. */
function attr(code: string, el: Node, name: string): string | null {
  const a = el.attributes?.find((x) => x.type === 'Attribute' && x.name === name);
  if (!a) return null;
  if (a.value === true) return '';
  if (Array.isArray(a.value)) {
    if (a.value.every((v) => v.type === 'Text')) return a.value.map((v) => v.data ?? '').join('');
    return `{${code.slice(a.value[0]!.start, a.value.at(-1)!.end)}}`;
  }
  return code.slice(a.value.start, a.value.end); // an expression tag: its braces included
}

/** Every element the user types into: text inputs, textareas, contenteditable elements. */
function textFields(code: string, node: unknown, out: Node[] = []): Node[] {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    for (const n of node) textFields(code, n, out);
    return out;
  }
  const el = node as Node;
  if (el.type === 'RegularElement' && el.attributes) {
    const type = attr(code, el, 'type');
    const editable = attr(code, el, 'contenteditable');
    if (
      (el.name === 'input' && (type === null || TEXT_TYPES.has(type))) ||
      el.name === 'textarea' ||
      (editable !== null && editable !== 'false')
    )
      out.push(el);
  }
  for (const [k, v] of Object.entries(el)) if (k !== 'attributes' && k !== 'metadata') textFields(code, v, out);
  return out;
}

function lineOf(code: string, at: number): number {
  return code.slice(0, at).split('\n').length;
}

const fields = Object.entries(SOURCES).flatMap(([path, code]) => {
  const ast = parse(code, { modern: true });
  return textFields(code, ast.fragment).map((el) => ({
    where: `${path.replace('../../../src-renderer/', '')}:${lineOf(code, el.start)} <${el.name}>`,
    lang: attr(code, el, 'lang'),
    spellcheck: attr(code, el, 'spellcheck'),
  }));
});

describe('spellcheck on text fields', () => {
  it('finds the text fields of the app (the scan itself works)', () => {
    expect(fields.length).toBeGreaterThan(15);
    const where = fields.map((f) => f.where).join('\n');
    for (const known of [
      'PairRow.svelte',
      'TermForm.svelte',
      'ConcordanceDialog.svelte',
      'FilterBar.svelte',
      'CommentsTab.svelte',
    ]) {
      expect(where).toContain(known);
    }
  });

  it('every field states its spellcheck; only English fields, or englishOnly(), may have it on', () => {
    const problems = fields.flatMap((f) => {
      if (f.spellcheck === null) return [`${f.where}: no spellcheck attribute`];
      if (f.lang === 'en' || f.spellcheck === 'false' || /^\{englishOnly\(.+\)\}$/.test(f.spellcheck)) return [];
      return [`${f.where}: spellcheck=${f.spellcheck} on a field that is not English (lang=${f.lang ?? 'none'})`];
    });
    expect(problems).toEqual([]);
  });

  it('the English target editors keep their spellcheck', () => {
    const editors = fields.filter((f) => /^components\/(PairRow|tags\/TagEditor)\.svelte/.test(f.where));
    expect(editors.length).toBeGreaterThanOrEqual(2);
    for (const e of editors) expect([e.where, e.lang, e.spellcheck]).toEqual([e.where, 'en', 'true']);
  });

  it('a free-text field is checked only while it holds no Arabic', () => {
    expect(englishOnly('The talks were constructive')).toBe(true);
    expect(englishOnly('')).toBe(true);
    expect(englishOnly('see «الأمن» here')).toBe(false);
    expect(englishOnly('ترجمة جيدة')).toBe(false);
    expect(englishOnly('ﷲ')).toBe(false); // presentation forms
  });
});
