// The application menu. Labels come from the main process's i18next instance; items the renderer
// acts on become `menu:command` events, so the page decides what "Import…" means on every screen.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { MainI18n, Translate } from '../i18n';
import type { EventBus } from '../services/events';
import type { MenuCommand, RecentDocument } from '../shared/contract';
import type { Settings } from '../shared/domain';
import type { Dispatch } from '../transport/dispatch';

export interface MenuTemplateOptions {
  t: Translate;
  recent: readonly RecentDocument[];
  /** Reload and developer tools exist only under `electron-vite dev`. */
  dev: boolean;
  platform: NodeJS.Platform;
  send: (command: MenuCommand, documentId?: number) => void;
}

export function buildMenuTemplate(o: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const { t, send } = o;
  const mac = o.platform === 'darwin';
  // The page's own keymap already handles Ctrl+F and F1 (it must, for the browser preview): on
  // Windows and Linux the menu only shows those keys, so one key press is not two commands.
  // macOS always routes key equivalents through the menu, and the page never sees them.
  const pageOwnsKey = (cmd: MenuCommand) => cmd === 'find' || cmd === 'help';
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    id: cmd,
    label: t(label),
    ...(accelerator ? { accelerator, ...(pageOwnsKey(cmd) ? { registerAccelerator: false } : {}) } : {}),
    click: () => send(cmd),
  });
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const recentItems: MenuItemConstructorOptions[] = o.recent.length
    ? o.recent.map((doc) => ({ id: `open-recent:${doc.id}`, label: doc.name, click: () => send('open-recent', doc.id) }))
    : [{ id: 'open-recent:none', label: t('menu.noRecent'), enabled: false }];

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: app.name,
          submenu: [
            { role: 'about', label: t('menu.about') },
            sep,
            command('menu.settings', 'settings', 'Cmd+,'),
            sep,
            { role: 'services', label: t('menu.services') },
            sep,
            { role: 'hide', label: t('menu.hide') },
            { role: 'hideOthers', label: t('menu.hideOthers') },
            { role: 'unhide', label: t('menu.showAll') },
            sep,
            { role: 'quit', label: t('menu.quit') },
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    id: 'file-menu',
    label: t('menu.file'),
    submenu: [
      command('menu.import', 'import', 'CmdOrCtrl+O'),
      command('menu.export', 'export', 'CmdOrCtrl+Shift+E'),
      { id: 'open-recent', label: t('menu.openRecent'), submenu: recentItems },
      ...(mac
        ? []
        : [sep, command('menu.settings', 'settings', 'Ctrl+,'), sep, { role: 'quit' as const, label: t('menu.quit') }]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    id: 'edit-menu',
    label: t('menu.edit'),
    submenu: [
      { role: 'undo', label: t('menu.undo') },
      { role: 'redo', label: t('menu.redo') },
      sep,
      { role: 'cut', label: t('menu.cut') },
      { role: 'copy', label: t('menu.copy') },
      { role: 'paste', label: t('menu.paste') },
      { role: 'selectAll', label: t('menu.selectAll') },
      sep,
      command('menu.find', 'find', 'CmdOrCtrl+F'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    id: 'view-menu',
    label: t('menu.view'),
    submenu: [
      command('menu.library', 'library', 'CmdOrCtrl+Shift+L'),
      sep,
      ...(o.dev
        ? [
            { role: 'reload' as const, label: t('menu.reload') },
            { role: 'toggleDevTools' as const, label: t('menu.toggleDevTools') },
            sep,
          ]
        : []),
      { role: 'resetZoom', label: t('menu.resetZoom') },
      { role: 'zoomIn', label: t('menu.zoomIn') },
      { role: 'zoomOut', label: t('menu.zoomOut') },
      sep,
      { role: 'togglefullscreen', label: t('menu.fullscreen') },
    ],
  };

  const windowMenu: MenuItemConstructorOptions[] = mac ? [{ role: 'windowMenu', label: t('menu.window') }] : [];

  const help: MenuItemConstructorOptions = {
    id: 'help-menu',
    role: 'help',
    label: t('menu.help'),
    submenu: [command('menu.shortcuts', 'help', 'F1'), ...(mac ? [] : [sep, { role: 'about' as const, label: t('menu.about') }])],
  };

  return [...appMenu, file, edit, view, ...windowMenu, help];
}

export interface AppMenuOptions {
  i18n: MainI18n;
  dispatch: Dispatch;
  events: EventBus;
  dev: boolean;
  platform?: NodeJS.Platform;
}

export interface AppMenu {
  /** Re-reads the UI language and the recent documents, then replaces the application menu. */
  refresh(): Promise<void>;
}

export function createAppMenu(o: AppMenuOptions): AppMenu {
  const send = (command: MenuCommand, documentId?: number) =>
    o.events.emit('menu:command', documentId === undefined ? { command } : { command, documentId });
  return {
    async refresh() {
      const [settings, recent] = await Promise.all([o.dispatch('settings:get', {}), o.dispatch('documents:recent', {})]);
      if (settings.ok) o.i18n.setLanguage((settings.value as Settings).uiLanguage);
      const template = buildMenuTemplate({
        t: o.i18n.t,
        recent: recent.ok ? (recent.value as RecentDocument[]) : [],
        dev: o.dev,
        platform: o.platform ?? process.platform,
        send,
      });
      Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    },
  };
}
