// Translation-memory figures: lookups against a 100k-unit memory, analysis of a 10k-paragraph document,
// pre-translation of 100k paragraphs, and the OmegaT pipeline (qalam translate against OmegaT's
// console-translate on the same 20k paragraphs and TMX, both as whole processes).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRuntime, type Runtime } from '../../src-main/runtime';
import { importDocument } from '../../src-main/services/documents';
import { foldPendingSources } from '../../src-main/store/folded';
import { listPairs } from '../../src-main/services/pairs';
import { analyze, lookup, memoryIndex } from '../../src-main/services/tm';
import { pretranslate } from '../../src-main/services/tm-writes';
import { insertUnit } from '../../src-main/store/repos/tm';
import { normalizeForSearch } from '../../src-main/text/arabic';
import { createProject, OMEGAT } from '../unit/main/interop/helpers/omegat';
import { ArabicText } from '../fixtures/arabic-text';
import { EXTRA_CA_CERTS, WITHOUT_CA_LABEL, withoutExtraCaCerts } from './node-start';
import { round } from './store';

export { ArabicText };

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
}

function tempRuntime(): { rt: Runtime; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'qalam-bench-tm-'));
  return { rt: openRuntime({ dataDir: dir, transport: 'cli' }), dir };
}

function fillMemory(rt: Runtime, sources: string[]): number {
  const t0 = performance.now();
  const at = new Date().toISOString();
  rt.db
    .transaction(() => {
      sources.forEach((source, i) => {
        const target = `English translation of unit ${i + 1}.`;
        insertUnit(rt.db, {
          source,
          target,
          source_norm: normalizeForSearch(source),
          target_norm: normalizeForSearch(target),
          source_lang: 'ar',
          target_lang: 'en',
          status: 'imported',
          origin: 'tmx',
          origin_name: 'bench.tmx',
          pair_id: null,
          document_id: null,
          context_hash: null,
          author: 'bench',
          created_at: at,
          changed_at: at,
        });
      });
    })
    .immediate();
  return round(performance.now() - t0);
}

/** A document as the app leaves it once the job after its import has written the folded sources. */
async function importLines(rt: Runtime, name: string, lines: string[]) {
  const doc = await importDocument(rt.ctx, {
    fileName: name,
    bytes: new TextEncoder().encode(lines.join('\n')),
    allowDuplicate: true,
  });
  foldPendingSources(rt.db, doc.id);
  return doc;
}

export interface TmFigures {
  memoryUnits: number;
  fillMs: number;
  indexBuildMs: number;
  indexHeapMb: number;
  lookup: { queries: number; p50: number; p95: number; max: number; exactP95: number; fuzzyP95: number; newP95: number };
  analysis: { paragraphs: number; ms: number; cpuMs: number; bands: Record<string, number> };
  pretranslate: { paragraphs: number; minScore: number; ms: number; cpuMs: number; filled: number };
  pretranslateFuzzy: { paragraphs: number; minScore: number; ms: number; cpuMs: number; filled: number };
  /** The machine's 1-minute load average when the figures were taken: other work shares the cores. */
  load: number;
}

