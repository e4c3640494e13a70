// Qalam's version, for the About screen and `qalam --version`.
import { readFileSync } from 'node:fs';

declare const __APP_VERSION__: string | undefined;

/**
 * Put in by the builds (electron.vite.config.ts and scripts/build-cli.mjs define __APP_VERSION__);
 * run from the sources (tsx, the tests), package.json's, which sits beside src-main/.
 */
export function appVersion(): string {
  if (typeof __APP_VERSION__ === 'string') return __APP_VERSION__;
  fromSources ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return fromSources;
}
let fromSources: string | undefined;
