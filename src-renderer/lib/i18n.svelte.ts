// i18next with a reactive locale: `t()` reads `i18n.locale`, so every template that calls it
// re-renders when the language changes. The shell's direction follows the UI language; the text
// columns keep their own (`dir` on each cell), whatever the shell does.
import type { TOptions } from 'i18next';
import type { UiLanguage } from '../../src-main/shared/domain';
import { errorContext, type AppError } from '../../src-main/shared/errors';
import { createI18n } from '../../src-main/shared/i18n';

type Resource = Record<string, unknown>;
// Through Vite's glob rather than a typed JSON import: the locale files are data, not sources.
// English is in the start-up bundle: it is the default and the fallback of every other locale.
// Every other locale is a chunk of its own, loaded when it is first chosen (settings at start-up,
// a switch in Settings or onboarding): an English start does not pay for the Arabic strings.
const en = import.meta.glob<Resource>('../locales/en.json', { eager: true, import: 'default' })['../locales/en.json'] ?? {};
const others = import.meta.glob<Resource>(['../locales/*.json', '!../locales/en.json'], { import: 'default' });

const instance = createI18n({ en, ar: {} });
/** Each loaded locale's strings, as i18next has them: read directly by `direct`. */
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const resources = new Map<UiLanguage, Resource>([['en', en]]);
// Plain bookkeeping, never rendered: `I18n.locale` is the reactive part.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const loaded = new Set<UiLanguage>(['en']);
// Translations without options, by language and key: i18next's lookup costs about 0.1 ms a call
// (more under load), and a document's first render makes about a hundred. Cleared whenever a
// language's strings arrive. Plain bookkeeping, never rendered.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const plain = new Map<string, string>();
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const loading = new Map<UiLanguage, Promise<void>>();

/** Fetches a locale's strings once; resolves when `set(lang)` would switch without waiting. */
export function loadLocale(lang: UiLanguage): Promise<void> {
  if (loaded.has(lang)) return Promise.resolve();
  let p = loading.get(lang);
  if (!p) {
    const file = others[`../locales/${lang}.json`];
    p = (file ? file() : Promise.resolve({}))
      .then((strings) => {
        instance.addResourceBundle(lang, 'translation', strings, true, true);
        resources.set(lang, strings);
        plain.clear();
        loaded.add(lang);
      })
      .finally(() => loading.delete(lang));
    loading.set(lang, p);
  }
  return p;
}

const DIR: Record<UiLanguage, 'ltr' | 'rtl'> = { en: 'ltr', ar: 'rtl' };

class I18n {
  locale = $state<UiLanguage>('en');
  readonly dir = $derived(DIR[this.locale]);
  /** The language last asked for: a slower load of an earlier choice never wins over it. */
  private wanted: UiLanguage = 'en';

  /**
   * Switches the language, its strings and the shell's direction together: at once when the
   * locale is loaded, else once it is (never English strings in a mirrored shell meanwhile). If the
   * locale cannot be loaded, it switches anyway and its strings fall back to English.
   */
  set(lang: UiLanguage): Promise<void> {
    this.wanted = lang;
    if (loaded.has(lang)) {
      this.apply(lang);
      return Promise.resolve();
    }
    return loadLocale(lang).then(
      () => {
        if (this.wanted === lang) this.apply(lang);
      },
      (e: unknown) => {
        console.warn('[qalam] could not load the locale', lang, e);
        if (this.wanted === lang) this.apply(lang);
      },
    );
  }

  private apply(lang: UiLanguage): void {
    if (instance.language !== lang) void instance.changeLanguage(lang);
    this.locale = lang;
    if (typeof document !== 'undefined') {
      document.documentElement.lang = lang;
      document.documentElement.dir = DIR[lang];
    }
  }
}

export const i18n = new I18n();

/** Translate; reactive on the locale. Counts pick the locale's plural form (Arabic has six). */
export function t(key: string, options?: TOptions): string {
  void i18n.locale;
  if (options !== undefined) return direct(key, options) ?? (instance.t(key, options) as string);
  const cached = `${instance.language}\u0000${key}`;
  let s = plain.get(cached);
  if (s === undefined) {
    s = direct(key) ?? (instance.t(key, {}) as string);
    plain.set(cached, s);
  }
  return s;
}

