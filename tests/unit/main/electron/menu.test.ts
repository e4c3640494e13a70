import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Menu, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { buildMenuTemplate, createAppMenu } = await import('../../../../src-main/electron/menu');
const { createMainI18n } = await import('../../../../src-main/i18n');
const { EventBus } = await import('../../../../src-main/services/events');
const { ok } = await import('../../../../src-main/shared/errors');
import type { MenuCommand, RecentDocument } from '../../../../src-main/shared/contract';

beforeEach(() => resetFakeElectron());

type Item = MenuItemConstructorOptions;
const sub = (item: Item | undefined): Item[] => (item?.submenu ?? []) as Item[];
const labels = (items: Item[]) => items.filter((i) => i.type !== 'separator').map((i) => i.label);
const byId = (items: Item[], id: string): Item => {
  for (const i of items) {
    if (i.id === id) return i;
    const found = Array.isArray(i.submenu) ? (i.submenu as Item[]).find((s) => s.id === id) : undefined;
    if (found) return found;
  }
  throw new Error(`no item ${id}`);
};
const click = (item: Item) => (item.click as () => void)();

const recent: RecentDocument[] = [
  { id: 7, name: 'مقال زاخاروفا', openedAt: '2026-01-01T00:00:00.000Z' },
  { id: 3, name: 'Press release', openedAt: '2025-12-31T00:00:00.000Z' },
];

function template(lng: 'en' | 'ar', over: { dev?: boolean; platform?: NodeJS.Platform; recent?: RecentDocument[] } = {}) {
  const sent: { command: MenuCommand; documentId?: number }[] = [];
  const items = buildMenuTemplate({
    t: createMainI18n(lng).t,
    recent: over.recent ?? recent,
    dev: over.dev ?? false,
    platform: over.platform ?? 'linux',
    send: (command, documentId) => sent.push(documentId === undefined ? { command } : { command, documentId }),
  });
  return { items, sent };
}

describe('menu labels', () => {
  it('are English', () => {
    const { items } = template('en');
    expect(labels(items)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(labels(sub(items[0]))).toEqual(['Import…', 'Export…', 'Open Recent', 'Settings…', 'Quit Qalam']);
    expect(labels(sub(items[1]))).toEqual(['Undo', 'Redo', 'Cut', 'Copy', 'Paste', 'Select All', 'Find…']);
    expect(labels(sub(items[2]))).toEqual(['Library', 'Actual Size', 'Zoom In', 'Zoom Out', 'Toggle Full Screen']);
    expect(labels(sub(items[3]))).toEqual(['Keyboard Shortcuts', 'About Qalam']);
  });

  it('are Arabic', () => {
    const { items } = template('ar');
    expect(labels(items)).toEqual(['ملف', 'تحرير', 'عرض', 'مساعدة']);
    expect(labels(sub(items[0]))).toEqual(['استيراد…', 'تصدير…', 'فتح مستند حديث', 'الإعدادات…', 'إنهاء قلم']);
    expect(labels(sub(items[1]))).toEqual(['تراجع', 'إعادة', 'قص', 'نسخ', 'لصق', 'تحديد الكل', 'بحث…']);
    expect(labels(sub(items[3]))).toEqual(['اختصارات لوحة المفاتيح', 'حول قلم']);
  });

  it('has an Arabic label for every English one', () => {
    const walk = (items: Item[]): (string | undefined)[] => items.flatMap((i) => [i.label, ...walk(sub(i))]);
    for (const platform of ['linux', 'darwin'] as const) {
      const en = walk(template('en', { platform, dev: true }).items);
      const ar = walk(template('ar', { platform, dev: true }).items);
      expect(ar).toHaveLength(en.length);
      ar.forEach((label, i) => {
        // Document names and the app's name (the macOS app menu) are not translated.
        if (en[i] !== undefined && en[i] !== 'Qalam' && !recent.some((r) => r.name === en[i]))
          expect(label, `${en[i]}`).not.toBe(en[i]);
      });
    }
  });
});

describe('menu roles and commands', () => {
  it('uses native roles for editing, zoom and full screen', () => {
    const { items } = template('en');
    expect(
      sub(items[1])
        .map((i) => i.role)
        .filter(Boolean),
    ).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(
      sub(items[2])
        .map((i) => i.role)
        .filter(Boolean),
    ).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });

  it('sends menu:command for what the renderer acts on', () => {
    const { items, sent } = template('en');
    for (const id of ['import', 'export', 'settings', 'find', 'library', 'help']) click(byId(items, id));
    expect(sent.map((s) => s.command)).toEqual(['import', 'export', 'settings', 'find', 'library', 'help']);
  });

  it('shows Ctrl+F and F1 without claiming them from the page, which handles them itself', () => {
    const { items } = template('en');
    expect(byId(items, 'find')).toMatchObject({ accelerator: 'CmdOrCtrl+F', registerAccelerator: false });
    expect(byId(items, 'help')).toMatchObject({ accelerator: 'F1', registerAccelerator: false });
    expect(byId(items, 'import')).toMatchObject({ accelerator: 'CmdOrCtrl+O' });
    expect(byId(items, 'import').registerAccelerator).toBeUndefined();
  });

  it('lists recent documents and opens them by id', () => {
    const { items, sent } = template('en');
    const openRecent = byId(items, 'open-recent');
    expect(labels(sub(openRecent))).toEqual(['مقال زاخاروفا', 'Press release']);
    click(sub(openRecent)[1]!);
    expect(sent).toEqual([{ command: 'open-recent', documentId: 3 }]);
  });

  it('shows a disabled placeholder when nothing was opened yet', () => {
    const { items } = template('ar', { recent: [] });
    expect(sub(byId(items, 'open-recent'))).toEqual([
      expect.objectContaining({ label: 'لا توجد مستندات حديثة', enabled: false }),
    ]);
  });

  it('offers reload and developer tools only in development', () => {
    const roles = (dev: boolean) => sub(template('en', { dev }).items[2]).map((i) => i.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('follows macOS conventions there (app menu, Window menu)', () => {
    const { items } = template('en', { platform: 'darwin' });
    expect(labels(items)).toEqual(['Qalam', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(
      sub(items[0])
        .map((i) => i.role)
        .filter(Boolean),
    ).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(labels(sub(items[1]))).toEqual(['Import…', 'Export…', 'Open Recent']);
  });
});

describe('createAppMenu', () => {
  it('installs a menu in the stored UI language, with recent documents, and emits on the EventBus', async () => {
    const i18n = createMainI18n('en');
    const events = new EventBus();
    const seen: unknown[] = [];
    events.on('menu:command', (p) => seen.push(p));
    let language: 'en' | 'ar' = 'ar';
    const dispatch = vi.fn(async (channel: string) => {
      if (channel === 'settings:get') return ok({ uiLanguage: language });
      if (channel === 'documents:recent') return ok(recent);
      throw new Error(`unexpected ${channel}`);
    });
    const menu = createAppMenu({ i18n, dispatch, events, dev: false, platform: 'linux' });
    await menu.refresh();
    let items = Menu.current!.template as Item[];
    expect(items[0]!.label).toBe('ملف');
    click(sub(byId(items, 'open-recent'))[0]!);
    click(byId(items, 'find'));
    expect(seen).toEqual([{ command: 'open-recent', documentId: 7 }, { command: 'find' }]);

    language = 'en';
    await menu.refresh();
    items = Menu.current!.template as Item[];
    expect(items[0]!.label).toBe('File');
    expect(i18n.language).toBe('en');
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(2);
  });
});
