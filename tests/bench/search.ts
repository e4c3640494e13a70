// Search over 100k pairs: the trigram index beside the substring scan it replaced, per kind of
// query, each timing one listPairs call as the workspace makes it (the total and the first page).
// Run alone: npx tsx tests/bench/search.ts [pairs]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PairFilter } from '../../src-main/shared/contract';
import type { Status } from '../../src-main/shared/domain';
import { openRuntime } from '../../src-main/runtime';
import { storeImported } from '../../src-main/services/documents';
import { listPairs } from '../../src-main/store/repos/pairs';
import { buildSearchIndex } from '../../src-main/store/repos/search';
import { generateParagraphs, round } from './store';

export interface SearchBench {
  pairs: number;
  indexBuildMs: number;
  indexMb: number;
  kinds: { kind: string; queries: string[]; index: { p50: number; p95: number }; scan: { p50: number; p95: number } }[];
}

const TARGET_WORDS = (
  'the spokeswoman for Russian Foreign Ministry said that peacekeepers ended bloodshed in Kazakhstan country is not an aggressor ' +
  'news network reported this came response to Western statements accusing Russia over recent events President Tokayev announced ' +
  'withdrawal will begin within two days Collective Security Treaty Organization 2022 mission success'
).split(' ');

const KINDS: { kind: string; filters: PairFilter[] }[] = [
  { kind: 'short (1–2 characters, scanned)', filters: [{ text: 'ق' }, { text: 'سل' }, { text: 'ab' }] },
  { kind: 'Arabic word', filters: [{ text: 'كازاخستان' }, { text: 'الأمن' }, { text: 'توكايف' }, { text: 'مُعَاهَدَة' }] },
  { kind: 'English word', filters: [{ text: 'peacekeepers' }, { text: 'Tokayev' }, { text: 'bloodshed', textIn: 'target' }] },
  {
    kind: 'long (phrases)',
    filters: [{ text: 'وزارة الخارجية الروسية' }, { text: 'Foreign Ministry said that' }, { text: 'paragraph 41234 of' }],
  },
  {
    kind: 'with a status filter',
    filters: [
      { text: 'كازاخستان', statuses: ['translated'] },
      { text: 'peacekeepers', statuses: ['new', 'draft', 'rejected'], excluded: 'exclude' },
    ],
  },
];

const STATUSES: Status[] = ['new', 'draft', 'translated', 'approved', 'rejected'];

function percentiles(samples: number[]): { p50: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: round(at(0.5), 1), p95: round(at(0.95), 1) };
}

export function benchSearch(log: (s: string) => void, n = 100_000): SearchBench {
  const dir = mkdtempSync(join(tmpdir(), 'qalam-bench-search-'));
  const rt = openRuntime({ dataDir: dir, transport: 'cli' });
  try {
    let seed = 5;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const sources = generateParagraphs(n, 11);
    const id = storeImported(
      rt.ctx,
      {
        format: 'xliff20',
        sourceLang: 'ar',
        targetLang: 'en',
        warnings: [],
        paragraphs: sources.map((source, i) => {
          if (rnd() < 0.4) return { source };
          const words = Array.from(
            { length: 8 + Math.floor(rnd() * 25) },
            () => TARGET_WORDS[Math.floor(rnd() * TARGET_WORDS.length)],
          );
          return { source, target: `In paragraph ${i} of it ${words.join(' ')}.`, status: STATUSES[1 + Math.floor(rnd() * 4)] };
        }),
      },
      { fileName: 'bench-search.xlf', hash: '2'.repeat(64) },
      () => {},
    );
    const t0 = performance.now();
    buildSearchIndex(rt.db, id);
    const indexBuildMs = round(performance.now() - t0);
    const bytes = rt.db.prepare(`SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'pairs_search%'`).pluck().get() as number;
    log(`search index of ${n} pairs built in ${indexBuildMs} ms, ${round(bytes / 1e6, 1)} MB`);
    const kinds: SearchBench['kinds'] = [];
    for (const { kind, filters } of KINDS) {
      const time = (scan: boolean, rounds: number) => {
        const samples: number[] = [];
        for (let r = 0; r < rounds; r++) {
          for (const f of filters) {
            const t = performance.now();
            listPairs(rt.db, id, 0, 100, f, scan);
            samples.push(performance.now() - t);
          }
        }
        return percentiles(samples);
      };
      time(false, 1); // prepare the statements
      const index = time(false, 10);
      const scan = time(true, 3);
      kinds.push({ kind, queries: filters.map((f) => f.text!), index, scan });
      log(`search ${kind}: index p50 ${index.p50} ms p95 ${index.p95} ms; scan p50 ${scan.p50} ms`);
    }
    return { pairs: n, indexBuildMs, indexMb: round(bytes / 1e6, 1), kinds };
  } finally {
    rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function searchLines(s: SearchBench): string[] {
  return [
    `Search over ${s.pairs} pairs (folded substring, total + first 100), goal p50 ≤ 30 ms; index built after import in ${s.indexBuildMs} ms, ${s.indexMb} MB`,
    '  query kind                            index p50   index p95   scan p50   scan p95',
    ...s.kinds.map(
      (k) =>
        `  ${k.kind.padEnd(36)} ${String(k.index.p50).padStart(9)}   ${String(k.index.p95).padStart(9)}   ${String(k.scan.p50).padStart(8)}   ${String(k.scan.p95).padStart(8)}`,
    ),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const figures = benchSearch((s) => process.stderr.write(`  … ${s}\n`), Number(process.argv[2] ?? 100_000));
  process.stdout.write(`${searchLines(figures).join('\n')}\n`);
}
