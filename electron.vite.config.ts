import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import pkg from './package.json' with { type: 'json' };

const define = { __APP_VERSION__: JSON.stringify(pkg.version) };

/**
 * The boot chunk (src-renderer/boot.ts) as a module script of its own in index.html, before the
 * entry: a module script runs once its own imports are in, so the first paint's requests go out
 * as soon as the page is parsed, not after the whole start-up bundle has been fetched and
 * compiled. The entry still imports it: one module, evaluated once.
 */
function bootScript(): Plugin {
  return {
    name: 'qalam-boot-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const boot = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === 'boot');
        // Before the entry's script: module scripts run in document order.
        return boot
          ? html.replace(/(\s*)<script type="module"/, `$1<script type="module" crossorigin src="./${boot.fileName}"></script>$&`)
          : html;
      },
    },
  };
}

export default defineConfig({
  main: {
    define,
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The job worker is its own entry: jobs/worker-runner.ts starts out/main/job-worker.js; and so
        // is the document QA's second thread, which the job worker starts (jobs/qa-threads.ts).
        input: {
          index: resolve('src-main/electron/index.ts'),
          'job-worker': resolve('src-main/jobs/worker.ts'),
          'qa-thread': resolve('src-main/jobs/qa-thread.ts'),
        },
        // Some services load others with `await import` so that the CLI (scripts/build-cli.mjs, its
        // own bundle) loads a command's code on first use. The app's main process imports them all
        // at start through the handlers, so here those imports cannot move anything: expected, not
        // worth a warning in every build.
        onwarn(warning, warn) {
          if (warning.code === 'INEFFECTIVE_DYNAMIC_IMPORT') return;
          warn(warning);
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot be an ES module and can require nothing but electron.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve('src-main/electron/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    define,
    plugins: [svelte(), bootScript()],
    build: {
      outDir: resolve('out/renderer'),
      // The CSP allows fonts from 'self' only: keep them as files, never data: URIs.
      assetsInlineLimit: 0,
      // electron-vite leaves the renderer unminified; minified, start-up parses a third of the bytes.
      minify: true,
      rollupOptions: {
        input: resolve('src-renderer/index.html'),
        output: {
          // boot.ts and the few modules it needs in a chunk of their own, which the entry imports
          // (and so evaluates) first: the first paint's requests go out before the rest of the app
          // is evaluated (src-renderer/state/early.ts).
          codeSplitting: {
            groups: [
              {
                name: 'boot',
                test: /[\\/]src-renderer[\\/](boot|state[\\/]early|lib[\\/](api|route|warm-up))\.ts$|[\\/]src-main[\\/]shared[\\/](errors|wire)\.ts$/,
              },
            ],
          },
        },
      },
    },
  },
});
