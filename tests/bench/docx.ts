// Issue 12's bilingual review row, as a user meets it: whole `qalam export` processes (the CLI built
// from the current sources, under /usr/bin/time -v), 10k and 100k pairs, wall seconds and peak RSS,
// beside the goals and beside the target-only DOCX of the same pairs (the floor the issue names).
// `qalam list` on the same store shows what any command pays before it works (start-up, opening the
// store: its integrity check is skipped while the file is as Qalam closed it, store/connection.ts).
// The run with the JS heap capped at 64 MB shows the writer's memory does not grow with the pairs
// (uncapped, V8 lets garbage build up to its own limit before a full collection). The export
// snapshot is rows filled by one INSERT … SELECT (migration 0016), the target-only DOCX is streamed
// like the review, the review's rows come with their open comments (no map of them), and the QA
// column checks each pair as it is written; the last table puts each run's peak RSS at 10k and 100k
// pairs side by side. The QA column's consistency figures hold only the pairs that share a folded
// source or a target key with another (services/qa-figures.ts): in a real document few, but this
// bench's generated sources repeat (about 470 distinct in 100k, each translated ~200 ways), so here
// nearly every pair is held and --qa-column still grows with the pairs.
// Alone: npx tsx tests/bench/docx.ts [pairs…]   (runs: QALAM_BENCH_DOCX_RUNS, default 3 at 10k, 1 above)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRuntime } from '../../src-main/runtime';
import { storeImported } from '../../src-main/services/documents';
import { median, timeOnce } from './import';
import { generateParagraphs, round } from './store';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

const MODES = {
  list: { label: 'qalam list (start-up, store opened)', args: ['list'] },
  bilingual: { label: 'bilingual review (export --format docx-bilingual)', args: ['export', '--format', 'docx-bilingual'] },
  capped: { label: 'the same, JS heap capped at 64 MB', args: ['export', '--format', 'docx-bilingual'] },
  qa: { label: 'the same with --qa-column', args: ['export', '--format', 'docx-bilingual', '--qa-column'] },
  target: { label: 'target-only DOCX (the floor)', args: ['export', '--format', 'docx'] },
} as const;
type Mode = keyof typeof MODES;

/** Goals of issue 12, item 5: seconds of the whole process. */
const GOAL_SECONDS: Record<number, number> = { 10_000: 0.6, 100_000: 6 };

export interface DocxRun {
  pairs: number;
  mode: Mode;
  label: string;
  seconds: number;
  peakRssMb: number;
  fileKb: number;
  runs: number;
}
export interface DocxBench {
  runs: DocxRun[];
  goals: Record<number, number>;
  /** The machine's 1-minute load average when the runs began: wall times grow with it. */
  load: number;
}

function buildStore(n: number): { dir: string; documentId: number } {
  const dir = mkdtempSync(join(tmpdir(), 'qalam-bench-docx-'));
  const rt = openRuntime({ dataDir: dir, transport: 'cli' });
  const sources = generateParagraphs(n, 7);
  const documentId = storeImported(
    rt.ctx,
    {
      format: 'xliff20',
      sourceLang: 'ar',
      targetLang: 'en',
      warnings: [],
      paragraphs: sources.map((source, i) => ({
        source,
        target: `The spokeswoman for the Russian Foreign Ministry said in paragraph ${i} that peacekeepers ended the bloodshed in 2022.`,
        status: i % 7 === 0 ? ('rejected' as const) : ('approved' as const),
      })),
    },
    { fileName: 'bench-docx.xlf', hash: '3'.repeat(64) },
    () => {},
  );
  rt.close();
  return { dir, documentId };
}

