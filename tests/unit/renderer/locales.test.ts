// Every string the UI shows goes through i18next: both locales must have the same keys (Arabic
// with all six plural forms), every key the code uses must exist, and no key may lie unused.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src-renderer/lib/keymap';
import { NAV_KINDS } from '../../../src-main/shared/contract';
import {
  ENCODINGS,
  IMPORT_FORMATS,
  MT_ENGLISH,
  MT_PROVIDERS,
  PAIR_ORIGINS,
  ROLES,
  STATUSES,
  THEMES,
  TM_BANDS,
  TM_UNIT_STATUSES,
  UI_LANGUAGES,
} from '../../../src-main/shared/domain';
import { ERROR_CODES } from '../../../src-main/shared/errors';
import { QA_CHECKS } from '../../../src-main/shared/qa';

// Read through Vite (the renderer project has no Node types): every source file as text.
const SOURCES = import.meta.glob<string>('../../../src-renderer/**/*.{svelte,ts}', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const LOCALES = import.meta.glob<Tree>('../../../src-renderer/locales/*.json', { import: 'default', eager: true });

/** Key families built at run time (`t(\`status.${s}\`)`): a key under one of these counts as used. */
const DYNAMIC_PREFIXES = [
  'errors.',
  'status.',
  'formats.',
  'encodings.',
  'workspace.none.',
  'save.',
  'shortcuts.',
  'roles.',
  'languages.',
  'themes.',
  // The review team's families (components/review, components/export).
  'review.category.',
  'review.severity.',
  'review.role.',
  'review.history.kind.',
  'review.comments.origin.',
  'export.formats.',
  'workspace.origin.',
  // Quality checks: messages, names and severities by check id (the CLI prints them too).
  'qa.check.',
  'qa.name.',
  'qa.severity.',
  // Assistance: memory match kinds and unit statuses.
  'assist.tm.kind.',
  'assist.tm.status.',
  'assist.analysis.bands.',

  // Machine translation: providers and English variants by id.
  'mt.providers.',
  'mt.english.',
  'mt.settings.endpointHint.',
  // Find & replace: why a pair is not replaced (shared/find.ts FindSkip).
  'find.skip.',
];

/** Families whose members are known: each must be complete in both languages. */
const FAMILIES: Record<string, readonly string[]> = {
  errors: ERROR_CODES,
  status: STATUSES,
  formats: IMPORT_FORMATS,
  encodings: ENCODINGS,
  'workspace.none': NAV_KINDS,
  save: ['dirty', 'saving', 'saved', 'error', 'conflict'],
  shortcuts: COMMANDS,
  roles: [...ROLES, ...ROLES.map((r) => `${r}Hint`)],
  languages: UI_LANGUAGES,
  themes: THEMES,
  'workspace.origin': PAIR_ORIGINS,
  'qa.check': QA_CHECKS,
  'qa.name': QA_CHECKS,
  'qa.severity': ['error', 'warning'],
  'assist.tm.kind': ['context', 'exact', 'fuzzy'],
  'assist.tm.status': TM_UNIT_STATUSES,
  'assist.analysis.bands': TM_BANDS,

  'mt.providers': MT_PROVIDERS,
  'mt.english': MT_ENGLISH,
  'mt.settings.endpointHint': MT_PROVIDERS,
};

const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else flatten(v, key, out);
  }
  return out;
}

function load(lang: string): Map<string, string> {
  const tree = LOCALES[`../../../src-renderer/locales/${lang}.json`];
  if (!tree) throw new Error(`no locale ${lang}`);
  return flatten(tree);
}

/** Base key → plural categories present ([] for a plain key). */
function bases(keys: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const k of keys.keys()) {
    const m = PLURAL.exec(k);
    const base = m ? k.slice(0, m.index) : k;
    const forms = out.get(base) ?? [];
    if (m) forms.push(m[1]!);
    out.set(base, forms);
  }
  return out;
}

interface Use {
  key: string;
  dynamic: boolean;
  where: string;
}

/**
 * `t('key')`, `t("key")`, `t(\`key\`)`, `$t(...)`, `i18n.t(...)`, `tParts(...)`, `tIsolated(...)` and
 * `<Tr k="key">`; template literals give a prefix.
 */
