// The user's settings, applied to the document: language and direction, theme, text size.
import type { AppInfo } from '../../src-main/shared/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../src-main/shared/domain';
import type { AppError } from '../../src-main/shared/errors';
import { api } from '../lib/api';
import { i18n } from '../lib/i18n.svelte';
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
      if (this.value.theme === 'system') this.apply();
    });
  }

  async load(): Promise<void> {
    const [s, info] = await Promise.all([api.invoke('settings:get', {}), api.invoke('app:get-info', {})]);
    if (info.ok) this.info = info.value;
    if (!s.ok) {
      this.loadError = s.error;
      return;
    }
    this.value = s.value;
    this.apply();
    this.loaded = true;
  }

  /** Saves a change; the main process answers with the whole new settings object. */
  async update(patch: SettingsPatch): Promise<AppError | null> {
    const r = await api.invoke('settings:update', patch);
    if (!r.ok) return r.error;
    this.value = r.value;
    this.apply();
    notices.succeeded();
    return null;
  }

  apply(): void {
    const s = this.value;
    i18n.set(s.uiLanguage);
    const root = document.documentElement;
    // One set of colours per theme in the CSS: "system" is resolved here, not duplicated there.
    root.dataset.theme = s.theme === 'system' ? (prefersDark?.matches ? 'dark' : 'light') : s.theme;
    // Everything is sized in rem: one number scales the whole interface.
    root.style.fontSize = `${s.textScale}%`;
  }
}

export const settings = new SettingsState();
