// The trigram index must answer exactly what the substring scan answers: same pairs, same order,
// same totals, for every filter combination, and stay so through edits, deletions and migration.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PairFilter } from '../../../../src-main/shared/contract';
import type { Status } from '../../../../src-main/shared/domain';
import { deleteDocument, importDocument, indexForSearch } from '../../../../src-main/services/documents';
import { listPairs as listPairsService, setExcluded, setStatus, updateTarget } from '../../../../src-main/services/pairs';
import { migrate } from '../../../../src-main/store/migrate';
import { migrations } from '../../../../src-main/store/migrations';
import { filterWhere, listPairs } from '../../../../src-main/store/repos/pairs';
import { buildSearchIndex, isSearchIndexed, unindexedDocuments } from '../../../../src-main/store/repos/search';
import { normalizeForSearch } from '../../../../src-main/text/arabic';
import { as, testRuntime, type TestRuntime } from '../helpers';

let rnd = mulberry(20261202);
function mulberry(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

// Word forms that folding makes equal or keeps apart: harakat, hamza on alef, alef maqsura, ta
// marbuta, tatweel, attached clitics, both digit systems, Latin names, punctuation and quotes.
const ARABIC = [
  'السَّلَامُ',
  'السلام',
  'وبالسلام',
  'للسلام',
  'مُعَاهَدَة',
  'معاهدة',
  'بمعاهدته',
  'الأمن',
  'الامن',
  'الإمارات',
  'آمن',
  'أمين',
  'مستشفى',
  'مستشفي',
  'مدرسة',
  'مدرسه',
  'الــعربية',
  'وزارة',
  'الخارجية',
  'سؤال',
  'مسؤول',
  'شيء',
  '٢٠٢٢',
  '۱۲۳٬۴۵۶',
  '٣٫٥٪',
  '2022',
  'CNN',
  'NATO-ب',
  'iPhone',
  '«قال»',
  '؟',
  '،',
  'ص.ب',
  '"اقتباس"',
];
const ENGLISH = [
  'The',
  'peace',
  'treaty',
  'Ministry',
  'of',
  'Foreign',
  'Affairs',
  'said',
  'CNN',
  '2022',
  '3.5%',
  '123,456',
  "it's",
  '"quoted"',
  'e-mail',
  'Kazakhstan',
  'peacekeepers',
  'NATO',
  'x',
  'AI',
  '(brackets)',
];

function paragraph(words: readonly string[], min: number, max: number): string {
  const n = min + Math.floor(rnd() * (max - min));
  return Array.from({ length: n }, () => pick(words)).join(' ');
}

/** A query as a user would type it: a slice of stored text, a word form, or something absent. */
function query(sources: readonly string[], targets: readonly string[]): string {
  const r = rnd();
  if (r < 0.35) {
    const text = pick(rnd() < 0.6 ? sources : targets);
    const start = Math.floor(rnd() * text.length);
    return text.slice(start, start + 1 + Math.floor(rnd() * 12));
  }
  if (r < 0.6) return pick(ARABIC);
  if (r < 0.8) return pick(ENGLISH);
  if (r < 0.9) return `${pick(ARABIC)} ${pick(ARABIC)}`;
  return pick(['zzz', 'غير موجود', 'ق', 'ab', '  ', 'ﻻ', 'ﷲ', 'ا ل', '"', '""x']);
}

const STATUS_SETS: (Status[] | undefined)[] = [undefined, ['new'], ['translated', 'draft'], ['approved']];

describe('search through the trigram index', () => {
  let rt: TestRuntime;
  afterEach(() => rt.dispose());

  async function corpus(n: number): Promise<{ id: number; sources: string[]; targets: string[] }> {
    const sources = Array.from({ length: n }, () => paragraph(ARABIC, 3, 25));
    const doc = await importDocument(rt.ctx, { fileName: 'c.txt', bytes: new TextEncoder().encode(sources.join('\n')) });
    indexForSearch(rt.ctx);
    const targets: string[] = [];
    as(rt, 'editor');
    const current = (position: number) => listPairs(rt.db, doc.id, position, 1).items[0]!;
    for (let position = 0; position < n; position++) {
      const p = current(position);
      const r = rnd();
      if (r < 0.6) {
        const target = paragraph(rnd() < 0.8 ? ENGLISH : [...ENGLISH, ...ARABIC], 2, 20);
        updateTarget(rt.ctx, { pairId: p.id, target, expectedVersion: p.version });
        targets.push(target);
        if (r < 0.3) setStatus(rt.ctx, { pairId: p.id, action: 'confirm', expectedVersion: current(position).version });
        if (r < 0.15)
          setStatus(rt.ctx, { pairId: p.id, action: 'approve', overrideQa: true, expectedVersion: current(position).version });
      } else if (r > 0.9) setExcluded(rt.ctx, { pairId: p.id, excluded: true, expectedVersion: p.version });
    }
    return { id: doc.id, sources, targets };
  }

  function expectSame(documentId: number, filter: PairFilter): number {
    // The whole list, and a page from its middle (the index pages in its own rowid order).
    for (const [offset, limit] of [
      [0, 1000],
      [7, 13],
    ] as const) {
      const viaIndex = listPairs(rt.db, documentId, offset, limit, filter);
      const viaScan = listPairs(rt.db, documentId, offset, limit, filter, true);
      expect({ filter, offset, total: viaIndex.total, ids: viaIndex.items.map((p) => p.id) }).toEqual({
        filter,
        offset,
        total: viaScan.total,
        ids: viaScan.items.map((p) => p.id),
      });
    }
    return listPairs(rt.db, documentId, 0, 1, filter, true).total;
  }

  it('finds exactly what the scan finds on a randomized Arabic/English corpus, with every filter', async () => {
    rnd = mulberry(7);
    rt = testRuntime({ clock: false });
    // Documents before and after it share the index: each search keeps to its own document's rows.
    const other = () =>
      importDocument(rt.ctx, {
        fileName: 'o.txt',
        bytes: new TextEncoder().encode(Array.from({ length: 50 }, () => paragraph(ARABIC, 3, 25)).join('\n')),
        allowDuplicate: true,
      });
    await other();
    const { id, sources, targets } = await corpus(400);
    await other();
    indexForSearch(rt.ctx);
    expect(isSearchIndexed(rt.db, id)).toBe(true);
    let matched = 0;
    let usedIndex = 0;
    for (let i = 0; i < 400; i++) {
      const text = query(sources, targets);
      const filter: PairFilter = {
        text,
        textIn: pick(['source', 'target', 'both'] as const),
        ...(pick(STATUS_SETS) ? { statuses: pick(STATUS_SETS)! } : {}),
        excluded: pick(['include', 'exclude', 'only'] as const),
      };
      if (filterWhere(rt.db, id, filter).text.includes('pairs_search')) usedIndex++;
      if (expectSame(id, filter) > 0) matched++;
    }
    // The comparison means something only if many queries hit and most went through the index.
    expect(matched).toBeGreaterThan(150);
    expect(usedIndex).toBeGreaterThan(250);
  });

  it('follows edits, exclusions and deletions: triggers keep the index current', async () => {
    rnd = mulberry(11);
    rt = testRuntime({ clock: false });
    const { id } = await corpus(60);
    const pair = listPairs(rt.db, id, 5, 1).items[0]!;
    updateTarget(rt.ctx, { pairId: pair.id, target: 'A wholly unique rendering', expectedVersion: pair.version });
    expect(listPairsService(rt.ctx, id, 0, 10, { text: 'wholly unique' }).items.map((p) => p.id)).toEqual([pair.id]);
    const again = listPairs(rt.db, id, 5, 1).items[0]!;
    updateTarget(rt.ctx, { pairId: pair.id, target: 'Something else', expectedVersion: again.version });
    expect(listPairsService(rt.ctx, id, 0, 10, { text: 'wholly unique' }).total).toBe(0);
    expectSame(id, { text: 'something else' });

    // A deleted document's pairs leave the index: the ids of a later import may reuse theirs.
    deleteDocument(rt.ctx, id);
    expect(rt.db.prepare('SELECT count(*) FROM pairs_search').pluck().get()).toBe(0);
    const next = await importDocument(rt.ctx, { fileName: 'n.txt', bytes: new TextEncoder().encode('واحد\nاثنان') });
    expect(listPairsService(rt.ctx, next.id, 0, 10, { text: 'something' }).total).toBe(0);
    expect(listPairsService(rt.ctx, next.id, 0, 10, { text: 'اثنان' }).total).toBe(1);
  });

  /** The SQL each run of a statement of the connection ran (statements are cached: runs, not preparations). */
  function recordRuns(): { ran: string[]; restore: () => void } {
    const ran: string[] = [];
    const prepare = rt.db.prepare.bind(rt.db);
    const spy = vi.spyOn(rt.db, 'prepare').mockImplementation((source: string) => {
      const statement = prepare(source);
      const methods = statement as unknown as Record<'get' | 'all', (...args: unknown[]) => unknown>;
      for (const m of ['get', 'all'] as const) {
        const run = methods[m].bind(statement);
        methods[m] = (...args: unknown[]) => {
          ran.push(source);
          return run(...args);
        };
      }
      return statement;
    });
    return { ran, restore: () => spy.mockRestore() };
  }

  /** Which plan answered a text with a status or exclusion filter (see repos/pairs.ts hitsAmongAllowed). */
  function planOf(ran: readonly string[]): 'few allowed' | 'few hits' | 'few refused' | 'bitmap' | 'no look-up' | 'other' {
    const matches = ran.filter((q) => q.includes('MATCH')).length;
    const probe = (q: string) => q.includes('group_concat(id) AS ids');
    const probed = ran.findIndex(probe);
    if (probed < 0) return 'other';
    if (matches === 0) return 'few allowed';
    if (matches !== 1 || !ran[probed + 1]?.includes('group_concat(rowid)')) return 'other';
    // What followed the match: the hits looked up, the refused pairs listed, the allowed ones too.
    const after = ran.slice(probed + 2);
    if (after.some((q) => q.includes('json_each'))) return 'few hits';
    if (after.some((q) => q.includes('SELECT group_concat(p.id) FROM pairs p INDEXED BY pairs_stats'))) return 'bitmap';
    if (after.some(probe)) return 'few refused';
    // No hit, or a filter that refuses no pair: nothing to meet.
    return 'no look-up';
  }

  it('text with a status or exclusion filter: one match gives the total and the page, as the scan does', async () => {
    rnd = mulberry(13);
    rt = testRuntime({ clock: false });
    const { id } = await corpus(160);
    const { ran, restore } = recordRuns();
    const plans = new Set<string>();
    let hits = 0;
    for (const text of ['السلام', 'الامن', 'معاهدة', 'peace', 'CNN', 'غير موجود', 'مستشفى مستشفي']) {
      for (const other of [
        { statuses: ['approved'] as Status[] },
        { excluded: 'only' as const },
        { statuses: ['new', 'translated', 'draft', 'approved'] as Status[] },
        { statuses: ['new', 'draft'] as Status[], excluded: 'exclude' as const },
      ]) {
        const filter: PairFilter = { text, ...other };
        for (const [offset, limit] of [
          [0, 5],
          [3, 4],
          [0, 1000],
          [500, 10],
        ] as const) {
          ran.length = 0;
          const viaIndex = listPairs(rt.db, id, offset, limit, filter);
          plans.add(planOf(ran));
          const viaScan = listPairs(rt.db, id, offset, limit, filter, true);
          expect({ filter, offset, total: viaIndex.total, ids: viaIndex.items.map((p) => p.id) }).toEqual({
            filter,
            offset,
            total: viaScan.total,
            ids: viaScan.items.map((p) => p.id),
          });
        }
        hits += listPairs(rt.db, id, 0, 1, filter, true).total;
      }
    }
    restore();
    expect(hits).toBeGreaterThan(100);
    // Few allowed pairs are searched in their rows; else rare words are looked up, and common ones
    // meet the refused pairs (when few) or the allowed ones in the bitmap; a word found nowhere
    // needs neither; nothing else ran.
    expect([...plans].sort()).toEqual(['bitmap', 'few allowed', 'few hits', 'few refused', 'no look-up']);
  });

  it('text with a status or exclusion filter equals the scan on random filters, pages and every plan', async () => {
    rnd = mulberry(29);
    rt = testRuntime({ clock: false });
    const { id, sources, targets } = await corpus(300);
    const { ran, restore } = recordRuns();
    const count = { bitmap: 0, 'few hits': 0, 'few allowed': 0, 'few refused': 0, 'no look-up': 0, other: 0, matched: 0 };
    const statuses: Status[] = ['new', 'draft', 'translated', 'approved', 'rejected'];
    for (let i = 0; i < 500; i++) {
      const text = query(sources, targets);
      // Half the filters allow most statuses, so that the refused pairs are often the fewer.
      const share = pick([0.5, 0.9]);
      const chosen = statuses.filter(() => rnd() < share);
      const filter: PairFilter = {
        text,
        textIn: pick(['source', 'target', 'both'] as const),
        ...(chosen.length > 0 || rnd() < 0.5 ? { statuses: chosen } : {}),
        excluded: pick(['include', 'exclude', 'only'] as const),
      };
      const offset = pick([0, 0, 1, 5, 40, 200]);
      const limit = pick([1, 7, 100, 1000]);
      ran.length = 0;
      const viaIndex = listPairs(rt.db, id, offset, limit, filter);
      const restricted = (filter.statuses?.length ?? 0) > 0 || filter.excluded !== 'include';
      // Queries under three characters are scanned: no plan of the index.
      const indexed = ran.some((q) => q.includes('MATCH') || q.includes('group_concat(id) AS ids'));
      if (restricted && indexed) count[planOf(ran)]++;
      const viaScan = listPairs(rt.db, id, offset, limit, filter, true);
      expect({ filter, offset, limit, total: viaIndex.total, ids: viaIndex.items.map((p) => p.id) }).toEqual({
        filter,
        offset,
        limit,
        total: viaScan.total,
        ids: viaScan.items.map((p) => p.id),
      });
      if (viaScan.total > 0) count.matched++;
    }
    restore();
    // The comparison means something only if every plan ran often and many queries found pairs.
    if (process.env.DEBUG_PLANS) console.log(count);
    expect(count.bitmap).toBeGreaterThan(30);
    expect(count['few hits']).toBeGreaterThan(40);
    expect(count['few allowed']).toBeGreaterThan(40);
    expect(count['few refused']).toBeGreaterThan(15);
    expect(count.other).toBe(0);
    expect(count.matched).toBeGreaterThan(100);
  });

  it('an exclusion filter without statuses seeks in the pairs_stats index to the exclusion within each status', async () => {
    rt = testRuntime({ clock: false });
    const doc = await importDocument(rt.ctx, { fileName: 'x.txt', bytes: new TextEncoder().encode('واحد\nاثنان') });
    for (const excluded of ['exclude', 'only'] as const) {
      const where = filterWhere(rt.db, doc.id, { excluded });
      const plan = rt.db
        .prepare(`EXPLAIN QUERY PLAN SELECT p.id FROM pairs p INDEXED BY pairs_stats WHERE ${where.text}`)
        .all(...where.params) as { detail: string }[];
      expect(plan.map((r) => r.detail).join(' | ')).toContain('(document_id=? AND status=? AND excluded=?)');
    }
  });

  it('a query in both columns matches within one column, never across the end of the source and the start of the target', async () => {
    rt = testRuntime({ clock: false });
    const doc = await importDocument(rt.ctx, { fileName: 'b.txt', bytes: new TextEncoder().encode('معاهدة السلام\nقال السلام') });
    indexForSearch(rt.ctx);
    as(rt, 'editor');
    const [first, second] = listPairs(rt.db, doc.id, 0, 2).items;
    updateTarget(rt.ctx, { pairId: first!.id, target: 'mission peace', expectedVersion: first!.version });
    updateTarget(rt.ctx, { pairId: second!.id, target: 'treaty', expectedVersion: second!.version });
    for (const [text, positions] of [
      ['السلام', [0, 1]],
      ['peace', [0]],
      // The source's last word and the target's first, as if the columns were one text.
      ['السلامmission', []],
      ['لامmis', []],
      ['سلام treaty', []],
    ] as const) {
      expect(filterWhere(rt.db, doc.id, { text }).text).toContain('pairs_search');
      const found = listPairs(rt.db, doc.id, 0, 10, { text });
      expect({ text, positions: found.items.map((p) => p.position) }).toEqual({ text, positions });
      expect(found).toEqual(listPairs(rt.db, doc.id, 0, 10, { text }, true));
    }
  });

  it('scans until the index job has run, and for queries under three characters', async () => {
    rt = testRuntime({ clock: false });
    const doc = await importDocument(rt.ctx, {
      fileName: 'u.txt',
      bytes: new TextEncoder().encode('وَالسَّلامُ عليكم\nسلام'),
    });
    // The import itself builds no index: it is the job that follows.
    expect(isSearchIndexed(rt.db, doc.id)).toBe(false);
    expect(rt.db.prepare('SELECT count(*) FROM pairs_search').pluck().get()).toBe(0);
    expect(filterWhere(rt.db, doc.id, { text: 'السلام' }).text).toContain('instr(');
    expect(listPairsService(rt.ctx, doc.id, 0, 10, { text: 'السلام' }).total).toBe(1);
    expect(indexForSearch(rt.ctx).indexed).toEqual([doc.id]);
    expect(indexForSearch(rt.ctx).indexed).toEqual([]);
    expect(filterWhere(rt.db, doc.id, { text: 'السلام' }).text).toContain('pairs_search');
    expect(listPairsService(rt.ctx, doc.id, 0, 10, { text: 'السلام' }).total).toBe(1);
    expect(filterWhere(rt.db, doc.id, { text: 'سل' }).text).toContain('instr(');
    expect(listPairsService(rt.ctx, doc.id, 0, 10, { text: 'سل' }).total).toBe(2);
    expect(listPairsService(rt.ctx, doc.id, 0, 10, { text: 'سلا' }).total).toBe(2);
  });

  it('a document deleted after the job listed it is skipped, and the job indexes the others', async () => {
    rt = testRuntime({ clock: false });
    const bytes = (text: string) => new TextEncoder().encode(text);
    const gone = await importDocument(rt.ctx, { fileName: 'gone.txt', bytes: bytes('وَالسَّلامُ عليكم\nسلام') });
    const kept = await importDocument(rt.ctx, { fileName: 'kept.txt', bytes: bytes('معاهدة السلام\nبمعاهدته') });
    // The job lists the unindexed documents, then works through them on its own connection while
    // the app goes on: the first one is deleted between the listing and its index.
    expect(unindexedDocuments(rt.db)).toEqual([gone.id, kept.id]);
    deleteDocument(rt.ctx, gone.id);
    expect(buildSearchIndex(rt.db, gone.id)).toBe(0);
    expect(buildSearchIndex(rt.db, kept.id)).toBe(2);
    expect(rt.db.prepare('SELECT document_id FROM search_indexed').pluck().all()).toEqual([kept.id]);
    expect(listPairsService(rt.ctx, kept.id, 0, 10, { text: 'معاهد' }).total).toBe(2);
    expect(filterWhere(rt.db, kept.id, { text: 'معاهد' }).text).toContain('pairs_search');
  });

  it('an import through the contract answers before its index and queues the index job after it', async () => {
    rnd = mulberry(5);
    rt = testRuntime({ clock: false });
    const sources = Array.from({ length: 300 }, () => paragraph(ARABIC, 3, 25));
    const r = await rt.dispatch('documents:import', {
      fileName: 'j.txt',
      dataBase64: Buffer.from(sources.join('\n')).toString('base64'),
    });
    if (!r.ok) throw new Error(r.error.code);
    const id = (r.value as { id: number }).id;
    const queries = ['السلام', 'وبالسلام', 'معاهدة', 'الامن', '٢٠٢٢', 'CNN', 'مستشفى'];
    // Right after the answer: no index yet (the inline runner starts the job on a later turn), the scan answers.
    expect(isSearchIndexed(rt.db, id)).toBe(false);
    const scanned = queries.map((text) => listPairs(rt.db, id, 0, 1000, { text }));
    await vi.waitFor(() => expect(isSearchIndexed(rt.db, id)).toBe(true));
    queries.forEach((text, i) => {
      expect(filterWhere(rt.db, id, { text }).text).toContain('pairs_search');
      expect(listPairs(rt.db, id, 0, 1000, { text })).toEqual(scanned[i]);
    });
    expect(scanned.filter((p) => p.total > 0).length).toBeGreaterThan(5);
  });
});

describe('migration 0010', () => {
  it('indexes the documents of a store from before it', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const before = migrations.findIndex((m) => m.description.includes('trigram'));
    migrate(db, migrations.slice(0, before));
    db.exec(`INSERT INTO documents (id, name, file_name, format, source_lang, target_lang, content_hash, created_at, updated_at)
      VALUES (1, 'd', 'd.txt', 'txt', 'ar', 'en', '${'0'.repeat(64)}', 'now', 'now')`);
    const insert =
      db.prepare(`INSERT INTO pairs (document_id, position, source, source_norm, target, target_norm, source_words, created_at, updated_at)
      VALUES (1, ?, ?, ?, ?, ?, 1, 'now', 'now')`);
    ['المعاهدة', 'وبالسلام'].forEach((s, i) => insert.run(i, s, normalizeForSearch(s), 'Peace', 'peace'));
    migrate(db);
    expect(isSearchIndexed(db, 1)).toBe(true);
    expect(listPairs(db, 1, 0, 10, { text: 'السلام' }).items.map((p) => p.position)).toEqual([1]);
    expect(listPairs(db, 1, 0, 10, { text: 'peace', textIn: 'target' }).total).toBe(2);
    expect(filterWhere(db, 1, { text: 'السلام' }).text).toContain('pairs_search');
  });
});
