// better-sqlite3 built for Electron, kept apart from node_modules/better-sqlite3 (which stays built
// for Node: tests, CLI, web preview). The main process loads it through the `nativeBinding` option.
//
// Layout: .electron-native/better-sqlite3/<electron version>/better_sqlite3.node, with a
// build-info.json stamp saying which better-sqlite3, platform and arch it was made for.
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

export class NativeBuildError extends Error {
  /**
   * @param {string} message
   * @param {string[]} attempts one short line per tool that failed
   * @param {string} logFile the tools' full output
   */
  constructor(message, attempts, logFile) {
    super(message);
    this.name = 'NativeBuildError';
    this.attempts = attempts;
    this.logFile = logFile;
  }
}

/**
 * @typedef {object} EnsureOptions
 * @property {string} root project folder (holds node_modules and .electron-native)
 * @property {string} electronVersion e.g. "45.5.0"
 * @property {string} [arch]
 * @property {string} [platform]
 * @property {(line: string) => void} [log]
 * @property {(cmd: string, args: string[], opts: import('node:child_process').SpawnSyncOptions) => { status: number | null, stderr?: string | Buffer | null, stdout?: string | Buffer | null, error?: Error }} [run]
 */

/** Path of the Electron build, building it first when missing or stale. Throws NativeBuildError. */
export function ensureElectronSqlite(/** @type {EnsureOptions} */ opts) {
  const { root, electronVersion } = opts;
  const arch = opts.arch ?? process.arch;
  const platform = opts.platform ?? process.platform;
  const log = opts.log ?? ((line) => console.log(line));
  const run = opts.run ?? spawnSync;

  const source = join(root, 'node_modules', 'better-sqlite3');
  const sqliteVersion = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;
  const outDir = join(root, '.electron-native', 'better-sqlite3', electronVersion);
  const target = join(outDir, 'better_sqlite3.node');
  const stampFile = join(outDir, 'build-info.json');
  const stamp = { betterSqlite3: sqliteVersion, electron: electronVersion, platform, arch };
  if (existsSync(target) && sameStamp(stampFile, stamp)) return target;

  log(`Qalam: building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (first start only)…`);
  // A copy, so that neither prebuild-install nor node-gyp touches the Node build in node_modules.
  const work = join(root, '.electron-native', 'better-sqlite3', `${electronVersion}.work`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(dirname(work), { recursive: true });
  cpSync(source, work, {
    recursive: true,
    filter: (path) => {
      const rel = relative(source, path);
      return rel !== 'build' && !rel.startsWith(`build${sep}`) && rel !== 'node_modules' && !rel.startsWith(`node_modules${sep}`);
    },
  });
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  const env = childEnv();
  const attempts = [];
  // The tools' full output goes here; the user is shown one line per tool.
  const logFile = join(root, '.electron-native', 'better-sqlite3', `${electronVersion}.log`);
  writeFileSync(
    logFile,
    `better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch}), ${new Date().toISOString()}\n`,
  );

  const prebuild = resolveFrom(root, 'prebuild-install/bin.js');
  if (prebuild) {
    const r = run(
      process.execPath,
      [prebuild, '--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', platform],
      { cwd: work, env, encoding: 'utf8' },
    );
    record(logFile, 'prebuild-install', r);
    if (r.status !== 0 || !existsSync(built)) attempts.push(`prebuild-install: ${reason(r)}`);
  } else {
    attempts.push('prebuild-install: not installed');
  }

  if (!existsSync(built)) {
    const gyp = findNodeGyp(root, env);
    if (gyp) {
      log('Qalam: no prebuilt binary; compiling with node-gyp (needs Python 3 and a C++ compiler)…');
      const r = run(
        process.execPath,
        [gyp, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, `--dist-url=${ELECTRON_HEADERS_URL}`],
        { cwd: work, env: { ...env, npm_config_runtime: 'electron' }, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] },
      );
      record(logFile, 'node-gyp', r);
      if (r.status !== 0 || !existsSync(built)) attempts.push(`node-gyp: ${reason(r)}`);
    } else {
      attempts.push('node-gyp: not found');
    }
  }

  if (!existsSync(built)) {
    rmSync(work, { recursive: true, force: true });
    throw new NativeBuildError(
      `could not build better-sqlite3 for Electron ${electronVersion} (log: ${logFile})`,
      attempts,
      logFile,
    );
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(built, target);
  writeFileSync(stampFile, JSON.stringify(stamp, null, 2) + '\n');
  rmSync(work, { recursive: true, force: true });
  return target;
}

function sameStamp(file, want) {
  try {
    const have = JSON.parse(readFileSync(file, 'utf8'));
    return Object.keys(want).every((k) => have[k] === want[k]);
  } catch {
    return false;
  }
}

/**
 * The parent npm's variables describe Qalam, not better-sqlite3; prebuild-install reads some of
 * them. A `nodedir` from .npmrc would make node-gyp compile against Node's headers instead of
 * Electron's, and label a binary Electron cannot load as the Electron build.
 */
function childEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('npm_package_') || key.toLowerCase() === 'npm_config_nodedir') delete env[key];
  }
  return env;
}

function resolveFrom(root, request) {
  try {
    return createRequire(join(root, 'package.json')).resolve(request);
  } catch {
    return null;
  }
}

/** node-gyp from npm's own copy when not installed in the project (npm ships one). */
function findNodeGyp(root, env) {
  const candidates = [
    env.npm_config_node_gyp,
    resolveFrom(root, 'node-gyp/bin/node-gyp.js'),
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

function record(logFile, tool, r) {
  appendFileSync(
    logFile,
    `\n——— ${tool} (exit ${r.status})\n${r.error ? `${r.error.message}\n` : ''}${r.stdout ?? ''}${r.stderr ?? ''}`,
  );
}

/** The line that says why: node-gyp's first "stack Error:", else the last line of output. */
function reason(r) {
  if (r.error) return r.error.message;
  const text = `${r.stderr ?? ''}`.trim() || `${r.stdout ?? ''}`.trim();
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // node-gyp spreads one message over several "stack" lines, before the stack frames ("at …").
  const stack = lines.map((l) => /^gyp ERR! stack (.*)$/.exec(l)?.[1]).filter((l) => l !== undefined);
  const start = stack.findIndex((l) => l.startsWith('Error:'));
  const end = stack.findIndex((l, i) => i > start && l.startsWith('at '));
  const gyp = start >= 0 ? stack.slice(start, end < 0 ? undefined : end).join(' ') : undefined;
  return (gyp ?? lines.at(-1) ?? `exit code ${r.status}`).slice(0, 240);
}
