#!/usr/bin/env node
// `npm run dist:dry-run`: what `npm run dist` does, on a machine that cannot download Electron.
// electron-builder packs the built app (out/, run `npm run build` first) for Linux into
// dist/dry-run/ with a stand-in Electron: a small file that carries Electron's fuse wire (the
// sentinel and the eight fuses as Electron 45 ships them), so that electron-builder's
// @electron/fuses step really flips it. The better-sqlite3 it ships is the Node build standing in
// for the Electron one (never run). Then it checks what came out: the fuses as configured, the asar
// holding only the app and the modules it loads, the native binding beside it. Nothing here is an
// installer; it shows that the configuration does what it says.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { build, Platform } = require('electron-builder');
const asar = require('@electron/asar');

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's fuse order and its defaults: RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect,
// EmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar, LoadBrowserProcessSpecificV8Snapshot,
// GrantFileProtocolExtraPrivileges.
const ELECTRON_DEFAULT_WIRE = '10110001';
const EXPECTED_WIRE = '01001100';

if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
  console.error('dist:dry-run: no built app in out/; run `npm run build` first.');
  process.exit(1);
}
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const work = mkdtempSync(join(tmpdir(), 'qalam-dry-run-'));
const fakeElectron = join(work, 'electron-dist');
mkdirSync(fakeElectron);
writeFileSync(
  join(fakeElectron, 'electron'),
  Buffer.concat([
    Buffer.from('stand-in for the Electron binary\n'),
    Buffer.from(SENTINEL),
    Buffer.from([1, 8]),
    Buffer.from(ELECTRON_DEFAULT_WIRE),
  ]),
  { mode: 0o755 },
);
writeFileSync(join(fakeElectron, 'version'), electronVersion);
writeFileSync(join(fakeElectron, 'LICENSE'), 'stand-in');
// The beforePack hook finds a matching build and does not try the network.
const native = join(root, '.electron-native', 'better-sqlite3', electronVersion);
const nativeExisted = existsSync(join(native, 'better_sqlite3.node'));
if (!nativeExisted) {
  mkdirSync(native, { recursive: true });
  writeFileSync(
    join(native, 'better_sqlite3.node'),
    readFileSync(require.resolve('better-sqlite3/build/Release/better_sqlite3.node')),
  );
  const sqlite = JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')).version;
  writeFileSync(
    join(native, 'build-info.json'),
    JSON.stringify({ betterSqlite3: sqlite, electron: electronVersion, platform: process.platform, arch: process.arch }),
  );
}

const output = join(root, 'dist', 'dry-run');
const problems = [];
try {
  rmSync(output, { recursive: true, force: true });
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir'),
    config: { electronDist: fakeElectron, directories: { output } },
    publish: 'never',
  });
  const app = join(output, 'linux-unpacked');
  const binary = readFileSync(join(app, 'qalam'));
  const at = binary.indexOf(SENTINEL) + SENTINEL.length;
  const wire = binary.subarray(at + 2, at + 2 + binary[at + 1]).toString('latin1');
  if (wire !== EXPECTED_WIRE) problems.push(`fuse wire ${wire}, expected ${EXPECTED_WIRE}`);
  console.log(`fuses: ${ELECTRON_DEFAULT_WIRE} → ${wire}`);

  const archive = join(app, 'resources', 'app.asar');
  const files = asar.listPackage(archive).map((f) => f.replaceAll('\\', '/'));
  const top = [...new Set(files.map((f) => f.split('/')[1]))].sort();
  if (top.join(' ') !== 'node_modules out package.json resources') problems.push(`asar top level: ${top.join(' ')}`);
  for (const banned of [
    /^\/src-/,
    /^\/tests\//,
    /^\/node_modules\/(tsx|esbuild|commander|prebuild-install)\//,
    /better-sqlite3\/(build|src|deps)\//,
    /\.map$/,
  ]) {
    const hit = files.find((f) => banned.test(f));
    if (hit) problems.push(`asar holds ${hit}`);
  }
  if (!existsSync(join(app, 'resources', 'native', 'better_sqlite3.node')))
    problems.push('no resources/native/better_sqlite3.node');
  const modules = new Set(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]));
  console.log(`asar: ${(readFileSync(archive).length / 1e6).toFixed(1)} MB, ${files.length} entries, ${modules.size} packages`);
} finally {
  rmSync(work, { recursive: true, force: true });
  // The stand-in must never be mistaken for the Electron build by a later `npm run dist`.
  if (!nativeExisted) {
    rmSync(native, { recursive: true, force: true });
    rmSync(join(root, '.electron-native', 'package'), { recursive: true, force: true });
  }
}
if (problems.length) {
  console.error(`dist:dry-run: ${problems.join('; ')}`);
  process.exit(1);
}
console.log(`dist:dry-run: ok (${output})`);
