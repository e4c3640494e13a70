// Translations read straight from the strings (lib/i18n.svelte.ts `direct`) must be what i18next
// gives: every key of every locale, plain, with its placeholders filled and with counts of every
// plural form; anything else (context, ordinals, formats, missing keys) is left to i18next.
import { afterAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../../src-main/shared/i18n';
import { direct, i18n, t } from '../../../src-renderer/lib/i18n.svelte';

type Tree = Record<string, unknown>;
// Through Vite's glob, as the app reads them: the locale files are data, not sources.
const LOCALES = import.meta.glob<Tree>('../../../src-renderer/locales/*.json', { import: 'default', eager: true });
const en = LOCALES['../../../src-renderer/locales/en.json']!;
const ar = LOCALES['../../../src-renderer/locales/ar.json']!;
const reference = createI18n({ en, ar });

function leaves(node: unknown, prefix = ''): [string, string][] {
  if (typeof node === 'string') return [[prefix, node]];
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** Counts that give every plural form of English and Arabic, 0 (i18next's _zero), and a fraction. */
const COUNTS = [0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 1000, 1.5, -1];

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** For each plural key (without its suffix), a value for each placeholder of any of its forms in either language. */
const PLURAL_VALUES = new Map<string, Record<string, string>>();
for (const [key, s] of [...leaves(en), ...leaves(ar)]) {
  if (!PLURAL.test(key)) continue;
  const base = key.replace(PLURAL, '');
  const out = PLURAL_VALUES.get(base) ?? {};
  for (const m of s.matchAll(/\{\{(\w+)\}\}/g)) out[m[1]!] = `v-${m[1]!}`;
  PLURAL_VALUES.set(base, out);
}

/** Placeholder names of a string, each given a value (a string, a number, null in turn). */
function values(s: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let i = 0;
  for (const m of s.matchAll(/\{\{(\w+)[^}]*\}\}/g)) out[m[1]!] = [`v${i}`, i * 1000 + 7, null][i++ % 3];
  return out;
}

afterAll(async () => {
  await i18n.set('en');
});

describe.each(['en', 'ar'] as const)('translations in %s', (lang) => {
  it('are what i18next gives, for every key, plain and with values', async () => {
    await i18n.set(lang);
    await reference.changeLanguage(lang);
    let directs = 0;
    let counts = 0;
    for (const [key, s] of [...leaves(en), ...leaves(ar)]) {
      const options = values(s);
      const base = key.replace(PLURAL, '');
      expect(t(key)).toBe(reference.t(key));
      expect(t(key, options)).toBe(reference.t(key, options));
      // Every plural form of both languages (Arabic: zero, one, two, few, many, other), and i18next's _zero for 0.
      for (const count of COUNTS) expect(t(base, { ...options, count })).toBe(reference.t(base, { ...options, count }));
      if (direct(key) !== null || direct(key, options) !== null) directs++;
      const plural = PLURAL_VALUES.get(base);
      if (plural && COUNTS.every((count) => direct(base, { ...plural, count }) !== null)) counts++;
    }
    // Nearly every string is a plain lookup: the point of reading them directly; and so is every
    // plural form (the first paint's counts).
    expect(directs).toBeGreaterThan(leaves(en).length * 0.9);
    expect(counts).toBe([...leaves(en), ...leaves(ar)].filter(([k]) => PLURAL.test(k)).length);
  });

  it('leaves context, ordinals, counts that are no number, formats and missing keys to i18next', async () => {
    await i18n.set(lang);
    expect(direct('counts.words', { count: 2, context: 'x', n: '2' })).toBeNull();
    expect(direct('counts.words', { count: 2, ordinal: true, n: '2' })).toBeNull();
    // A count passed as a string (TOptions types it a number; i18next then does no plural).
    expect(direct('counts.words', { count: '2' as unknown as number, n: '2' })).toBeNull();
    expect(direct('no.such.key', { count: 2 })).toBeNull();
    expect(direct('no.such.key')).toBeNull();
    expect(direct('errors.find_too_slow', { seconds: 5 })).toBeNull();
    expect(direct('workspace.sourceColumn')).toBe(reference.getFixedT(lang)('workspace.sourceColumn'));
  });
});
