import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow as ElectronWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, dialog, resetFakeElectron, shell } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { createElectronHost, isExternalUrl, openExternalSafely, EXTERNAL_SCHEMES, MAX_IMPORT_BYTES } =
  await import('../../../../src-main/electron/host');
const { createMainI18n } = await import('../../../../src-main/i18n');
const { QalamError } = await import('../../../../src-main/shared/errors');

let dir: string;
beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'qalam-host-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function host(lng: 'en' | 'ar' = 'en', window: BrowserWindow | null = new BrowserWindow()) {
  return createElectronHost({ getWindow: () => window as unknown as ElectronWindow | null, t: createMainI18n(lng).t });
}

describe('external links', () => {
  it.each([
    ['https://example.com/help', true],
    ['http://example.com', true],
    ['mailto:editor@example.com', true],
    ['file:///etc/passwd', false],
    // With a host, file: would pass the "no host" rule: only the scheme list keeps these out.
    ['file://fileserver/share/payload.exe', false],
    ['file://localhost/etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://server/share', false],
    ['app://qalam/index.html', false],
    ['vbscript:msgbox', false],
    ['https://user:pw@example.com/', false],
    ['not a url', false],
  ])('%s allowed: %s', (url, allowed) => {
    expect(isExternalUrl(url)).toBe(allowed);
  });

  it('leaves the app for web and mail links only', () => {
    expect([...EXTERNAL_SCHEMES].sort()).toEqual(['http:', 'https:', 'mailto:']);
  });

  it('opens only allowed schemes and reports what happened', async () => {
    expect(await openExternalSafely('https://example.com/')).toBe(true);
    expect(await openExternalSafely('file:///etc/passwd')).toBe(false);
    expect(await openExternalSafely('file://fileserver/share/payload.exe')).toBe(false);
    expect(shell.openExternal.mock.calls).toEqual([['https://example.com/']]);
    shell.openExternal.mockRejectedValueOnce(new Error('no handler'));
    expect(await openExternalSafely('mailto:a@example.com')).toBe(false);
  });

  it('is the Host.openExternal', async () => {
    expect(await host().openExternal('javascript:alert(1)')).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('pickImportFile', () => {
  it('opens a native dialog filtered to the supported formats, modal to the window', async () => {
    const window = new BrowserWindow();
    await host('en', window).pickImportFile();
    const [parent, options] = dialog.showOpenDialog.mock.calls[0] as [
      unknown,
      { filters: { name: string; extensions: string[] }[]; properties: string[]; title: string },
    ];
    expect(parent).toBe(window);
    expect(options.filters).toEqual([
      {
        name: 'Documents (TXT, DOCX, XLIFF, TMX, CSV, HTML)',
        extensions: ['txt', 'docx', 'xlf', 'xliff', 'tmx', 'csv', 'html', 'htm'],
      },
    ]);
    expect(options.properties).toEqual(['openFile']);
    expect(options.title).toBe('Import a document');
  });

  it('speaks Arabic when the UI does', async () => {
    await host('ar').pickImportFile();
    const options = dialog.showOpenDialog.mock.calls[0]![1] as { title: string };
    expect(options.title).toBe('استيراد مستند');
  });

  it('returns null when cancelled', async () => {
    expect(await host().pickImportFile()).toBeNull();
  });

  it('reads the chosen file', async () => {
    const file = join(dir, 'مقال.txt');
    writeFileSync(file, 'نص عربي');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    const picked = await host().pickImportFile();
    expect(picked?.fileName).toBe('مقال.txt');
    expect(Buffer.from(picked!.bytes).toString('utf8')).toBe('نص عربي');
  });

  it('refuses a file over 256 MB before reading it', async () => {
    const file = join(dir, 'huge.txt');
    writeFileSync(file, '');
    truncateSync(file, MAX_IMPORT_BYTES + 1); // sparse: costs no disk space
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    const err = await host()
      .pickImportFile()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QalamError);
    expect((err as InstanceType<typeof QalamError>).code).toBe('import_too_large');
  });

  it('works without a window (dialog not modal)', async () => {
    await host('en', null).pickImportFile();
    expect(dialog.showOpenDialog.mock.calls[0]).toHaveLength(1);
  });
});

describe('saveFile', () => {
  it('asks for a path, confirms overwrites natively and writes atomically', async () => {
    const target = join(dir, 'article.en.docx');
    writeFileSync(target, 'old contents');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const saved = await host().saveFile('article.en.docx', new TextEncoder().encode('new contents'));
    expect(saved).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('new contents');
    // No temporary file left behind.
    expect(readdirSync(dir)).toEqual(['article.en.docx']);
    const options = dialog.showSaveDialog.mock.calls[0]![1] as { defaultPath: string; filters: unknown; properties: string[] };
    expect(options.defaultPath.endsWith('article.en.docx')).toBe(true);
    expect(options.filters).toEqual([{ name: 'DOCX files', extensions: ['docx'] }]);
    expect(options.properties).toContain('showOverwriteConfirmation');
  });

  it('writes nothing and returns null when cancelled', async () => {
    expect(await host().saveFile('x.txt', new Uint8Array([1]))).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('starts the next dialog in the folder last used', async () => {
    const target = join(dir, 'a.txt');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const h = host();
    await h.saveFile('a.txt', new Uint8Array([1]));
    await h.saveFile('b.csv', new Uint8Array([1]));
    const second = dialog.showSaveDialog.mock.calls[1]![1] as { defaultPath: string };
    expect(second.defaultPath).toBe(join(dir, 'b.csv'));
  });
});
