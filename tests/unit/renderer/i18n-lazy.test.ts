// The Arabic strings load on first use (lib/i18n.svelte.ts): the switch waits for them, so the
// direction and the strings change together, and a key the loaded locale lacks falls back to English.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type * as I18n from '../../../src-renderer/lib/i18n.svelte';

type I18nModule = typeof I18n;

/** A fresh copy of the module, as at start-up: nothing but English loaded. */
async function fresh(arabic?: Record<string, unknown>): Promise<I18nModule> {
  vi.resetModules();
  if (arabic) vi.doMock('../../../src-renderer/locales/ar.json', () => ({ default: arabic }));
  return import('../../../src-renderer/lib/i18n.svelte');
}

beforeEach(() => {
  document.documentElement.lang = 'en';
  document.documentElement.dir = 'ltr';
});
afterEach(() => vi.doUnmock('../../../src-renderer/locales/ar.json'));

describe('a locale loaded on first use', () => {
  it('switches to Arabic only once its strings are here, then back to English at once', async () => {
    const { i18n, t } = await fresh();
    expect(t('nav.library')).toBe('Library');
    const switching = i18n.set('ar');
    // Not yet loaded: nothing has changed, neither the strings nor the direction.
    expect(i18n.locale).toBe('en');
    expect(document.documentElement.dir).toBe('ltr');
    expect(t('nav.library')).toBe('Library');
    await switching;
    expect(i18n.locale).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(t('nav.library')).toBe('المكتبة');
    // English is always loaded: back without waiting.
    void i18n.set('en');
    expect(i18n.locale).toBe('en');
    expect(document.documentElement.dir).toBe('ltr');
    expect(t('nav.library')).toBe('Library');
    // Loaded once: the second switch to Arabic is immediate too.
    void i18n.set('ar');
    expect(t('nav.library')).toBe('المكتبة');
  });

  it('a key missing in the loaded locale shows in English, not as its key or blank', async () => {
    const { i18n, t } = await fresh({ nav: { library: 'المكتبة' } });
    await i18n.set('ar');
    expect(t('nav.library')).toBe('المكتبة');
    expect(t('nav.settings')).toBe('Settings');
  });

  it('a later choice wins over a slower earlier one', async () => {
    const { i18n } = await fresh();
    const arabic = i18n.set('ar');
    void i18n.set('en');
    await arabic;
    expect(i18n.locale).toBe('en');
    expect(document.documentElement.dir).toBe('ltr');
  });
});
