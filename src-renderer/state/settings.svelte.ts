// The user's settings, applied to the document: language and direction, theme, text size.
import type { AppInfo } from '../../src-main/shared/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../src-main/shared/domain';
import type { AppError } from '../../src-main/shared/errors';
import { api } from '../lib/api';
import { takeEarlySettings } from './early';
import { i18n, loadLocale } from '../lib/i18n.svelte';
import { notices } from './notices.svelte';

export type SettingsPatch = Partial<Omit<Settings, 'userName'>> & { userName?: string };

/** The system's preference, for the "system" theme. Absent outside a browser (unit tests). */
const prefersDark = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

class SettingsState {
  value = $state<Settings>({ ...DEFAULT_SETTINGS });
  info = $state<AppInfo | null>(null);
  loaded = $state(false);
  loadError = $state<AppError | null>(null);

  readonly isEditor = $derived(this.value.role === 'editor');

  constructor() {
    prefersDark?.addEventListener('change', () => {
      if (this.value.theme === 'system') void this.apply();
    });
  }

  async load(): Promise<void> {
    // Asked for at start-up by the first module evaluated (state/early.ts), or now.
    const asked = takeEarlySettings();
    const [s, info] = await Promise.all([
      asked?.settings ?? api.invoke('settings:get', {}),
      asked?.info ?? api.invoke('app:get-info', {}),
    ]);
    if (info.ok) this.info = info.value;
    if (!s.ok) {
      this.loadError = s.error;
      return;
    }
    this.value = s.value;
    // The shell shows once its language is here: an Arabic start is never English for a moment.
    await this.apply();
    this.loaded = true;
  }

  /** Saves a change; the main process answers with the whole new settings object. */
  async update(patch: SettingsPatch): Promise<AppError | null> {
    const r = await api.invoke('settings:update', patch);
    if (!r.ok) return r.error;
    // A new language's strings first, so that the choice, the strings and the direction change together.
    await loadLocale(r.value.uiLanguage).catch(() => {});
    this.value = r.value;
    void this.apply();
    notices.succeeded();
    return null;
  }

  /** Resolves when the language has switched (its strings may load first). */
  apply(): Promise<void> {
    const s = this.value;
    const language = i18n.set(s.uiLanguage);
    const root = document.documentElement;
    // One set of colours per theme in the CSS: "system" is resolved here, not duplicated there.
    root.dataset.theme = s.theme === 'system' ? (prefersDark?.matches ? 'dark' : 'light') : s.theme;
    // Everything is sized in rem: one number scales the whole interface.
    root.style.fontSize = `${s.textScale}%`;
    return language;
  }
}

export const settings = new SettingsState();
