import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Qalam';
export const DB_FILE = 'qalam.db';

/**
 * Where Electron's `app.getPath('userData')` puts the app's data, computed without Electron so the
 * CLI and the web preview open the same store as the desktop app. QALAM_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.QALAM_DATA_DIR) return env.QALAM_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}
