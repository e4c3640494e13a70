// The main process's own i18next instance. It is separate from the renderer's so that the menu and
// native dialogs can be translated before (and without) any page being loaded.
import i18next, { type i18n } from 'i18next';
import type { UiLanguage } from '../shared/domain';
import { ar } from './ar';
import { en } from './en';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface MainI18n {
  readonly language: UiLanguage;
  setLanguage(lng: UiLanguage): void;
  t: Translate;
}

export function createMainI18n(lng: UiLanguage = 'en'): MainI18n {
  const instance: i18n = i18next.createInstance();
  // initAsync false + in-memory resources: init and changeLanguage complete before they return,
  // so a menu rebuilt right after setLanguage already has the new labels.
  void instance.init({
    lng,
    fallbackLng: 'en',
    supportedLngs: ['en', 'ar'],
    initAsync: false,
    resources: { en: { translation: en }, ar: { translation: ar } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
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
