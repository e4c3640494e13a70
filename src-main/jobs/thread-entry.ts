// Where a worker thread's code is: the app's build (electron.vite.config.ts) emits each worker as an
// entry of its own next to the bundle that starts it (out/main/job-worker.js, out/main/qa-thread.js).
// From source (tsx, vitest) it is TypeScript: a two-line bootstrap registers tsx's loader in the new
// thread first (`--import tsx` in execArgv does not reach it).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ThreadEntry {
  entry: string;
  eval: boolean;
}

/** `metaUrl`: the starting module's import.meta.url; `source`: the worker's .ts beside it; `built`: its emitted name. */
export function threadEntry(metaUrl: string, source: string, built: string): ThreadEntry {
  const here = fileURLToPath(metaUrl);
  if (!here.endsWith('.ts')) return { entry: join(dirname(here), built), eval: false };
  // tsx's ES module API (its CommonJS one cannot register the ESM loader from here).
  const require = createRequire(metaUrl);
  const pkg = require.resolve('tsx/package.json');
  const api = (require(pkg) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!;
  const tsx = pathToFileURL(join(dirname(pkg), api.import.default)).href;
  const worker = pathToFileURL(join(dirname(here), source)).href;
  return {
    entry: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}); });`,
    eval: true,
  };
}
