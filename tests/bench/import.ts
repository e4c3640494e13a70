// Issue 12's rows, as a user meets them: whole processes under /usr/bin/time -v, medians of RUNS.
//   start-up — `qalam list` on an empty store beside `node -e 0`;
//   import   — `qalam import` of 100k paragraphs beside the bare floor (document_id, position,
//              source) and the fuller floor (the rows the import used to write), tests/bench/import-floor.ts;
//              then the job the app runs in its worker after an import (folding the sources the
//              import left pending, and the search index: services/documents.ts indexForSearch),
//              timed on the store each run left, so that no work is hidden by moving it;
//   stall    — the longest the main event loop waits while the app imports those 100k paragraphs
//              (the job worker, through the real dispatch), by perf_hooks.monitorEventLoopDelay,
//              beside an idle loop over as long (what the machine's load alone costs).
// Alone: `npx tsx tests/bench/import.ts [startup|import|stall]`. Uses the built CLI (out/cli),
// building it first when it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { build } from 'esbuild';
import { openRuntime } from '../../src-main/runtime';
import { openContext } from '../../src-main/services/context';
import { indexForSearch } from '../../src-main/services/documents';
import { EXTRA_CA_CERTS, WITHOUT_CA_LABEL, withoutExtraCaCerts } from './node-start';
import { generateParagraphs, round } from './store';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const BIN = join(ROOT, 'bin/qalam.cjs');
const RUNS = Number(process.env.QALAM_BENCH_RUNS ?? 5);

export interface Measured {
  seconds: number;
  /** User + system CPU seconds: moved less than wall time by other work on a shared machine. */
  cpuSeconds: number;
  peakMb: number;
}

/** One process under GNU time: wall seconds and maximum resident set size. */
export function timeOnce(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Measured {
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr.slice(-1500)}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr)!;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)!;
  const cpu = (what: string) => Number(new RegExp(`${what} time \\(seconds\\): ([\\d.]+)`).exec(r.stderr)![1]);
  return {
    seconds: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]),
    cpuSeconds: cpu('User') + cpu('System'),
    peakMb: Number(rss[1]) / 1024,
  };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Medians of RUNS runs; `fresh` prepares each run (a new empty folder) and returns its arguments. */
function timed(cmd: string, fresh: () => { args: string[]; cleanup?: () => void }): Measured {
  return timedIn([process.env], cmd, fresh)[0]!;
}

/** timed in each environment, the environments interleaved run by run: medians for each. */
function timedIn(envs: NodeJS.ProcessEnv[], cmd: string, fresh: () => { args: string[]; cleanup?: () => void }): Measured[] {
  const runs: Measured[][] = envs.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    envs.forEach((env, k) => {
      const { args, cleanup } = fresh();
      try {
        runs[k]!.push(timeOnce(cmd, args, env));
      } finally {
        cleanup?.();
      }
    });
  }
  return runs.map((r) => ({
    seconds: round(median(r.map((x) => x.seconds)), 3),
    cpuSeconds: round(median(r.map((x) => x.cpuSeconds)), 2),
    peakMb: round(median(r.map((x) => x.peakMb))),
  }));
}

function ensureBuiltCli(log: (s: string) => void): void {
  if (existsSync(join(ROOT, 'out/cli/qalam.mjs'))) return;
  log('building the CLI (scripts/build-cli.mjs)');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not build the CLI');
}

function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'qalam-bench-import-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface StartupFigures {
  /** The call that finds no store and creates it (schema, WAL): once per machine. */
  qalamList: Measured;
  /** Every later call: the store exists and holds no document. */
  qalamListExisting: Measured;
  nodeBare: Measured;
  /** When this machine sets NODE_EXTRA_CA_CERTS (node-start.ts): the same two, in the same runs, without it. */
  withoutExtraCa?: { qalamListExisting: Measured; nodeBare: Measured };
  goalSeconds: number;
}

