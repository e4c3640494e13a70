// Glossary figures with a 10k-term glossary as the app holds it: a TBX of it imported into the
// store, the recognition index built after a change, the terms recognised in one paragraph (pure,
// and through the service the editor's underlines call), and a live QA check of a pair with it.
// Run alone: npx tsx tests/bench/glossary.ts [terms]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeTbx } from '../../src-main/formats/glossary';
import { openRuntime } from '../../src-main/runtime';
import { importDocument } from '../../src-main/services/documents';
import { addTerm, editTerm, findTerms, glossaryIndex, importGlossary } from '../../src-main/services/glossary';
import { listPairs } from '../../src-main/services/pairs';
import { checkPairQa } from '../../src-main/services/qa';
import { glossary as benchTerms } from './qa';
import { generateParagraphs, round } from './store';

export interface GlossaryBench {
  terms: number;
  tbxKb: number;
  importMs: number;
  /** The first index of the process (code not yet optimised, lookup tables built). */
  firstIndexMs: number;
  /** Adding a term, the index updated in place (the Ctrl+Shift+G case). */
  addMs: number;
  /** After an edit: the index built again. */
  indexBuildMs: number;
  paragraphs: number;
  hitsPerParagraph: number;
  recognise: { median: number; p95: number; max: number };
  recogniseService: { median: number; p95: number };
  livePairQa: { median: number; p95: number };
}

function pct(samples: number[]): { median: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  // Microseconds matter here: three decimals.
  const ms = (x: number) => Math.round(x * 1000) / 1000;
  return { median: ms(at(0.5)), p95: ms(at(0.95)), max: ms(s.at(-1)!) };
}

export async function benchGlossary(log: (s: string) => void, n = 10_000): Promise<GlossaryBench> {
  log(`glossary: ${n} terms`);
  const dir = mkdtempSync(join(tmpdir(), 'qalam-bench-glossary-'));
  const rt = openRuntime({ dataDir: dir, transport: 'cli' });
  try {
    const paragraphs = generateParagraphs(2000, 7);
    const doc = await importDocument(rt.ctx, {
      fileName: 'bench.txt',
      bytes: new TextEncoder().encode(paragraphs.join('\n')),
    });
    const at = '2026-01-01T00:00:00.000Z';
    const terms = benchTerms(n).map((t) => ({ ...t, note: '', forbidden: false, createdBy: 'bench', createdAt: at }));
    const tbx = writeTbx(terms, 'bench');
    let t = performance.now();
    const imported = await importGlossary(rt.ctx, doc.id, 'bench.tbx', tbx);
    const importMs = round(performance.now() - t);
    t = performance.now();
    glossaryIndex(rt.ctx, doc.id);
    const firstIndexMs = round(performance.now() - t);
    // An added term joins the cached index; an edit makes the next use build it again. Five of each, the median.
    const adds: number[] = [];
    const edits: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      const added = addTerm(rt.ctx, doc.id, { source: `السلام ${i}`, target: 'peace' });
      glossaryIndex(rt.ctx, doc.id);
      adds.push(performance.now() - t);
      editTerm(rt.ctx, added.id, { source: `السلام ${i}`, target: 'peace talks' });
      t = performance.now();
      glossaryIndex(rt.ctx, doc.id);
      edits.push(performance.now() - t);
    }
    const median = (xs: number[]) => round(xs.sort((a, b) => a - b)[2]!);
    const addMs = median(adds);
    const indexBuildMs = median(edits);
    const g = glossaryIndex(rt.ctx, doc.id)!;

    const sources = listPairs(rt.ctx, doc.id, 0, 2000).items;
    let hits = 0;
    const pure: number[] = [];
    for (const p of sources) {
      t = performance.now();
      hits += g.index.find(p.source).length;
      pure.push(performance.now() - t);
    }
    const service: number[] = [];
    for (const p of sources) {
      t = performance.now();
      findTerms(rt.ctx, doc.id, [p.id]);
      service.push(performance.now() - t);
    }
    // Twice: the first pass also stores each pair's new QA summary (a commit per pair); the second
    // is the steady state of checking while typing.
    let live: number[] = [];
    for (let pass = 0; pass < 2; pass++) {
      live = [];
      for (const p of sources.slice(0, 500)) {
        t = performance.now();
        checkPairQa(rt.ctx, p.id, 'The spokeswoman said that the peacekeeping forces ended the bloodshed in 2022.');
        live.push(performance.now() - t);
      }
    }
    const s = pct(service);
    const q = pct(live);
    return {
      terms: imported.added + 5,
      tbxKb: round(tbx.length / 1024),
      importMs,
      firstIndexMs,
      addMs,
      indexBuildMs,
      paragraphs: sources.length,
      hitsPerParagraph: round(hits / sources.length),
      recognise: pct(pure),
      recogniseService: { median: s.median, p95: s.p95 },
      livePairQa: { median: q.median, p95: q.p95 },
    };
  } finally {
    rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function glossaryLines(g: GlossaryBench): string[] {
  return [
    '',
    `Glossary of ${g.terms} terms: TBX of ${g.tbxKb} KiB imported in ${g.importMs} ms; recognition index built in ${g.firstIndexMs} ms the first time, ${g.indexBuildMs} ms after an edit (median of 5; once per glossary version); adding a term, index updated in place: ${g.addMs} ms`,
    `  recognition per paragraph (${g.paragraphs} paragraphs of 15–60 words, ${g.hitsPerParagraph} terms each on average): median ${g.recognise.median} ms, p95 ${g.recognise.p95} ms, max ${g.recognise.max} ms`,
    `  through the service (glossary:find for one pair): median ${g.recogniseService.median} ms, p95 ${g.recogniseService.p95} ms`,
    `  live QA of one pair with the glossary: median ${g.livePairQa.median} ms, p95 ${g.livePairQa.p95} ms`,
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const figures = await benchGlossary((s) => process.stderr.write(`  … ${s}\n`), Number(process.argv[2] ?? 10_000));
  process.stdout.write(`${glossaryLines(figures).join('\n')}\n\n${JSON.stringify(figures, null, 2)}\n`);
}
