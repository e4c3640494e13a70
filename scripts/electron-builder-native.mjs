// electron-builder's beforePack hook: puts the Electron build of better-sqlite3 for the target
// platform and architecture where electron-builder.yml's extraResources picks it up
// (.electron-native/package/<os>-<arch>/better_sqlite3.node → resources/native/ in the app).
// The build itself is scripts/electron-native.mjs, the one `npm start` uses.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqlite, NativeBuildError } from './electron-native.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** electron-builder's Arch enum, by value. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];
/** electron-builder's configuration keys (the ${os} macro) and the Node platform names. */
const NODE_PLATFORM = { linux: 'linux', mac: 'darwin', win: 'win32' };

/**
 * @param {{ arch: number, packager: { platform: { buildConfigurationKey: string }, info: { framework: { version: string } } } }} context
 */
export default async function beforePack(context) {
  const os = context.packager.platform.buildConfigurationKey;
  const arch = ARCH_NAMES[context.arch];
  const platform = NODE_PLATFORM[os];
  if (!platform || !arch || arch === 'universal') throw new Error(`Qalam cannot package better-sqlite3 for ${os}-${arch}`);
  const crossPlatform = platform !== process.platform;
  let built;
  try {
    built = ensureElectronSqlite({
      root,
      electronVersion: context.packager.info.framework.version,
      platform,
      arch,
      // prebuild-install can fetch another platform's binary; node-gyp compiles for this machine only.
      ...(crossPlatform ? { run: prebuiltOnly(platform) } : {}),
    });
  } catch (e) {
    // electron-builder prints only the message: put each tool's one-line reason in it.
    if (e instanceof NativeBuildError) throw new Error(`${e.message}\n  ${e.attempts.join('\n  ')}`);
    throw e;
  }
  const dir = join(root, '.electron-native', 'package', `${os}-${arch}`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(built, join(dir, 'better_sqlite3.node'));
}

/** Runs prebuild-install as usual; answers for node-gyp with the reason it cannot help. */
function prebuiltOnly(platform) {
  /** @type {NonNullable<import('./electron-native.d.mts').EnsureOptions['run']>} */
  const run = (cmd, args, opts) =>
    args.some((a) => /node-gyp(\.js)?$/.test(a))
      ? { status: 1, stderr: `node-gyp cannot compile for ${platform} on ${process.platform}; package on a ${platform} machine` }
      : spawnSync(cmd, args, { ...opts, encoding: 'utf8' });
  return run;
}
