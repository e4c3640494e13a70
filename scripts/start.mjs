#!/usr/bin/env node
// `npm start`: make sure the Electron runtime and an Electron build of better-sqlite3 exist, build
// the app, then open it. `npm start -- --dev` runs `electron-vite dev` (hot reload) instead of the
// built app. Every failure ends in one paragraph saying what to do, never a stack trace.
//
// QALAM_ELECTRON_INSTALLER replaces node_modules/electron/install.js (tests use a failing stand-in;
// a site could point it at a script that copies Electron from an internal mirror).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqlite, NativeBuildError } from './electron-native.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);
const dev = args.includes('--dev');
const electronArgs = args.filter((a) => a !== '--dev');

/** Prints one paragraph to stderr and exits non-zero. */
function stop(paragraph, code = 1) {
  process.stderr.write(`\n${paragraph}\n\n`);
  process.exit(code);
}

process.on('uncaughtException', (e) => stop(`Qalam could not start: ${e instanceof Error ? e.message : String(e)}`));

// ——— (a) the Electron runtime ———
let electronDir;
try {
  electronDir = dirname(require.resolve('electron/package.json'));
} catch {
  stop('Qalam needs the "electron" package, which is not installed. Run `npm install` first.');
}
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;

/** The executable Electron's own launcher would use, or null when it has not been downloaded. */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const dist = override || join(electronDir, 'dist');
  if (!override) {
    const versionFile = join(dist, 'version');
    if (!existsSync(versionFile) || readFileSync(versionFile, 'utf8').trim().replace(/^v/, '') !== electronVersion) return null;
  }
  const bin = join(dist, readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

/** The installer's own error, reduced to its message ("fetch failed", "HTTPError: 404…"). */
function installerReason(stderr) {
  const lines = `${stderr ?? ''}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const error = lines.find((l) => /^(\w*Error|RequestError)\b:?/.test(l)) ?? lines.find((l) => !l.startsWith('at '));
  return (error ?? '').slice(0, 200);
}

let electron = electronBinary();
if (!electron) {
  console.log(`Qalam: fetching the Electron ${electronVersion} runtime (first start only)…`);
  const installer = process.env.QALAM_ELECTRON_INSTALLER || join(electronDir, 'install.js');
  // Captured, not inherited: on failure the installer prints a stack the user cannot act on.
  const r = spawnSync(process.execPath, [installer], {
    cwd: electronDir,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  electron = r.status === 0 ? electronBinary() : null;
  if (!electron) {
    const reason = r.error ? r.error.message : installerReason(r.stderr);
    stop(
      `Qalam needs the Electron runtime (Electron ${electronVersion}), which is downloaded on first start; ` +
        `this machine has no network access to fetch it${reason ? ` (the download failed: ${reason})` : ''}. ` +
        'Connect to the internet and run `npm start` again (behind a proxy, set ELECTRON_GET_USE_PROXY=true and HTTPS_PROXY; for a mirror, ELECTRON_MIRROR). ' +
        'In the meantime, `npm run web` runs the same UI in a browser.',
    );
  }
}

// ——— (b) better-sqlite3 for Electron, next to (not instead of) the Node build ———
let nativeBinding;
try {
  nativeBinding = ensureElectronSqlite({ root, electronVersion });
} catch (e) {
  if (!(e instanceof NativeBuildError)) throw e;
  stop(
    `Qalam needs the SQLite module (better-sqlite3) built for Electron ${electronVersion}; no prebuilt binary could be downloaded ` +
      `and compiling it failed (${e.attempts.join('; ')}; full output in ${e.logFile}). Compiling needs Python 3 and a C++ toolchain (build-essential on Debian/Ubuntu, ` +
      'Xcode command line tools on macOS, Visual Studio Build Tools on Windows); install them and run `npm start` again. ' +
      '`npm run web` runs the same UI in a browser without it.',
  );
}

// ——— (c) build and open ———
const env = { ...process.env, QALAM_NATIVE_BINDING: nativeBinding };
// Set by some tools (and by Electron for its own children): it would make Electron a plain Node.
delete env.ELECTRON_RUN_AS_NODE;
const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');

if (dev) {
  const r = spawnSync(process.execPath, [electronVite, 'dev', ...electronArgs], { cwd: root, env, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, env, stdio: 'inherit' });
if (build.status !== 0)
  stop('Qalam could not be built (see the errors above); fix them and run `npm start` again.', build.status ?? 1);

const child = spawn(electron, [root, ...electronArgs], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (e) => stop(`Qalam could not launch Electron (${e.message}).`));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