/** The CLI built from the current sources (not whatever out/cli holds), beside out/ so it finds node_modules. */
function buildCli(): { cli: string; cleanup: () => void } {
  const dir = join(ROOT, 'out', `bench-docx-cli-${process.pid}`);
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), dir], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not build the CLI');
  return { cli: join(dir, 'qalam.mjs'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function benchDocx(log: (s: string) => void, sizes = [10_000, 100_000]): DocxBench {
  const runs: DocxRun[] = [];
  const load = round(loadavg()[0]!, 2);
  const { cli, cleanup } = buildCli();
  try {
    for (const n of sizes) {
      log(`docx: building a store of ${n} pairs`);
      const { dir, documentId } = buildStore(n);
      const times = Number(process.env.QALAM_BENCH_DOCX_RUNS ?? (n <= 10_000 ? 3 : 1));
      try {
        for (const mode of Object.keys(MODES) as Mode[]) {
          const out = join(dir, `${mode}.docx`);
          const measured = [];
          for (let i = 0; i < times; i++) {
            rmSync(out, { force: true });
            const node = mode === 'capped' ? ['--max-old-space-size=64'] : [];
            const args = [...MODES[mode].args, '--db', join(dir, 'qalam.db')];
            if (mode !== 'list') args.splice(1, 0, String(documentId), '--out', out);
            measured.push(timeOnce(process.execPath, [...node, cli, ...args]));
          }
          const run: DocxRun = {
            pairs: n,
            mode,
            label: MODES[mode].label,
            seconds: round(median(measured.map((m) => m.seconds)), 2),
            peakRssMb: round(median(measured.map((m) => m.peakMb))),
            fileKb: mode === 'list' ? 0 : round(statSync(out).size / 1024),
            runs: times,
          };
          runs.push(run);
          log(`docx ${n} ${mode}: ${run.seconds} s, peak RSS ${run.peakRssMb} MB`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    cleanup();
  }
  return { runs, goals: GOAL_SECONDS, load };
}

/** Each run's peak RSS and seconds at the smallest and the largest size, and their ratio (1 is bounded). */
function sideBySide(b: DocxBench): string[] {
  const sizes = [...new Set(b.runs.map((r) => r.pairs))].sort((x, y) => x - y);
  if (sizes.length < 2) return [];
  const [lo, hi] = [sizes[0]!, sizes[sizes.length - 1]!];
  const rows = (Object.keys(MODES) as Mode[]).flatMap((mode) => {
    const a = b.runs.find((r) => r.mode === mode && r.pairs === lo);
    const z = b.runs.find((r) => r.mode === mode && r.pairs === hi);
    if (!a || !z) return [];
    return [
      `  ${MODES[mode].label.padEnd(50)} ${String(a.peakRssMb).padStart(7)} ${String(z.peakRssMb).padStart(8)}   ${(z.peakRssMb / a.peakRssMb).toFixed(2).padStart(5)}×   ${a.seconds.toFixed(2).padStart(6)} ${z.seconds.toFixed(2).padStart(7)}`,
    ];
  });
  return [
    `Peak RSS as the pairs grow (${lo} → ${hi}): bounded memory keeps the ratio near 1`,
    `  run                                                 MB@${lo / 1000}k  MB@${hi / 1000}k   ratio     s@${lo / 1000}k  s@${hi / 1000}k`,
    ...rows,
  ];
}

export function docxLines(b: DocxBench): string[] {
  const goal = (r: DocxRun) => {
    if (r.mode !== 'bilingual' && r.mode !== 'capped') return '';
    const g = b.goals[r.pairs];
    return g === undefined ? '' : `≤ ${g}${r.pairs >= 100_000 ? ', bounded' : ''}`;
  };
  return [
    `Bilingual review DOCX: whole processes of the built CLI (/usr/bin/time -v), medians; load average ${b.load} on ${cpus().length} cores`,
    '  pairs   run                                                 s   goal s          peak RSS MB     KiB',
    ...b.runs.map(
      (r) =>
        `  ${String(r.pairs).padStart(6)}  ${r.label.padEnd(50)} ${r.seconds.toFixed(2).padStart(6)}   ${goal(r).padEnd(14)} ${String(r.peakRssMb).padStart(11)}   ${String(r.fileKb).padStart(5)}`,
    ),
    ...sideBySide(b),
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sizes = process.argv.slice(2).map(Number);
  const b = benchDocx((s) => process.stderr.write(`  … ${s}\n`), sizes.length ? sizes : undefined);
  process.stdout.write(`${docxLines(b).join('\n')}\n`);
}