/** i18next's nesting (a translation inside a string), spelt in two parts: the locale test would read the whole as a key. */
const NESTING = '$t' + '(';
/** A placeholder i18next fills with the option's value as it is (no format, no path, no unescape flag). */
const PLACEHOLDER = /\{\{(\w+)\}\}/g;
/** Options that ask i18next for more than a lookup, a count's plural form and placeholders (context, fallbacks). */
const RESOLVING = new Set([
  'context',
  'defaultValue',
  'lng',
  'lngs',
  'ns',
  'fallbackLng',
  'ordinal',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'replace',
  'interpolation',
  'keySeparator',
  'nsSeparator',
  'postProcess',
]);

function lookup(lang: UiLanguage, key: string): unknown {
  let node: unknown = resources.get(lang);
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Resource)[part];
  }
  return node;
}

// Each language's cardinal plural rules, as i18next makes them (Intl.PluralRules). Plain
// bookkeeping, never rendered.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const pluralRules = new Map<UiLanguage, Intl.PluralRules>();
function pluralRulesOf(lang: UiLanguage): Intl.PluralRules {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  return rules;
}

/**
 * The string i18next picks for `key` with a count, in `lang` alone: `key_zero` for a count of 0
 * (any language), then the count's plural form (`key_one`, `key_few`, ...), then `key` itself.
 */
function lookupCount(lang: UiLanguage, key: string, count: number): unknown {
  const keys = count === 0 ? [`${key}_zero`] : [];
  keys.push(`${key}_${pluralRulesOf(lang).select(count)}`, key);
  for (const k of keys) {
    const s = lookup(lang, k);
    // i18next takes an empty string but not null (returnNull: false).
    if (s !== undefined && s !== null) return s;
  }
  return undefined;
}

/**
 * What i18next gives for `key`, read from the strings themselves, when that is a lookup (the
 * language's string, else English's; with a count, its plural form as i18next picks it) and at
 * most placeholders filled with values; null when i18next has more to do (context, ordinals,
 * formats, nesting, a missing key). A document's first render makes about a hundred translations,
 * a dozen of them counts (the filter bar, the status bar), each i18next's first: 20-30 ms of its
 * lookup code before it is compiled. Tests check every key of every locale against i18next.
 */
export function direct(key: string, options?: TOptions): string | null {
  if (key.includes(':')) return null;
  if (options !== undefined) for (const name in options) if (RESOLVING.has(name)) return null;
  const count: unknown = options?.count;
  // A count that is not a number is no plural for i18next either: left to it.
  if (count !== undefined && typeof count !== 'number') return null;
  const lang = instance.language as UiLanguage;
  const find = (l: UiLanguage) => (count === undefined ? lookup(l, key) : lookupCount(l, key, count));
  let s = find(lang);
  if (s === undefined && lang !== 'en') s = find('en');
  if (typeof s !== 'string' || s.includes(NESTING)) return null;
  if (!s.includes('{{')) return s;
  if (options === undefined) return null;
  let simple = true;
  const out = s.replace(PLACEHOLDER, (_, name: string) => {
    const value: unknown = options[name];
    if (value === undefined || (typeof value === 'object' && value !== null)) simple = false;
    return value === null ? '' : String(value);
  });
  return simple && !out.includes('{{') ? out : null;
}

/**
 * How an interpolated value is set apart from the sentence around it: `ltr` for paths and URLs
 * (always read left to right), `rtl` for quoted Arabic source text (right to left even when it
 * starts with "CNN"), `auto` for names (a file or user name may be Arabic or Latin).
 * Without it, "/tmp/x/data" inside an Arabic sentence shows as "tmp/x/data/".
 */
export type Isolate = 'ltr' | 'rtl' | 'auto';

export interface TextPart {
  text: string;
  /** Set on an isolated value: rendered in <bdi> (or between Unicode isolates in plain strings). */
  isolate?: Isolate;
}