export function usedKeys(code: string, where: string): Use[] {
  const uses: Use[] = [];
  const re = /(?<![\w$.])(?:\$?t|i18n\.t|tParts|tIsolated)\(\s*(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g;
  for (const m of code.matchAll(re)) {
    const raw = m[2]!;
    const at = raw.indexOf('${');
    if (m[1] === '`' && at >= 0) uses.push({ key: raw.slice(0, at), dynamic: true, where });
    else uses.push({ key: raw, dynamic: false, where });
  }
  for (const m of code.matchAll(/<Tr\s+k="([^"]+)"/g)) uses.push({ key: m[1]!, dynamic: false, where });
  return uses;
}

const en = load('en');
const ar = load('ar');
const enBases = bases(en);
const arBases = bases(ar);
const uses = Object.entries(SOURCES).flatMap(([path, code]) => usedKeys(code, path.replace('../../../', '')));

describe('locales', () => {
  it('has the same keys in English and Arabic', () => {
    const missingInAr = [...enBases.keys()].filter((k) => !arBases.has(k));
    const missingInEn = [...arBases.keys()].filter((k) => !enBases.has(k));
    expect({ missingInAr, missingInEn }).toEqual({ missingInAr: [], missingInEn: [] });
  });

  it('has every plural form each language needs (Arabic: zero, one, two, few, many, other)', () => {
    const problems: string[] = [];
    for (const [lang, all] of [
      ['en', enBases],
      ['ar', arBases],
    ] as const) {
      const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const [base, forms] of all) {
        if (forms.length === 0) continue;
        const missing = needed.filter((c) => !forms.includes(c));
        if (missing.length > 0) problems.push(`${lang}: ${base} lacks _${missing.join(', _')}`);
        if ((lang === 'en' ? en : ar).has(base)) problems.push(`${lang}: ${base} is both plain and plural`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no empty strings, and the same {{placeholders}} in both languages', () => {
    const problems: string[] = [];
    const names = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
    for (const [k, v] of en) if (v.trim() === '') problems.push(`en: ${k} is empty`);
    for (const [k, v] of ar) if (v.trim() === '') problems.push(`ar: ${k} is empty`);
    for (const [base] of enBases) {
      const enNames = new Set([...en].filter(([k]) => k === base || k.replace(PLURAL, '') === base).flatMap(([, v]) => names(v)));
      const arNames = new Set([...ar].filter(([k]) => k === base || k.replace(PLURAL, '') === base).flatMap(([, v]) => names(v)));
      // Arabic's one/two forms often spell the number out, so only names Arabic uses must exist in English.
      const extra = [...arNames].filter((n) => !enNames.has(n) && n !== 'n' && n !== 'count');
      if (extra.length > 0) problems.push(`${base}: Arabic uses {{${extra.join('}}, {{')}}} that English does not`);
    }
    expect(problems).toEqual([]);
  });

  it('translates every member of the families built at run time', () => {
    const missing: string[] = [];
    for (const [family, members] of Object.entries(FAMILIES)) {
      for (const m of members) {
        if (!enBases.has(`${family}.${m}`)) missing.push(`en: ${family}.${m}`);
        if (!arBases.has(`${family}.${m}`)) missing.push(`ar: ${family}.${m}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has every key the code uses', () => {
    expect(uses.length).toBeGreaterThan(50);
    const missing = uses.filter((u) => !u.dynamic && !enBases.has(u.key)).map((u) => `${u.key} (${u.where})`);
    expect([...new Set(missing)]).toEqual([]);
  });

  it('builds keys at run time only inside the allowed families', () => {
    const stray = uses
      .filter((u) => u.dynamic && !DYNAMIC_PREFIXES.some((p) => u.key.startsWith(p)))
      .map((u) => `${u.key}… (${u.where})`);
    expect(stray).toEqual([]);
  });

  it('has no unused keys', () => {
    const literal = new Set(uses.filter((u) => !u.dynamic).map((u) => u.key));
    const unused = [...enBases.keys()].filter((k) => !literal.has(k) && !DYNAMIC_PREFIXES.some((p) => k.startsWith(p)));
    expect(unused).toEqual([]);
  });
});

describe('the key scanner', () => {
  it('finds literal keys, template prefixes and ignores look-alikes', () => {
    const code = "t('a.b'); t(\"c.d\", { n }); $t(`e.${x}`); i18n.t(`f.g`); format('x.y'); at('z'); t(\n  'h.i'\n)";
    expect(usedKeys(code, 'x').map((u) => [u.key, u.dynamic])).toEqual([
      ['a.b', false],
      ['c.d', false],
      ['e.', true],
      ['f.g', false],
      ['h.i', false],
    ]);
  });
});
