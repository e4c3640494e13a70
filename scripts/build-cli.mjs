#!/usr/bin/env node
// Builds the command-line tool ahead of time (`npm run build`, and `prepare` on npm install/ci):
// src-main/cli.ts → out/cli/qalam.mjs, one ES module for Node with the format code split into
// chunks that load on first use. bin/qalam.mjs runs it when present, else the sources through tsx.
// Packages stay in node_modules (docx, mammoth, jszip and nspell are large and loaded only by the
// commands that need them), except commander, which every call loads, and better-sqlite3's
// JavaScript, which every store command loads (BUNDLED below): bundled, they skip Node's CommonJS
// resolution (about 5 ms of a 60 ms start for commander).
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(process.argv[2] ?? join(root, 'out', 'cli'));
const pkg = (await import(join(root, 'package.json'), { with: { type: 'json' } })).default;

/**
 * commander requires node:child_process when it loads, for executable subcommands (qalam has none):
 * that module brings net, dgram and streams with it, a few milliseconds of every start-up. Bundled,
 * commander gets a stand-in that loads the real module on first use.
 */
const lazyChildProcess = {
  name: 'qalam-lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'qalam-lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'qalam-lazy' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

/**
 * Packages bundled rather than loaded from node_modules. commander: every call loads it. better-sqlite3's
 * JavaScript (its addon stays in node_modules, named by path: see sqliteBinding in src-main/cli.ts):
 * every store command loads it, a dozen CommonJS files Node resolves, reads and wraps one by one,
 * and lexes again for their export names when an ES module imports them (about 6 ms of CPU of
 * `qalam list`). `bindings`, which it asks only when no path is given, stays outside.
 */
const BUNDLED = new Set(['commander', 'better-sqlite3']);

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { qalam: 'src-main/cli.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: [...Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name)), 'bindings'],
  minifySyntax: true,
  // commander is CommonJS and requires Node built-ins; an ES module has no `require` of its own.
  banner: {
    js: "import { createRequire as __qalamRequire } from 'node:module'; const require = __qalamRequire(import.meta.url);",
  },
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  plugins: [lazyChildProcess],
  logLevel: 'warning',
});
