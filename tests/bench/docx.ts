// The bilingual review DOCX beside the target DOCX (the docx library's writer), 10k and 100k pairs:
// wall time and peak RSS, each export in its own process so the peak is the export's own. A
// baseline process that opens the store and exports nothing shows what the runtime itself takes.
// Run alone: npx tsx tests/bench/docx.ts [pairs…]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRuntime } from '../../src-main/runtime';
import { storeImported } from '../../src-main/services/documents';
import { exportToFile, renderExport } from '../../src-main/services/io';
import { generateParagraphs, round } from './store';

const MODES = {
  baseline: 'store opened, nothing exported',
  'bilingual-file': 'bilingual review, streamed to the file (CLI)',
  'bilingual-capped': 'the same with the JS heap capped at 64 MB',
  'bilingual-memory': 'bilingual review, in memory (app download)',
  'bilingual-qa': 'bilingual review with the QA column, to the file',
  target: 'target DOCX (docx library), to the file',
} as const;
type Mode = keyof typeof MODES;

export interface DocxBench {
  runs: { pairs: number; mode: Mode; label: string; ms: number; peakRssMb: number; fileKb: number }[];
}

const SELF = fileURLToPath(import.meta.url);

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

export function benchDocx(log: (s: string) => void, sizes = [10_000, 100_000]): DocxBench {
  const runs: DocxBench['runs'] = [];
  for (const n of sizes) {
    const { dir, documentId } = buildStore(n);
    try {
      for (const mode of Object.keys(MODES) as Mode[]) {
        const out = join(dir, `${mode}.docx`);
        // Capping the heap shows the streamed export's memory is bounded (uncapped, V8 lets garbage pile up).
        const cap = mode === 'bilingual-capped' ? ['--max-old-space-size=64'] : [];
        const json = execFileSync(
          process.execPath,
          [...cap, '--import', 'tsx', SELF, 'child', dir, String(documentId), mode, out],
          {
            encoding: 'utf8',
            maxBuffer: 1 << 20,
          },
        );
        const r = JSON.parse(json) as { ms: number; peakRssMb: number };
        const fileKb = mode === 'baseline' ? 0 : round(statSync(out).size / 1024);
        runs.push({ pairs: n, mode, label: MODES[mode], ms: r.ms, peakRssMb: r.peakRssMb, fileKb });
        log(`docx ${n} ${mode}: ${r.ms} ms, peak RSS ${r.peakRssMb} MB`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { runs };
}

export function docxLines(b: DocxBench): string[] {
  return [
    'Bilingual review DOCX (goal: 10k pairs ≤ 0.6 s, 100k ≤ 6 s in bounded memory), each in its own process',
    '  pairs    export                                            ms   peak RSS MB     KiB',
    ...b.runs.map(
      (r) =>
        `  ${String(r.pairs).padStart(6)}   ${r.label.padEnd(46)} ${String(r.ms).padStart(7)}   ${String(r.peakRssMb).padStart(11)}   ${String(r.fileKb).padStart(5)}`,
    ),
  ];
}

async function child(dir: string, documentId: number, mode: Mode, out: string): Promise<void> {
  const rt = openRuntime({ dataDir: dir, transport: 'cli' });
  const t0 = performance.now();
  if (mode === 'bilingual-file' || mode === 'bilingual-capped')
    await exportToFile(rt.ctx, { documentId, format: 'docx-bilingual' }, out);
  else if (mode === 'bilingual-qa') await exportToFile(rt.ctx, { documentId, format: 'docx-bilingual', qaColumn: true }, out);
  else if (mode === 'target') await exportToFile(rt.ctx, { documentId, format: 'docx' }, out);
  else if (mode === 'bilingual-memory') {
    const { file } = await renderExport(rt.ctx, { documentId, format: 'docx-bilingual' });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(out, file.bytes);
  }
  const ms = round(performance.now() - t0);
  rt.close();
  process.stdout.write(JSON.stringify({ ms, peakRssMb: round(process.resourceUsage().maxRSS / 1024) }));
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  if (process.argv[2] === 'child') {
    await child(process.argv[3]!, Number(process.argv[4]), process.argv[5] as Mode, process.argv[6]!);
  } else {
    const sizes = process.argv.slice(2).map(Number);
    const b = benchDocx((s) => process.stderr.write(`  … ${s}\n`), sizes.length ? sizes : undefined);
    process.stdout.write(`${docxLines(b).join('\n')}\n`);
  }
}
