// i18next with a reactive locale: `t()` reads `i18n.locale`, so every template that calls it
// re-renders when the language changes. The shell's direction follows the UI language; the text
// columns keep their own (`dir` on each cell), whatever the shell does.
import type { TOptions } from 'i18next';
import type { UiLanguage } from '../../src-main/shared/domain';
import type { AppError } from '../../src-main/shared/errors';
import { createI18n } from '../../src-main/shared/i18n';

type Resource = Record<string, unknown>;
// Through Vite's glob rather than a typed JSON import: the locale files are data, not sources.
const files = import.meta.glob<Resource>('../locales/*.json', { eager: true, import: 'default' });
const en = files['../locales/en.json'] ?? {};
const ar = files['../locales/ar.json'] ?? {};

const instance = createI18n({ en, ar });

const DIR: Record<UiLanguage, 'ltr' | 'rtl'> = { en: 'ltr', ar: 'rtl' };

class I18n {
  locale = $state<UiLanguage>('en');
  readonly dir = $derived(DIR[this.locale]);

  set(lang: UiLanguage): void {
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
  return instance.t(key, options ?? {}) as string;
}

/** The translated message of an error from the main process. */
export function errorMessage(error: AppError): string {
  return t(`errors.${error.code}`, { ...(error.params ?? {}) });
}

// A plain cache of formatters, never rendered: no reactivity wanted.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatNumber(n: number): string {
  const locale = i18n.locale;
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    numberFormats.set(locale, f);
  }
  return f.format(n);
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
