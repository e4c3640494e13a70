// Translations read straight from the strings (lib/i18n.svelte.ts `direct`) must be what i18next
// gives: every key of every locale, plain and with its placeholders filled; anything else
// (plurals, formats, missing keys) is left to i18next.
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
    for (const [key, s] of [...leaves(en), ...leaves(ar)]) {
      const options = values(s);
      const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
      expect(t(key)).toBe(reference.t(key));
      expect(t(key, options)).toBe(reference.t(key, options));
      expect(t(base, { ...options, count: 3 })).toBe(reference.t(base, { ...options, count: 3 }));
      if (direct(key) !== null || direct(key, options) !== null) directs++;
    }
    // Nearly every string is a plain lookup: the point of reading them directly.
    expect(directs).toBeGreaterThan(leaves(en).length * 0.9);
  });

  it('leaves plurals, formats and missing keys to i18next', async () => {
    await i18n.set(lang);
    expect(direct('workspace.segments', { count: 2 })).toBeNull();
    expect(direct('no.such.key')).toBeNull();
    expect(direct('errors.find_too_slow', { seconds: 5 })).toBeNull();
    expect(direct('workspace.sourceColumn')).toBe(reference.getFixedT(lang)('workspace.sourceColumn'));
  });
});