export function benchStartup(log: (s: string) => void): StartupFigures {
  ensureBuiltCli(log);
  log('start-up: qalam list on an empty store, beside node -e 0');
  const envs = EXTRA_CA_CERTS === undefined ? [process.env] : [process.env, withoutExtraCaCerts()];
  const [nodeBare, nodeBareWithout] = timedIn(envs, process.execPath, () => ({ args: ['-e', '0'] }));
  const qalamList = timed(process.execPath, () => {
    const { dir, cleanup } = tempDir();
    return { args: [BIN, 'list', '--db', join(dir, 'q.db')], cleanup };
  });
  const [qalamListExisting, qalamListExistingWithout] = timedIn(envs, process.execPath, () => {
    const { dir, cleanup } = tempDir();
    const db = join(dir, 'q.db');
    timeOnce(process.execPath, [BIN, 'list', '--db', db]);
    return { args: [BIN, 'list', '--db', db], cleanup };
  });
  return {
    qalamList,
    qalamListExisting: qalamListExisting!,
    nodeBare: nodeBare!,
    ...(nodeBareWithout && qalamListExistingWithout
      ? { withoutExtraCa: { qalamListExisting: qalamListExistingWithout, nodeBare: nodeBareWithout } }
      : {}),
    goalSeconds: 0.12,
  };
}

export interface ImportFigures {
  paragraphs: number;
  fileMb: number;
  qalam: Measured;
  floorBare: Measured;
  floorFull: Measured;
  /** The job after the import (folding + search index), in this process, median seconds and CPU seconds. */
  deferredSeconds: number;
  deferredCpuSeconds: number;
  /** qalam / bare floor, time. */
  ratio: number;
  /** qalam / bare floor, CPU time. */
  cpuRatio: number;
  goal: string;
}

