#!/usr/bin/env node
// Builds the command-line tool ahead of time (`npm run build`, and `prepare` on npm install/ci):
// src-main/cli.ts → out/cli/qalam.mjs, one ES module for Node with the format code split into
// chunks that load on first use, and src-main/cli-translate.ts → out/cli/translate.cjs (below).
// bin/qalam.cjs runs them when present, else the sources through tsx.
// Packages stay in node_modules (docx, mammoth, jszip and nspell are large and loaded only by the
// commands that need them), except commander, which every call loads, and better-sqlite3's
// JavaScript, which every store command loads (BUNDLED below): bundled, they skip Node's CommonJS
// resolution (about 5 ms of a 60 ms start for commander).
import { rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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

/**
 * out/cli/translate.cjs bundles src-main/cli-translate.ts alone: `qalam translate` in its common case
 * (a plain text and a plain TMX, no store) loads this one module, where the whole CLI loads its entry
 * and ~20 chunks, each resolved, read and linked by Node's ES module loader (~30 ms of a 0.3 s run).
 * It is CommonJS, required by bin/qalam.cjs, so such a call never starts the ES module loader
 * (import.meta.url is the file's URL, made from __filename).
 * Only the dynamic imports that path makes are bundled; any other (the store, the other formats)
 * becomes a module that throws when loaded, which cli-translate.ts takes as "not mine" and the
 * whole CLI runs the command instead. The build fails if the bundle grows to hold the store.
 */
const FAST_DYNAMIC_IMPORTS = /[\\/]src-main[\\/](services[\\/]translate|formats[\\/](txt-bytes|tmx|detect))\.ts$/;
const fastOnly = {
  name: 'qalam-translate-only',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.pluginData === 'qalam-inner') return undefined;
      const r = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'qalam-inner',
      });
      if (r.errors.length > 0 || FAST_DYNAMIC_IMPORTS.test(r.path)) return r;
      return { path: r.path, namespace: 'qalam-elsewhere' };
    });
    b.onLoad({ filter: /.*/, namespace: 'qalam-elsewhere' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`qalam: ${relative(root, args.path)} is not in translate.cjs`)});`,
      loader: 'js',
    }));
  },
};

const common = {
  absWorkingDir: root,
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  minifySyntax: true,
  // commander is CommonJS and requires Node built-ins; an ES module has no `require` of its own.
  banner: {
    js: "import { createRequire as __qalamRequire } from 'node:module'; const require = __qalamRequire(import.meta.url);",
  },
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

rmSync(outdir, { recursive: true, force: true });
const fast = await build({
  ...common,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  banner: { js: "const __qalamImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { ...common.define, 'import.meta.url': '__qalamImportMetaUrl' },
  entryPoints: { translate: 'src-main/cli-translate.ts' },
  external: [...Object.keys(pkg.dependencies), 'bindings'],
  plugins: [fastOnly],
  metafile: true,
});
const heavy = Object.keys(fast.metafile.inputs).filter(
  (f) =>
    !f.startsWith('qalam-elsewhere:') &&
    /node_modules|src-main\/store\/|src-main\/services\/(context|documents|tm|io)\.ts$/.test(f),
);
if (heavy.length > 0) throw new Error(`translate.cjs would load ${heavy.join(', ')}`);
await build({
  ...common,
  entryPoints: { qalam: 'src-main/cli.ts' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  external: [...Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name)), 'bindings'],
  plugins: [lazyChildProcess],
});
