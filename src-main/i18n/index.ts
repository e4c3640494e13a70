// The main process's own i18next instance. It is separate from the renderer's so that the menu and
// native dialogs can be translated before (and without) any page being loaded.
import type { UiLanguage } from '../shared/domain';
import { createI18n } from '../shared/i18n';
import { ar } from './ar';
import { en } from './en';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface MainI18n {
  readonly language: UiLanguage;
  setLanguage(lng: UiLanguage): void;
  t: Translate;
}

export function createMainI18n(lng: UiLanguage = 'en'): MainI18n {
  // A menu rebuilt right after setLanguage already has the new labels (see createI18n).
  const instance = createI18n({ en, ar }, lng);
  return {
    get language() {
      return (instance.language === 'ar' ? 'ar' : 'en') as UiLanguage;
    },
    setLanguage(next) {
      if (instance.language !== next) void instance.changeLanguage(next);
    },
    t: (key, params) => instance.t(key, params ?? {}),
  };
}

/** Before the settings can be read (e.g. the database failed to open), follow the OS languages. */
export function languageFromSystem(preferred: readonly string[]): UiLanguage {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (base === 'ar') return 'ar';
    if (base === 'en') return 'en';
  }
  return 'en';
}
