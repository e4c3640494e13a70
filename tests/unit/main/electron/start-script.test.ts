// scripts/start.mjs and scripts/electron-native.mjs, run for real but without a network: the
// Electron installer is replaced by a stand-in that fails like @electron/get does offline, and the
// native build by stand-ins for prebuild-install and node-gyp.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureElectronSqlite, NativeBuildError, type RunResult } from '../../../../scripts/electron-native.mjs';

const ROOT = resolve(__dirname, '../../../..');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qalam-start-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function start(installerSource: string) {
  const installer = join(dir, 'install.cjs');
  writeFileSync(installer, installerSource);
  const emptyDist = join(dir, 'no-electron');
  mkdirSync(emptyDist);
  return spawnSync(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    // The override makes the binary count as missing even where Electron was downloaded before.
    env: { ...process.env, QALAM_ELECTRON_INSTALLER: installer, ELECTRON_OVERRIDE_DIST_PATH: emptyDist },
  });
}

describe('npm start without network', () => {
  it('ends with one paragraph naming the fix and the browser alternative, exit code 1, no stack', () => {
    // What node_modules/electron/install.js does when @electron/get cannot fetch.
    const r = start(
      "Promise.reject(new TypeError('fetch failed')).catch((err) => { console.error(err.stack); process.exit(1); });\n",
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('fetching the Electron');
    const paragraphs = r.stderr.trim().split(/\n\s*\n/);
    expect(paragraphs).toHaveLength(1);
    const message = paragraphs[0]!;
    expect(message).toMatch(
      /^Qalam needs the Electron runtime \(Electron \d+\.\d+\.\d+\), which is downloaded on first start; this machine has no network access to fetch it/,
    );
    expect(message).toContain('(the download failed: TypeError: fetch failed)');
    expect(message).toContain('`npm run web` runs the same UI in a browser');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('also fails clearly when the installer "succeeds" without producing a binary', () => {
    const r = start('process.exit(0);\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Qalam needs the Electron runtime');
    expect(r.stderr).not.toContain('the download failed');
  });
});

describe('better-sqlite3 for Electron', () => {
  /** A project folder with a Node build of better-sqlite3 and a prebuild-install to find. */
  function project(version = '12.6.2'): string {
    const root = join(dir, 'project');
    const pkg = join(root, 'node_modules', 'better-sqlite3');
    mkdirSync(join(pkg, 'build', 'Release'), { recursive: true });
    mkdirSync(join(pkg, 'src'), { recursive: true });
    writeFileSync(join(root, 'package.json'), '{"name":"fake","type":"module"}');
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version }));
    writeFileSync(join(pkg, 'build', 'Release', 'better_sqlite3.node'), 'NODE BUILD');
    writeFileSync(join(pkg, 'src', 'better_sqlite3.cpp'), '// source');
    const prebuild = join(root, 'node_modules', 'prebuild-install');
    mkdirSync(prebuild, { recursive: true });
    writeFileSync(join(prebuild, 'package.json'), '{"name":"prebuild-install","version":"7.1.3"}');
    writeFileSync(join(prebuild, 'bin.js'), '');
    return root;
  }
  const produce = (cwd: string, what: string) => {
    mkdirSync(join(cwd, 'build', 'Release'), { recursive: true });
    writeFileSync(join(cwd, 'build', 'Release', 'better_sqlite3.node'), what);
  };
  // What the tools print when offline (shortened).
  const FAILURE_OUTPUT: Record<string, string> = {
    'prebuild-install': 'prebuild-install warn install getaddrinfo ENOTFOUND github.com\n',
    'node-gyp': [
      'gyp http GET https://electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz',
      'gyp ERR! configure error ',
      'gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and',
      'gyp ERR! stack is related to network connectivity.',
      'gyp ERR! stack at go (/usr/lib/node_modules/npm/node_modules/node-gyp/lib/install.js:244:21)',
      'gyp ERR! not ok ',
    ].join('\n'),
  };
  type Call = { tool: string; args: string[]; cwd: string; sawNodeBuild: boolean; nodedir: string | undefined };
  function runner(behaviour: { prebuild: boolean; gyp: boolean }) {
    const calls: Call[] = [];
    const run = (_cmd: string, args: string[], opts: { cwd?: string | URL; env?: NodeJS.ProcessEnv }): RunResult => {
      const cwd = String(opts.cwd);
      const tool = args[0]!.includes('prebuild-install') ? 'prebuild-install' : 'node-gyp';
      const nodedir = opts.env?.npm_config_nodedir;
      calls.push({ tool, args: args.slice(1), cwd, sawNodeBuild: existsSync(join(cwd, 'build')), nodedir });
      const succeed = tool === 'prebuild-install' ? behaviour.prebuild : behaviour.gyp;
      if (succeed) produce(cwd, `ELECTRON BUILD by ${tool}`);
      return succeed ? { status: 0, stderr: '' } : { status: 1, stderr: FAILURE_OUTPUT[tool]! };
    };
    return { calls, run };
  }
  const quiet = () => undefined;

  it('downloads a prebuilt binary into .electron-native/, leaving node_modules built for Node', () => {
    const root = project();
    const { calls, run } = runner({ prebuild: true, gyp: false });
    const target = ensureElectronSqlite({ root, electronVersion: '45.5.0', arch: 'x64', platform: 'linux', run, log: quiet });
    expect(target).toBe(join(root, '.electron-native', 'better-sqlite3', '45.5.0', 'better_sqlite3.node'));
    expect(readFileSync(target, 'utf8')).toBe('ELECTRON BUILD by prebuild-install');
    expect(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe(
      'NODE BUILD',
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args).toEqual(['--runtime', 'electron', '--target', '45.5.0', '--arch', 'x64', '--platform', 'linux']);
    // It worked on a copy without the Node build, and cleaned the copy up.
    expect(calls[0]!.cwd).not.toContain('node_modules');
    expect(calls[0]!.sawNodeBuild).toBe(false);
    expect(existsSync(calls[0]!.cwd)).toBe(false);
  });

  it('reuses the build while it matches, rebuilds when better-sqlite3 changes', () => {
    const root = project();
    const first = runner({ prebuild: true, gyp: false });
    ensureElectronSqlite({ root, electronVersion: '45.5.0', run: first.run, log: quiet });
    const again = runner({ prebuild: true, gyp: false });
    ensureElectronSqlite({ root, electronVersion: '45.5.0', run: again.run, log: quiet });
    expect(again.calls).toHaveLength(0);

    writeFileSync(
      join(root, 'node_modules', 'better-sqlite3', 'package.json'),
      JSON.stringify({ name: 'better-sqlite3', version: '12.7.0' }),
    );
    const upgraded = runner({ prebuild: true, gyp: false });
    ensureElectronSqlite({ root, electronVersion: '45.5.0', run: upgraded.run, log: quiet });
    expect(upgraded.calls).toHaveLength(1);
  });

  it('falls back to node-gyp against the Electron headers', () => {
    const root = project();
    const gyp = join(dir, 'node-gyp.js');
    writeFileSync(gyp, '');
    const saved = process.env.npm_config_node_gyp;
    process.env.npm_config_node_gyp = gyp;
    // npm passes .npmrc's nodedir on; node-gyp would then build against Node's headers.
    process.env.npm_config_nodedir = '/usr';
    try {
      const { calls, run } = runner({ prebuild: false, gyp: true });
      const target = ensureElectronSqlite({ root, electronVersion: '45.5.0', arch: 'arm64', run, log: quiet });
      expect(calls.map((c) => c.tool)).toEqual(['prebuild-install', 'node-gyp']);
      expect(calls[1]!.args).toEqual([
        'rebuild',
        '--release',
        '--target=45.5.0',
        '--arch=arm64',
        '--dist-url=https://electronjs.org/headers',
      ]);
      expect(calls.map((c) => c.nodedir)).toEqual([undefined, undefined]);
      expect(readFileSync(target, 'utf8')).toBe('ELECTRON BUILD by node-gyp');
    } finally {
      delete process.env.npm_config_nodedir;
      if (saved === undefined) delete process.env.npm_config_node_gyp;
      else process.env.npm_config_node_gyp = saved;
    }
  });

  it('reports each failed attempt in one line when nothing works', () => {
    const root = project();
    const gyp = join(dir, 'node-gyp.js');
    writeFileSync(gyp, '');
    const saved = process.env.npm_config_node_gyp;
    process.env.npm_config_node_gyp = gyp;
    try {
      const { run } = runner({ prebuild: false, gyp: false });
      let caught: unknown;
      try {
        ensureElectronSqlite({ root, electronVersion: '45.5.0', run, log: quiet });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(NativeBuildError);
      expect((caught as NativeBuildError).attempts).toEqual([
        'prebuild-install: prebuild-install warn install getaddrinfo ENOTFOUND github.com',
        'node-gyp: Error: This is most likely not a problem with node-gyp or the package itself and is related to network connectivity.',
      ]);
      // The whole output is kept for whoever has to fix the toolchain.
      const log = readFileSync((caught as NativeBuildError).logFile, 'utf8');
      expect(log).toContain('gyp ERR! stack at go');
      expect(log).toContain('ENOTFOUND github.com');
      expect(existsSync(join(root, '.electron-native', 'better-sqlite3', '45.5.0', 'better_sqlite3.node'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.npm_config_node_gyp;
      else process.env.npm_config_node_gyp = saved;
    }
  });
});
