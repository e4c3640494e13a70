// The CLI speaks the same translated error messages as the app (the renderer's locale files).
import type { i18n } from 'i18next';
import { errorContext, type AppError } from './shared/errors';
import { createI18n } from './shared/i18n';
import en from '../src-renderer/locales/en.json' with { type: 'json' };
import ar from '../src-renderer/locales/ar.json' with { type: 'json' };

let instance: i18n | undefined;

function cliLanguage(env: NodeJS.ProcessEnv = process.env): 'en' | 'ar' {
  const lang = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return lang.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

function i18n(): i18n {
  instance ??= createI18n({ en, ar }, cliLanguage());
  return instance;
}

export function errorMessage(err: AppError): string {
  return i18n().t(err.key, { ...err.params, ...errorContext(err), defaultValue: err.code });
}

/** Any message of the locale files, in the CLI's language (QA reports). */
export function message(key: string, params: Record<string, string | number> = {}): string {
  return i18n().t(key, { ...params, defaultValue: key });
}
