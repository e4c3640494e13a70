// The one i18next set-up both processes use: the renderer (its locale files), the main process
// (menu and native dialogs) and the CLI (error messages). Resources are in memory and `initAsync`
// is off, so init and changeLanguage are done when they return: a label read right after a
// language change is already in the new language.
import i18next, { type i18n } from 'i18next';
import type { UiLanguage } from './domain';

export type Translations = Record<UiLanguage, object>;

export function createI18n(translations: Translations, lng: UiLanguage = 'en'): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng,
    fallbackLng: 'en',
    supportedLngs: ['en', 'ar'],
    initAsync: false,
    resources: { en: { translation: translations.en }, ar: { translation: translations.ar } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