// Stand-ins for the isolated values while i18next interpolates; no translation contains U+0001.
const SLOT = '\u0001';
const SLOT_RE = /\u0001(\d+)\u0001/;

/** A translation split into text and isolated values, for <Tr> to render values in <bdi>. */
export function tParts(key: string, options: TOptions, isolate: Record<string, Isolate>): TextPart[] {
  const names = Object.keys(isolate);
  const opts: TOptions = { ...options };
  names.forEach((n, i) => (opts[n] = `${SLOT}${i}${SLOT}`));
  const pieces = t(key, opts).split(SLOT_RE);
  const parts: TextPart[] = [];
  for (let i = 0; i < pieces.length; i++) {
    if (i % 2 === 0) {
      if (pieces[i]) parts.push({ text: pieces[i]! });
    } else {
      const name = names[Number(pieces[i])]!;
      parts.push({ text: String(options[name] ?? ''), isolate: isolate[name]! });
    }
  }
  return parts;
}

// Built from code points: Svelte's compiler warns about bidi controls written in source.
const LRI = String.fromCharCode(0x2066);
const RLI = String.fromCharCode(0x2067);
const FSI = String.fromCharCode(0x2068);
const PDI = String.fromCharCode(0x2069);

/** A value isolated inside a plain string (attributes, notices): what <bdi> does, as characters. */
export function isolateText(text: string, how: Isolate = 'auto'): string {
  return `${how === 'ltr' ? LRI : how === 'rtl' ? RLI : FSI}${text}${PDI}`;
}

/** tParts as one string, for places that take text only (aria-label, title, a dialog's title). */
export function tIsolated(key: string, options: TOptions, isolate: Record<string, Isolate>): string {
  return tParts(key, options, isolate)
    .map((p) => (p.isolate ? isolateText(p.text, p.isolate) : p.text))
    .join('');
}

/** Error parameters that name a file, a document, a person or a path, or quote the document's text. */
const ERROR_ISOLATE: Record<string, Isolate> = {
  name: 'auto',
  file: 'auto',
  path: 'ltr',
  start: 'rtl',
  provider: 'ltr',
  host: 'ltr',
  detail: 'auto',
};

/** The translated message of an error from the main process. */
export function errorMessage(error: AppError): string {
  const params = { ...(error.params ?? {}) };
  const isolate = Object.fromEntries(Object.entries(ERROR_ISOLATE).filter(([k]) => k in params));
  // The quoted start of a paragraph is Arabic source text, unless it is the translation's.
  if (params.side === 'target' && isolate.start) isolate.start = 'ltr';
  // What the error is about ("document", "pair", …) picks the message that names it, where there is one.
  return tIsolated(`errors.${error.code}`, { ...params, ...errorContext(error) }, isolate);
}

/**
 * An integer in English as Intl.NumberFormat('en') writes it ("100,000"), null for anything else.
 * The first NumberFormat a page makes costs 30-60 ms in Chromium here (ICU's number data; plural
 * rules cost 0.4 ms): an English start into a document shows integers only (row numbers, counts),
 * so it pays nothing for them.
 */
export function englishInteger(n: number): string | null {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return null;
  const digits = String(Math.abs(n));
  let out = n < 0 ? '-' : '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

// A plain cache of formatters, never rendered: no reactivity wanted.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatNumber(n: number): string {
  const locale = i18n.locale;
  if (locale === 'en') {
    const plain = englishInteger(n);
    if (plain !== null) return plain;
  }
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    numberFormats.set(locale, f);
  }
  return f.format(n);
}

/**
 * Makes the locale's number formatter and plural rules ahead of their first use. The first
 * NumberFormat a page makes loads ICU's number data (30-60 ms in Chromium here, whichever locale:
 * the next one costs 0.1 ms); made while the app waits for its first answers, it is not paid in
 * the first render of the rows, whose numbers and counts need both. In English integers need no
 * formatter (englishInteger): this makes only the plural rules.
 */
export function warmUpFormats(): void {
  formatNumber(0);
  void pluralRulesOf(i18n.locale).select(0);
}

export function formatPercent(fraction: number): string {
  return new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

export function formatDate(iso: string): string {
  // A throwaway value to format, not state.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