/** CPU time of this process since `from` (user + system): less moved by other work on the machine than wall time. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return round((d.user + d.system) / 1000);
}

const loadAverage = (): number => round(loadavg()[0]!);

export async function benchTm(log: (s: string) => void, units = 100_000): Promise<TmFigures> {
  const gen = new ArabicText();
  const { rt, dir } = tempRuntime();
  try {
    log(`tm: generating a ${units}-unit memory`);
    const sources: string[] = [];
    for (let i = 0; i < units; i++) sources.push(gen.paragraph());
    const fillMs = fillMemory(rt, sources);
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    memoryIndex(rt.db);
    const indexBuildMs = round(performance.now() - t0);
    const indexHeapMb = round((process.memoryUsage().heapUsed - heap0) / 1048576);

    log('tm: lookups');
    const pick = () => sources[Math.floor(gen.rnd() * sources.length)]!;
    const kinds: ('exact' | 'fuzzy' | 'new')[] = [];
    const queries: string[] = [];
    for (let i = 0; i < 300; i++) {
      const kind = i % 3 === 0 ? 'exact' : i % 3 === 1 ? 'fuzzy' : 'new';
      kinds.push(kind);
      queries.push(kind === 'exact' ? pick() : kind === 'fuzzy' ? gen.variant(pick()) : gen.paragraph());
    }
    const qdoc = await importLines(rt, 'queries.txt', queries);
    const pairs = listPairs(rt.ctx, qdoc.id, 0, 1000).items;
    const times: Record<string, number[]> = { exact: [], fuzzy: [], new: [] };
    const all: number[] = [];
    for (const [i, p] of pairs.entries()) {
      const t = performance.now();
      lookup(rt.ctx, { pairId: p.id, minScore: 70, limit: 5 });
      const ms = performance.now() - t;
      all.push(ms);
      times[kinds[i]!]!.push(ms);
    }

    log('tm: analysis of 10k paragraphs');
    const mixed = (n: number) => {
      const out: string[] = [];
      for (let i = 0; i < n; i++) {
        const r = i % 10;
        out.push(
          r < 3
            ? pick()
            : r < 6
              ? gen.variant(pick())
              : r < 7 && out.length > 0
                ? out[Math.floor(gen.rnd() * out.length)]!
                : gen.paragraph(),
        );
      }
      return out;
    };
    const adoc = await importLines(rt, 'analysis.txt', mixed(10_000));
    let t = performance.now();
    let cpu = process.cpuUsage();
    const a = analyze(rt.ctx, adoc.id);
    const analysisMs = round(performance.now() - t);
    const analysisCpuMs = cpuMs(cpu);

    log('tm: pre-translation of 100k paragraphs (100%)');
    const pdoc = await importLines(rt, 'pretranslate.txt', mixed(100_000));
    t = performance.now();
    cpu = process.cpuUsage();
    const pre = pretranslate(rt.ctx, { documentId: pdoc.id, minScore: 100 });
    const preMs = round(performance.now() - t);
    const preCpuMs = cpuMs(cpu);

    log('tm: pre-translation of 10k paragraphs (≥75%)');
    const fdoc = await importLines(rt, 'fuzzy.txt', mixed(10_000));
    t = performance.now();
    cpu = process.cpuUsage();
    const fuzzy = pretranslate(rt.ctx, { documentId: fdoc.id, minScore: 75 });
    const fuzzyMs = round(performance.now() - t);
    const fuzzyCpuMs = cpuMs(cpu);

    return {
      memoryUnits: units,
      fillMs,
      indexBuildMs,
      indexHeapMb,
      lookup: {
        queries: all.length,
        p50: percentile(all, 0.5),
        p95: percentile(all, 0.95),
        max: percentile(all, 1),
        exactP95: percentile(times.exact!, 0.95),
        fuzzyP95: percentile(times.fuzzy!, 0.95),
        newP95: percentile(times.new!, 0.95),
      },
      analysis: {
        paragraphs: a.total.segments,
        ms: analysisMs,
        cpuMs: analysisCpuMs,
        bands: Object.fromEntries(Object.entries(a.bands).map(([k, v]) => [k, v.segments])),
      },
      pretranslate: { paragraphs: 100_000, minScore: 100, ms: preMs, cpuMs: preCpuMs, filled: pre.filled },
      pretranslateFuzzy: { paragraphs: 10_000, minScore: 75, ms: fuzzyMs, cpuMs: fuzzyCpuMs, filled: fuzzy.filled },
      load: loadAverage(),
    };
  } finally {
    rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ——— The OmegaT pipeline ———

export interface ProcessFigures {
  seconds: number;
  peakMb: number;
  exit: number | null;
}

export interface PipelineFigures {
  paragraphs: number;
  /** Whole processes of each, interleaved; the figures are medians. */
  runs: number;
  qalam: ProcessFigures;
  omegat: ProcessFigures | null;
  /** `node -e 0` and `qalam --help` (Node and the CLI bundle started), the floor under Qalam's time. */
  floor: { node: ProcessFigures; cli: ProcessFigures };
  /**
   * When this machine sets NODE_EXTRA_CA_CERTS (node-start.ts): `qalam translate` and `node -e 0`
   * again without it, in the same runs, and OmegaT's time over that Qalam time.
   */
  withoutExtraCa?: { qalam: ProcessFigures; node: ProcessFigures; speedup: number | null; sameTarget: boolean };
  /**
   * Another build of the CLI run the same way in the same runs (QALAM_BENCH_BASELINE=path to its
   * bin/qalam.cjs, e.g. a checkout of the previous commit), to compare builds under the same load.
   */
  baseline?: ProcessFigures & { bin: string; sameTarget: boolean };
  /** OmegaT's time / Qalam's time. */
  speedup: number | null;
  sameTarget: boolean | null;
  firstDifference?: string;
  skipped?: string;
  load: number;
}

