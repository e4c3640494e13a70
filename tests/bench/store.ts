// Store figures: import throughput against a bare-insert floor, page reads, update commits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRuntime, type Runtime } from '../../src-main/runtime';
import { importDocument } from '../../src-main/services/documents';
import { listPairs, updateTarget } from '../../src-main/services/pairs';
import { openDatabase } from '../../src-main/store/connection';
import { buildSearchIndex } from '../../src-main/store/repos/search';
import { normalizeForSearch } from '../../src-main/text/arabic';
import { countWords } from '../../src-main/text/words';
import { splitParagraphs } from '../../src-main/text/paragraphs';

const WORDS = (
  'قالت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا إن بلادها ليست معتدية وقوات حفظ السلام وضعت حدا ' +
  'لإراقة الدماء في كازاخستان وذكرت شبكة الإخبارية أن ذلك جاء ردا على تصريحات غربية اتهمت روسيا بسبب الأحداث ' +
  'الأخيرة ونشر الجماعية هناك الرئيس الكازاخستاني قاسم جومارت توكايف أعلن في وقت سابق اليوم انتهاء مهام بنجاح ' +
  'وأن انسحابها من بلاده سيبدأ غضون يومين مُعَاهَدَة الأَمْن الجَمَاعِيّ ٢٠٢٢ عام 2022'
).split(' ');

/** Deterministic pseudo-random Arabic paragraphs of 15–60 words. */
export function generateParagraphs(n: number, seed = 42): string[] {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const len = 15 + Math.floor(rnd() * 45);
    const words: string[] = [];
    for (let w = 0; w < len; w++) words.push(WORDS[Math.floor(rnd() * WORDS.length)]!);
    out.push(`${words.join(' ')}.`);
  }
  return out;
}

export function stats(samples: number[]): { median: number; p99: number; min: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p99: at(0.99), min: sorted[0]!, max: sorted.at(-1)! };
}

function tempRuntime(): { rt: Runtime; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'qalam-bench-'));
  return { rt: openRuntime({ dataDir: dir, transport: 'cli' }), dir };
}

/** The same rows the import writes (document, pairs, import revisions), precomputed, bare statements. */
function floorInsert(paragraphs: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'qalam-floor-'));
  const db = openDatabase(join(dir, 'floor.db'));
  const now = new Date().toISOString();
  const rows = paragraphs.map((p) => ({ source: p, norm: normalizeForSearch(p), words: countWords(p) }));
  const t0 = performance.now();
  const insDoc = db.prepare(
    `INSERT INTO documents (name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at) VALUES ('f', 'f.txt', 'txt', 'ar', 'en', ?, ?, ?)`,
  );
  const insPair = db.prepare(
    `INSERT INTO pairs (document_id, position, source, target, source_norm, target_norm, status, excluded, source_words, target_words, created_at, updated_at, updated_by)
     VALUES (?, ?, ?, '', ?, '', 'new', 0, ?, 0, ?, ?, 'bench')`,
  );
  const insRev = db.prepare(
    `INSERT INTO revisions (pair_id, kind, target, status, author, role, note, created_at, touched_at) VALUES (?, 'import', '', 'new', 'bench', 'translator', NULL, ?, ?)`,
  );
  db.transaction(() => {
    const doc = insDoc.run('0'.repeat(64), now, now).lastInsertRowid;
    rows.forEach((r, i) => {
      const id = insPair.run(doc, i, r.source, r.norm, r.words, now, now).lastInsertRowid;
      insRev.run(id, now, now);
    });
  }).immediate();
  const ms = performance.now() - t0;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

export interface StoreBench {
  imports: { paragraphs: number; importMs: number; paragraphsPerSecond: number; floorMs: number; ratio: number }[];
  pageRead200: { median: number; p99: number };
  updateCommit: { median: number; p99: number };
  search100k: { median: number };
  searchIndexMs: number;
}

export async function benchStore(
  log: (s: string) => void,
): Promise<{ figures: StoreBench; bigDocDir: string; bigDocId: number }> {
  const imports: StoreBench['imports'] = [];
  let big: { rt: Runtime; dir: string; id: number } | undefined;
  for (const n of [1_000, 10_000, 100_000]) {
    const paragraphs = generateParagraphs(n);
    const bytes = new TextEncoder().encode(paragraphs.join('\n'));
    if (splitParagraphs(paragraphs.slice(0, 3).join('\n')).length !== 3) throw new Error('generator broke paragraph splitting');
    const floorMs = floorInsert(paragraphs);
    const { rt, dir } = tempRuntime();
    const t0 = performance.now();
    const doc = await importDocument(rt.ctx, { fileName: `bench-${n}.txt`, bytes });
    const importMs = performance.now() - t0;
    if (doc.stats.total.segments !== n) throw new Error(`imported ${doc.stats.total.segments} of ${n}`);
    imports.push({
      paragraphs: n,
      importMs: round(importMs),
      paragraphsPerSecond: Math.round((n / importMs) * 1000),
      floorMs: round(floorMs),
      ratio: round(importMs / floorMs, 2),
    });
    log(`import ${n}: ${round(importMs)} ms (floor ${round(floorMs)} ms)`);
    if (n === 100_000) big = { rt, dir, id: doc.id };
    else {
      rt.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const { rt, id } = big!;
  // The import figures above are the import alone; the search index is its own job after it
  // (services/documents.ts indexForSearch), timed here.
  const built = performance.now();
  buildSearchIndex(rt.db, id);
  const searchIndexMs = round(performance.now() - built);
  log(`search index of 100k pairs: ${searchIndexMs} ms`);
  const reads: number[] = [];
  for (let i = 0; i < 200; i++) {
    const offset = 50_000 + ((i * 37) % 1000);
    const t0 = performance.now();
    const page = listPairs(rt.ctx, id, offset, 200);
    reads.push(performance.now() - t0);
    if (page.items.length !== 200) throw new Error('short page');
  }
  const searches: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    listPairs(rt.ctx, id, 0, 100, { text: ['كازاخستان', 'الأمن', 'توكايف'][i % 3]! });
    searches.push(performance.now() - t0);
  }
  const commits: number[] = [];
  const pairs = listPairs(rt.ctx, id, 60_000, 500).items;
  for (let i = 0; i < 500; i++) {
    const p = pairs[i]!;
    const t0 = performance.now();
    updateTarget(rt.ctx, {
      pairId: p.id,
      target: `Translation number ${i} of the benchmark paragraph.`,
      expectedVersion: p.version,
    });
    commits.push(performance.now() - t0);
  }
  rt.close();
  const r = stats(reads);
  const c = stats(commits);
  return {
    figures: {
      imports,
      pageRead200: { median: round(r.median, 3), p99: round(r.p99, 3) },
      updateCommit: { median: round(c.median, 3), p99: round(c.p99, 3) },
      search100k: { median: round(stats(searches).median, 1) },
      searchIndexMs,
    },
    bigDocDir: big!.dir,
    bigDocId: id,
  };
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
