// What the desktop shell adds to the services: native open/save dialogs and the system browser.
import { stat, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { app, dialog, shell, type BrowserWindow, type FileFilter } from 'electron';
import { writeFileAtomic } from '../fs-atomic';
import type { Translate } from '../i18n';
import type { Host } from '../services/context';
import { QalamError } from '../shared/errors';

/** Only these leave the app for the system's handler; file:, javascript:, custom schemes never do. */
export const EXTERNAL_SCHEMES: readonly string[] = ['http:', 'https:', 'mailto:'];
export const IMPORT_EXTENSIONS = ['txt', 'docx', 'xlf', 'xliff', 'tmx', 'csv', 'html', 'htm'] as const;
/** The same ceiling as the plain-text reader: refusing before reading keeps a huge file out of memory. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

export function isExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!EXTERNAL_SCHEMES.includes(parsed.protocol)) return false;
  // A web link without a host ("https:foo") or with credentials is not something a user clicked on purpose.
  if (parsed.protocol !== 'mailto:' && (!parsed.hostname || parsed.username || parsed.password)) return false;
  return true;
}

/** Hands an allowed link to the OS; anything else is refused and reported as not opened. */
export async function openExternalSafely(url: string): Promise<boolean> {
  if (!isExternalUrl(url)) return false;
  try {
    await shell.openExternal(url);
    return true;
  } catch {
    return false;
  }
}

export interface ElectronHostOptions {
  /** Dialogs are modal to the app window when there is one. */
  getWindow: () => BrowserWindow | null;
  t: Translate;
}

export function createElectronHost(opts: ElectronHostOptions): Required<Host> {
  // The folder of the last file picked or saved: the next dialog starts there.
  let lastDir: string | undefined;
  const startDir = () => lastDir ?? safePath('documents');

  return {
    async pickImportFile() {
      const options = {
        title: opts.t('dialog.importTitle'),
        buttonLabel: opts.t('dialog.importButton'),
        properties: ['openFile' as const],
        filters: [{ name: opts.t('dialog.supportedFiles'), extensions: [...IMPORT_EXTENSIONS] }],
        ...(startDir() ? { defaultPath: startDir() } : {}),
      };
      const win = opts.getWindow();
      const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const path = picked.filePaths[0];
      if (picked.canceled || !path) return null;
      const info = await stat(path);
      if (!info.isFile()) throw new QalamError('import_unsupported', { file: basename(path) });
      if (info.size > MAX_IMPORT_BYTES) throw new QalamError('import_too_large', { limitMb: MAX_IMPORT_BYTES / 1048576 });
      const bytes = new Uint8Array(await readFile(path));
      lastDir = dirname(path);
      return { fileName: basename(path), bytes };
    },

    async saveFile(suggestedName, bytes) {
      const ext = extname(suggestedName).slice(1).toLowerCase();
      const filters: FileFilter[] = ext
        ? [{ name: opts.t('dialog.exportFiles', { ext: ext.toUpperCase() }), extensions: [ext] }]
        : [];
      const dir = startDir();
      const options = {
        title: opts.t('dialog.exportTitle'),
        buttonLabel: opts.t('dialog.exportButton'),
        defaultPath: dir ? join(dir, suggestedName) : suggestedName,
        filters,
        // macOS and Windows always ask before replacing a file; GTK only when told to.
        properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const],
      };
      const win = opts.getWindow();
      const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (chosen.canceled || !chosen.filePath) return null;
      // The user already confirmed the replacement in the native dialog.
      writeFileAtomic(chosen.filePath, bytes, { overwrite: true });
      lastDir = dirname(chosen.filePath);
      return chosen.filePath;
    },

    openExternal: openExternalSafely,
  };
}

function safePath(name: 'documents'): string | undefined {
  try {
    return app.getPath(name);
  } catch {
    // Some Linux sessions have no XDG documents folder; the dialog then opens at its own default.
    return undefined;
  }
}