export async function benchImport(log: (s: string) => void, paragraphs = 100_000): Promise<ImportFigures> {
  ensureBuiltCli(log);
  const work = tempDir();
  try {
    const file = join(work.dir, 'paragraphs.txt');
    writeFileSync(file, generateParagraphs(paragraphs).join('\n'));
    // Built beside the CLI's build, so that it resolves better-sqlite3 from the repository as the CLI does.
    const floor = join(ROOT, 'out', `bench-import-floor-${process.pid}.mjs`);
    await build({
      entryPoints: [join(ROOT, 'tests/bench/import-floor.ts')],
      outfile: floor,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      external: ['better-sqlite3'],
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    try {
      const db = () => {
        const { dir, cleanup } = tempDir();
        return { path: join(dir, 'q.db'), cleanup };
      };
      log(`import: ${paragraphs} paragraphs, bare floor`);
      const floorBare = timed(process.execPath, () => {
        const d = db();
        return { args: [floor, 'bare', file, d.path], cleanup: d.cleanup };
      });
      log('import: fuller floor');
      const floorFull = timed(process.execPath, () => {
        const d = db();
        return { args: [floor, 'full', file, d.path], cleanup: d.cleanup };
      });
      log('import: qalam import, then the job that follows it in the app');
      const deferred: { seconds: number; cpuSeconds: number }[] = [];
      const qalam = timed(process.execPath, () => {
        const d = db();
        const cleanup = () => {
          try {
            deferred.push(deferredJob(d.path, paragraphs));
          } finally {
            d.cleanup();
          }
        };
        return { args: [BIN, 'import', file, '--db', d.path], cleanup };
      });
      return {
        paragraphs,
        fileMb: round(readFileSync(file).length / 1048576),
        qalam,
        floorBare,
        floorFull,
        deferredSeconds: round(median(deferred.map((d) => d.seconds)), 2),
        deferredCpuSeconds: round(median(deferred.map((d) => d.cpuSeconds)), 2),
        ratio: round(qalam.seconds / floorBare.seconds, 2),
        cpuRatio: round(qalam.cpuSeconds / floorBare.cpuSeconds, 2),
        goal: '≤ 2× the bare floor, ≤ 160 MB',
      };
    } finally {
      rmSync(floor, { force: true });
    }
  } finally {
    work.cleanup();
  }
}

/** The app's job after an import (the worker runs the same function), on the store `qalam import` left. */
function deferredJob(dbPath: string, paragraphs: number): { seconds: number; cpuSeconds: number } {
  const opened = openContext({ dataDir: dirname(dbPath), dbPath, transport: 'http', ownDataDir: false });
  try {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = indexForSearch(opened.ctx);
    const c = process.cpuUsage(c0);
    const seconds = (performance.now() - t0) / 1000;
    if (r.indexed.length !== 1 || r.folded !== paragraphs) throw new Error(`unexpected job: ${JSON.stringify(r)}`);
    return { seconds, cpuSeconds: (c.user + c.system) / 1e6 };
  } finally {
    opened.close();
  }
}

export interface StallFigures {
  paragraphs: number;
  importSeconds: number;
  /** Longest main-loop delay while the job worker imported (ms). */
  maxMs: number;
  p99Ms: number;
  /** The longest delay of an idle loop over the same time: what the machine's load alone costs (ms). */
  idleMaxMs: number;
  goalMs: number;
}

async function stallOnce(jobs: 'worker', dataBase64: string): Promise<{ maxMs: number; p99Ms: number; seconds: number }> {
  const { dir, cleanup } = tempDir();
  const rt = openRuntime({ dataDir: dir, transport: 'http', jobs });
  try {
    // The worker starts on the first job: start it with a small one so the figure is the import's.
    await rt.dispatch('documents:import', { fileName: 'warm.txt', dataBase64: Buffer.from('تسخين').toString('base64') });
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const t0 = performance.now();
    const r = await rt.dispatch('documents:import', { fileName: 'big.txt', dataBase64 });
    const seconds = (performance.now() - t0) / 1000;
    // A stall is recorded when the loop's timer fires after it: let it fire once more.
    await new Promise((r) => setTimeout(r, 20));
    h.disable();
    if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.error)}`);
    return { maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, seconds };
  } finally {
    rt.close();
    cleanup();
  }
}

export async function benchStall(log: (s: string) => void, paragraphs = 100_000): Promise<StallFigures> {
  const dataBase64 = Buffer.from(generateParagraphs(paragraphs).join('\n')).toString('base64');
  log(`stall: ${paragraphs}-paragraph import in the job worker`);
  const worker = await stallOnce('worker', dataBase64);
  log('stall: an idle loop for as long (the machine alone)');
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await new Promise((r) => setTimeout(r, worker.seconds * 1000));
  h.disable();
  return {
    paragraphs,
    importSeconds: round(worker.seconds, 2),
    maxMs: round(worker.maxMs),
    p99Ms: round(worker.p99Ms),
    idleMaxMs: round(h.max / 1e6),
    goalMs: 50,
  };
}

export function importLines(s: StartupFigures | null, i: ImportFigures | null, st: StallFigures | null): string[] {
  const m = (x: Measured) => `${x.seconds} s (CPU ${x.cpuSeconds} s), ${x.peakMb} MB`;
  return [
    ...(s
      ? [
          `Start-up (whole processes, median of ${RUNS}): qalam list on an empty store ${m(s.qalamListExisting)}; the first call, which creates the store, ${m(s.qalamList)}; node -e 0 ${m(s.nodeBare)}; goal ≤ ${s.goalSeconds} s: ${s.qalamListExisting.seconds <= s.goalSeconds ? 'met' : 'NOT met'}`,
          ...(s.withoutExtraCa
            ? [
                `  ${WITHOUT_CA_LABEL}, same runs: qalam list ${m(s.withoutExtraCa.qalamListExisting)}; node -e 0 ${m(s.withoutExtraCa.nodeBare)}; goal: ${s.withoutExtraCa.qalamListExisting.seconds <= s.goalSeconds ? 'met' : 'NOT met'}`,
              ]
            : []),
        ]
      : []),
    ...(i
      ? [
          `qalam import of ${i.paragraphs} paragraphs (${i.fileMb} MB UTF-8; whole processes, median of ${RUNS})`,
          `  qalam import ${m(i.qalam)}; bare floor (document_id, position, source) ${m(i.floorBare)}; fuller floor (pairs + revisions) ${m(i.floorFull)}`,
          `  import / bare floor ${i.ratio}× (CPU ${i.cpuRatio}×); goal ${i.goal}; load average ${loadavg()[0]!.toFixed(1)}`,
          `  then, in the worker: folding + search index ${i.deferredSeconds} s (CPU ${i.deferredCpuSeconds} s; the import leaves both to this job; search scans and readers fold until it ends)`,
        ]
      : []),
    ...(st
      ? [
          `Main event loop during a ${st.paragraphs}-paragraph import in the app (job worker): longest stall ${st.maxMs} ms, p99 ${st.p99Ms} ms (import ${st.importSeconds} s); an idle loop as long (the machine's load alone): ${st.idleMaxMs} ms; goal ≤ ${st.goalMs} ms`,
        ]
      : []),
  ];
}

if (process.argv[1]?.endsWith('import.ts')) {
  const log = (s: string) => process.stderr.write(`  … ${s}\n`);
  const which = process.argv[2] ?? 'all';
  void (async () => {
    const s = which === 'all' || which === 'startup' ? benchStartup(log) : null;
    const i = which === 'all' || which === 'import' ? await benchImport(log) : null;
    const st = which === 'all' || which === 'stall' ? await benchStall(log) : null;
    process.stdout.write(
      `${importLines(s, i, st).join('\n')}\n${JSON.stringify({ startup: s, import: i, stall: st }, null, 2)}\n`,
    );
  })();
}