/** Runs a command under /usr/bin/time -v: wall time and peak resident memory of the whole process. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): ProcessFigures & { output: string } {
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  const out = `${r.stdout}${r.stderr}`;
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(out);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(out);
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  return { seconds: round(seconds, 2), peakMb: rss ? round(Number(rss[1]) / 1024) : NaN, exit: r.status, output: out };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** Medians of whole-process runs (time and peak memory each), and the last run's output and exit code. */
function medianOf(runs: (ProcessFigures & { output: string })[]): ProcessFigures & { output: string } {
  const last = runs[runs.length - 1]!;
  return {
    seconds: median(runs.map((r) => r.seconds)),
    peakMb: median(runs.map((r) => r.peakMb)),
    exit: runs.find((r) => r.exit !== 0)?.exit ?? last.exit,
    output: last.output,
  };
}

/**
 * How the two match, for the bench's output: like for like, both apply exact matches only. OmegaT's
 * console-translate inserts the units of tm/auto whose source is the segment's own text
 * (ImportFromAutoTMX: a hash of source texts; fuzzy matches are computed only for the editor's
 * match pane, never in console mode); `qalam translate` at its default --min 100 takes units whose
 * folded source is the paragraph's (diacritics, hamza forms and digits folded), the same hash lookup.
 */
export const PIPELINE_MATCHING =
  'both exact matches only (OmegaT: tm/auto units with the same source text; Qalam: --min 100, folded source)';

