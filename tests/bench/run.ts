// `npm run bench`: prints figures (a short table, then JSON). Measurements, not tests: nothing
// here passes or fails on a time.
import { rmSync } from 'node:fs';
import { benchStore, round } from './store';
import { benchExports } from './exports';
import { benchUi } from './ui';
import { benchXliffImport } from './xliff-import';
import { benchOmegatPipeline, benchTm, tmLines } from './tm';
import { benchImport, benchStall, benchStartup, importLines } from './import';
import { benchSearch, searchLines } from './search';
import { benchGlossary, glossaryLines } from './glossary';
import { benchDocx, docxLines } from './docx';
import { benchQa, qaLines } from './qa';

const log = (s: string) => process.stderr.write(`  … ${s}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  // First: it builds the CLI when out/cli is missing, and the pipeline below runs that build.
  const startup = benchStartup(log);
  const wholeImport = await benchImport(log);
  const stall = await benchStall(log);
  const store = await benchStore(log);
  const ui = await benchUi(store.bigDocDir, store.bigDocId, log);
  rmSync(store.bigDocDir, { recursive: true, force: true });
  const exports = await benchExports(10_000, log);
  const xliff = benchXliffImport(100, log);
  const tm = await benchTm(log);
  const pipeline = benchOmegatPipeline(log);
  const search = benchSearch(log);
  const glossary = await benchGlossary(log);
  const qa = await benchQa(log);
  const docx = benchDocx(log);

  const lines = [
    'Qalam bench',
    '',
    ...importLines(startup, wholeImport, stall),
    '',
    'Import (plain text → store, one transaction)',
    '  paragraphs   import ms   paragraphs/s   floor ms   import/floor',
    ...store.figures.imports.map(
      (r) =>
        `  ${String(r.paragraphs).padStart(10)}   ${String(r.importMs).padStart(9)}   ${String(r.paragraphsPerSecond).padStart(12)}   ${String(r.floorMs).padStart(8)}   ${String(r.ratio).padStart(12)}`,
    ),
    '',
    `Page read, 200 pairs from the middle of 100k: median ${store.figures.pageRead200.median} ms, p99 ${store.figures.pageRead200.p99} ms`,
    `Update-target commit (WAL, synchronous=FULL): median ${store.figures.updateCommit.median} ms, p99 ${store.figures.updateCommit.p99} ms`,
    `Search over 100k pairs (normalised substring, trigram index): median ${store.figures.search100k.median} ms; index built after the import in ${store.figures.searchIndexMs} ms`,
    ...searchLines(search),
    '',
    ui.skipped !== undefined
      ? `Renderer: not measured (${ui.skipped})`
      : `Renderer, 100k-pair document: cold start straight into it, first rows painted ${ui.coldStartMs} ms after navigation (goal ≤ ${ui.coldGoalMs} ms); opened from the library ${ui.firstRowsMs} ms; JS heap after scrolling through it ${ui.heapMb} MB (rows in DOM: ${ui.rowsInDom})`,
    '',
    `Export of a ${exports.pairs}-pair document`,
    ...exports.formats.map(
      (f) => `  ${f.format.padEnd(15)} ${String(f.ms).padStart(8)} ms ${String(round(f.bytes / 1024)).padStart(10)} KiB`,
    ),
    '',
    `qalam import of a ${xliff.fileMb} MB XLIFF 1.2 (${xliff.units} units, own process): peak RSS ${xliff.peakRssMb} MB, ${xliff.wallSeconds} s${xliff.exitCode === 0 ? '' : `, refused: ${xliff.stderr}`}`,
    ...tmLines(tm, pipeline),
    ...glossaryLines(glossary),
    ...qaLines(qa),
    '',
    ...docxLines(docx),
    '',
    `Total bench time ${round((Date.now() - started) / 1000)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n\n`);
  process.stdout.write(
    `${JSON.stringify({ startup, import: wholeImport, stall, store: store.figures, renderer: ui, exports, xliffImport: xliff, tm, pipeline, search, glossary, qa, docx }, null, 2)}\n`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