export function benchOmegatPipeline(log: (s: string) => void, paragraphs = 20_000, runs = 5): PipelineFigures {
  const gen = new ArabicText(11);
  const dir = mkdtempSync(join(tmpdir(), 'qalam-bench-pipeline-'));
  try {
    const seen = new Set<string>();
    const sources: string[] = [];
    while (sources.length < paragraphs) {
      const p = gen.paragraph();
      if (!seen.has(normalizeForSearch(p))) {
        seen.add(normalizeForSearch(p));
        sources.push(p);
      }
    }
    const english = sources.map((_, i) => `English paragraph ${i + 1}, as translated before.`);
    const sourceFile = join(dir, 'source.txt');
    writeFileSync(sourceFile, `${sources.join('\n')}\n`);
    const tmxFile = join(dir, 'memory.tmx');
    writeFileSync(
      tmxFile,
      `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header creationtool="bench" creationtoolversion="1" segtype="paragraph" o-tmf="bench" adminlang="en" srclang="ar" datatype="plaintext"/>\n  <body>\n${sources
        .map(
          (s, i) =>
            `    <tu><tuv xml:lang="ar"><seg>${xml(s)}</seg></tuv><tuv xml:lang="en"><seg>${xml(english[i]!)}</seg></tuv></tu>\n`,
        )
        .join('')}  </body>\n</tmx>\n`,
    );

    const qalamOut = join(dir, 'qalam-target.txt');
    const bin = builtCli();
    const qalamRun = () =>
      timed(process.execPath, [
        bin,
        'translate',
        sourceFile,
        '--tm',
        tmxFile,
        '--out',
        qalamOut,
        '--tmx-out',
        join(dir, 'qalam-project.tmx'),
      ]);
    const baselineBin = process.env.QALAM_BENCH_BASELINE ? resolve(process.env.QALAM_BENCH_BASELINE) : undefined;
    const baselineOut = join(dir, 'baseline-target.txt');
    const baselineRuns: ReturnType<typeof timed>[] = [];
    const baselineRun = () =>
      timed(process.execPath, [
        baselineBin!,
        'translate',
        sourceFile,
        '--tm',
        tmxFile,
        '--out',
        baselineOut,
        '--tmx-out',
        join(dir, 'baseline-project.tmx'),
      ]);
    const floorRuns = { node: [] as ReturnType<typeof timed>[], cli: [] as ReturnType<typeof timed>[] };
    // The same command as a desktop starts node (node-start.ts), when this machine sets the variable.
    const bareEnv = EXTRA_CA_CERTS === undefined ? undefined : withoutExtraCaCerts();
    const bareOut = join(dir, 'qalam-target-bare.txt');
    const bareRuns = { qalam: [] as ReturnType<typeof timed>[], node: [] as ReturnType<typeof timed>[] };
    const qalamRuns: ReturnType<typeof timed>[] = [];
    const omegatRuns: ReturnType<typeof timed>[] = [];
    const haveOmegat = existsSync(OMEGAT.jar) && existsSync(OMEGAT.java);
    // A fresh project each run: a run saves its translations into the project, which the next would load.
    let project = '';
    const newProject = () => {
      if (project) rmSync(project, { recursive: true, force: true });
      project = createProject('bench', { sourceLang: 'ar', targetLang: 'en' });
      copyFileSync(sourceFile, join(project, 'source/source.txt'));
      copyFileSync(tmxFile, join(project, 'tm/auto/memory.tmx'));
      return project;
    };
    const home = mkdtempSync(join(tmpdir(), 'qalam-bench-omegat-home-'));
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, LC_ALL: 'C.UTF-8' };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const omegatRun = () =>
      timed(
        OMEGAT.java,
        [
          '-Djava.awt.headless=true',
          `-Duser.home=${home}`,
          '-jar',
          OMEGAT.jar,
          newProject(),
          '--mode=console-translate',
          `--config-dir=${join(home, 'config')}`,
          '--disable-project-locking',
          '--no-team',
        ],
        env,
      );
    // Interleaved, so load that comes and goes weighs on both alike.
    for (let i = 0; i < runs; i++) {
      log(
        `pipeline: run ${i + 1} of ${runs}: node -e 0, qalam --help, qalam translate (${paragraphs} paragraphs)${haveOmegat ? ', omegat --mode=console-translate' : ''}`,
      );
      floorRuns.node.push(timed(process.execPath, ['-e', '0']));
      floorRuns.cli.push(timed(process.execPath, [bin, '--help']));
      const q = qalamRun();
      if (q.exit !== 0) throw new Error(`qalam translate failed:\n${q.output.slice(-2000)}`);
      qalamRuns.push(q);
      if (bareEnv) {
        bareRuns.node.push(timed(process.execPath, ['-e', '0'], bareEnv));
        const b = timed(
          process.execPath,
          [bin, 'translate', sourceFile, '--tm', tmxFile, '--out', bareOut, '--tmx-out', join(dir, 'qalam-project-bare.tmx')],
          bareEnv,
        );
        if (b.exit !== 0) throw new Error(`qalam translate failed:\n${b.output.slice(-2000)}`);
        bareRuns.qalam.push(b);
      }
      if (baselineBin) baselineRuns.push(baselineRun());
      if (haveOmegat) omegatRuns.push(omegatRun());
    }
    const strip = ({ output: _o, ...figures }: ProcessFigures & { output: string }): ProcessFigures => figures;
    const qalamFigures = strip(medianOf(qalamRuns));
    const floor = { node: strip(medianOf(floorRuns.node)), cli: strip(medianOf(floorRuns.cli)) };
    const bareQalam = bareEnv ? strip(medianOf(bareRuns.qalam)) : undefined;
    const withoutExtraCa = (omegatSeconds: number | null) =>
      bareQalam
        ? {
            withoutExtraCa: {
              qalam: bareQalam,
              node: strip(medianOf(bareRuns.node)),
              speedup: omegatSeconds === null ? null : round(omegatSeconds / bareQalam.seconds),
              sameTarget: readFileSync(bareOut).equals(readFileSync(qalamOut)),
            },
          }
        : {};
    const baseline = baselineBin
      ? {
          ...strip(medianOf(baselineRuns)),
          bin: baselineBin,
          sameTarget: existsSync(baselineOut) && readFileSync(baselineOut).equals(readFileSync(qalamOut)),
        }
      : undefined;

    if (!haveOmegat) {
      rmSync(home, { recursive: true, force: true });
      return {
        paragraphs,
        runs,
        qalam: qalamFigures,
        omegat: null,
        floor,
        ...withoutExtraCa(null),
        ...(baseline ? { baseline } : {}),
        speedup: null,
        sameTarget: null,
        skipped: 'OmegaT is not installed',
        load: loadAverage(),
      };
    }
    const { output: omegatLog, ...omegatFigures } = medianOf(omegatRuns);
    const omegatTarget = join(project, 'target/source.txt');
    let sameTarget = false;
    let firstDifference: string | undefined;
    if (existsSync(omegatTarget)) {
      const a = readFileSync(qalamOut, 'utf8').split('\n');
      const b = readFileSync(omegatTarget, 'utf8').split('\n');
      const i = a.findIndex((line, k) => line !== b[k]);
      sameTarget = i < 0 && a.length === b.length;
      if (!sameTarget)
        firstDifference = `line ${i + 1}: qalam ${JSON.stringify(a[i] ?? null)} / omegat ${JSON.stringify(b[i] ?? null)}`;
    } else firstDifference = `OmegaT wrote no target: ${omegatLog.slice(-1500)}`;
    rmSync(project, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
    return {
      paragraphs,
      runs,
      qalam: qalamFigures,
      omegat: omegatFigures,
      floor,
      ...withoutExtraCa(omegatFigures.seconds),
      ...(baseline ? { baseline } : {}),
      speedup: round(omegatFigures.seconds / qalamFigures.seconds),
      sameTarget,
      ...(firstDifference ? { firstDifference } : {}),
      load: loadAverage(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(ROOT, 'out', `cli-bench-pipeline-${process.pid}`), { recursive: true, force: true });
  }
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * bin/qalam.cjs over a CLI built from the current sources (not whatever out/cli holds, which may
 * predate them): the package's layout (bin/ beside out/cli/) under out/, so the bundles find
 * node_modules, in a folder of this run's own that the finally above removes.
 */
function builtCli(): string {
  const pkg = join(ROOT, 'out', `cli-bench-pipeline-${process.pid}`);
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), join(pkg, 'out', 'cli')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not build the CLI');
  mkdirSync(join(pkg, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin', 'qalam.cjs'), join(pkg, 'bin', 'qalam.cjs'));
  return join(pkg, 'bin', 'qalam.cjs');
}

/** Issue 12's goals for the pipeline: OmegaT's time over Qalam's, and Qalam's peak memory. */
export const PIPELINE_GOAL = { speedup: 20, peakMb: 120 };

/** The table lines `npm run bench` prints for these scenarios. */
export function tmLines(tm: TmFigures, p: PipelineFigures): string[] {
  const goal = (ok: boolean) => (ok ? 'met' : 'NOT met');
  return [
    `Translation memory, ${tm.memoryUnits} units (index built in ${tm.indexBuildMs} ms, +${tm.indexHeapMb} MB heap; load ${tm.load})`,
    `  lookup (5 best ≥70%): p50 ${tm.lookup.p50} ms, p95 ${tm.lookup.p95} ms (exact ${tm.lookup.exactP95}, fuzzy ${tm.lookup.fuzzyP95}, unseen ${tm.lookup.newP95}) over ${tm.lookup.queries} lookups`,
    `  analysis of ${tm.analysis.paragraphs} paragraphs: ${tm.analysis.ms} ms (${tm.analysis.cpuMs} ms CPU)`,
    `  pre-translation of ${tm.pretranslate.paragraphs} paragraphs at ${tm.pretranslate.minScore}%: ${tm.pretranslate.ms} ms (${tm.pretranslate.cpuMs} ms CPU, ${tm.pretranslate.filled} filled); ${tm.pretranslateFuzzy.paragraphs} at ≥${tm.pretranslateFuzzy.minScore}%: ${tm.pretranslateFuzzy.ms} ms (${tm.pretranslateFuzzy.cpuMs} ms CPU)`,
    '',
    `OmegaT pipeline, ${p.paragraphs} paragraphs + a ${p.paragraphs}-unit TMX (whole processes, /usr/bin/time -v, medians of ${p.runs} interleaved; load ${p.load})`,
    `  matching: ${PIPELINE_MATCHING}`,
    `  qalam translate: ${p.qalam.seconds} s, peak ${p.qalam.peakMb} MB (goal < ${PIPELINE_GOAL.peakMb} MB: ${goal(p.qalam.peakMb < PIPELINE_GOAL.peakMb)}); floor: node -e 0 ${p.floor.node.seconds} s / ${p.floor.node.peakMb} MB, qalam --help ${p.floor.cli.seconds} s / ${p.floor.cli.peakMb} MB`,
    ...(p.baseline
      ? [
          `  baseline build (${p.baseline.bin}), same runs: ${p.baseline.seconds} s, peak ${p.baseline.peakMb} MB; same target text: ${p.baseline.sameTarget ? 'yes' : 'NO'}`,
        ]
      : []),
    p.omegat
      ? `  omegat --mode=console-translate: ${p.omegat.seconds} s, peak ${p.omegat.peakMb} MB; OmegaT/Qalam time ${p.speedup}× (goal ≥ ${PIPELINE_GOAL.speedup}×: ${goal((p.speedup ?? 0) >= PIPELINE_GOAL.speedup)}); same target text: ${p.sameTarget ? 'yes' : `NO (${p.firstDifference})`}`
      : `  OmegaT: not measured (${p.skipped}); goal ≥ ${PIPELINE_GOAL.speedup}× OmegaT's time`,
    ...(p.withoutExtraCa
      ? [
          `  ${WITHOUT_CA_LABEL}, same runs: qalam translate ${p.withoutExtraCa.qalam.seconds} s, peak ${p.withoutExtraCa.qalam.peakMb} MB; node -e 0 ${p.withoutExtraCa.node.seconds} s` +
            (p.withoutExtraCa.speedup === null
              ? ''
              : `; OmegaT/Qalam time ${p.withoutExtraCa.speedup}× (goal ≥ ${PIPELINE_GOAL.speedup}×: ${goal(p.withoutExtraCa.speedup >= PIPELINE_GOAL.speedup)})`) +
            `; same target text: ${p.withoutExtraCa.sameTarget ? 'yes' : 'NO'}`,
        ]
      : []),
  ];
}

/** `tsx tests/bench/tm.ts [lookup|pipeline] [size] [runs]`: one scenario alone (the pipeline: `tsx tests/bench/tm.ts pipeline`). */
if (process.argv[1]?.endsWith('tm.ts')) {
  const log = (s: string) => process.stderr.write(`  … ${s}\n`);
  const which = process.argv[2] ?? 'all';
  void (async () => {
    const out: Record<string, unknown> = {};
    if (which === 'all' || which === 'lookup') out.tm = await benchTm(log, Number(process.argv[3] ?? 100_000));
    if (which === 'all' || which === 'pipeline')
      out.pipeline = benchOmegatPipeline(log, Number(process.argv[3] ?? 20_000), Number(process.argv[4] ?? 5));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  })();
}
