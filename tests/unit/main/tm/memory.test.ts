// Translation memory at the service level: TMX import, lookup on the sample article and variants of
// it, concordance, analysis, statistics and export of the whole memory.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDocument } from '../../../../src-main/services/documents';
import { listPairs } from '../../../../src-main/services/pairs';
import * as tm from '../../../../src-main/services/tm';
import { parseTmx } from '../../../../src-main/formats/tmx';
import { requireTool, run, runPython, tempDir } from '../formats/helpers/tools';
import { importSample, testRuntime, type TestRuntime } from '../helpers';
import { ENGLISH, fourParagraphTmx, paragraphs, UNRELATED, variants } from './fixtures';

let rt: TestRuntime;
beforeEach(() => {
  rt = testRuntime();
});
afterEach(() => rt.dispose());

async function importText(name: string, lines: string[]) {
  return importDocument(rt.ctx, { fileName: name, bytes: new TextEncoder().encode(lines.join('\n')), allowDuplicate: true });
}

describe('the sample article against a TMX of four of its paragraphs', () => {
  beforeEach(async () => {
    expect(await tm.importTmx(rt.ctx, 'four.tmx', fourParagraphTmx())).toEqual({ stored: 4, skipped: 0, known: 0 });
  });

  it('stores each unit once: importing the same file again skips them all', async () => {
    expect(await tm.importTmx(rt.ctx, 'four.tmx', fourParagraphTmx())).toEqual({ stored: 0, skipped: 4, known: 4 });
    expect(tm.getMemoryStats(rt.ctx)).toMatchObject({ units: 4, byStatus: { imported: 4, translated: 0, approved: 0 } });
    expect(tm.getMemoryStats(rt.ctx).origins).toEqual([
      { kind: 'tmx', name: 'four.tmx', documentId: null, documentExists: false, units: 4 },
    ]);
  });

  it('gives 100% for those paragraphs and nothing at 100% elsewhere', async () => {
    const doc = await importSample(rt);
    const pairs = listPairs(rt.ctx, doc.id, 0, 100).items;
    for (const [i, p] of pairs.entries()) {
      const r = tm.lookup(rt.ctx, { pairId: p.id, minScore: 70 });
      if (ENGLISH[i]) {
        expect(r.matches[0], `paragraph ${i}`).toMatchObject({
          score: 100,
          kind: 'exact',
          target: ENGLISH[i],
          numbersReplaced: 0,
        });
        expect(r.matches[0]!.diff.every((d) => d.op === 'equal')).toBe(true);
        expect(r.matches[0]!.origin).toMatchObject({ kind: 'tmx', name: 'four.tmx', author: 'translator', status: 'imported' });
        expect(r.matches[0]!.origin.changedAt).toBe('2025-01-05T10:15:00.000Z');
      } else {
        expect(
          r.matches.every((m) => m.score < 100),
          `paragraph ${i}`,
        ).toBe(true);
      }
    }
  });

  it('gives fuzzy matches for variants: diacritics and hamza forms 100, numbers 99 with the English renumbered, clitics partial', async () => {
    const vs = variants();
    const doc = await importText('variants.txt', [...vs.map((v) => v.text), UNRELATED]);
    const pairs = listPairs(rt.ctx, doc.id, 0, 100).items;
    const best = (i: number) => tm.lookup(rt.ctx, { pairId: pairs[i]!.id, minScore: 50 }).matches[0];

    expect(best(0)).toMatchObject({ score: 100, kind: 'exact', target: ENGLISH[0] });
    expect(best(1)).toMatchObject({ score: 100, kind: 'exact', target: ENGLISH[3] });

    const numbers = best(2)!;
    expect(numbers).toMatchObject({ score: 99, kind: 'fuzzy', numbersReplaced: 3, storedTarget: ENGLISH[9] });
    expect(numbers.target).toBe(ENGLISH[9]!.replace('On 9 and 10 January 2022', 'On 16 and 17 January 2023'));
    expect(numbers.diff.filter((d) => d.op === 'replace')).toEqual([
      { op: 'replace', text: '9 ', with: '١٦', partial: true },
      { op: 'replace', text: 'و10 ', with: 'و١٧', partial: true },
      { op: 'replace', text: '2022', with: '٢٠٢٣', partial: true },
    ]);

    // Three words of thirteen differ only by و, ب or ال: 1.5 of 13 → 88.
    const clitics = best(3)!;
    expect(clitics).toMatchObject({ score: 88, kind: 'fuzzy', target: ENGLISH[6] });
    expect(
      clitics.diff.filter((d) => d.op === 'replace').map((d) => d.op === 'replace' && [d.text.trim(), d.with, d.partial]),
    ).toEqual([
      ['وضمت', 'ضمت', true],
      ['قوات', 'بقوات', true],
      ['وحدات', 'الوحدات', true],
    ]);

    expect(tm.lookup(rt.ctx, { pairId: pairs[4]!.id, minScore: 30 }).matches).toEqual([]);
  });

  it('applies the threshold and the limit', async () => {
    const doc = await importText(
      'variants.txt',
      variants().map((v) => v.text),
    );
    const clitics = listPairs(rt.ctx, doc.id, 0, 100).items[3]!;
    expect(tm.lookup(rt.ctx, { pairId: clitics.id, minScore: 89 }).matches).toEqual([]);
    expect(tm.lookup(rt.ctx, { pairId: clitics.id, minScore: 88 }).matches).toHaveLength(1);
    expect(tm.lookup(rt.ctx, { pairId: clitics.id, minScore: 0, limit: 2 }).matches.length).toBeLessThanOrEqual(2);
  });

  it('concordance finds Arabic phrases however they are written, and English ones, with hit ranges', () => {
    const r = tm.concordance(rt.ctx, { query: 'حِفْظ السَّلام' });
    expect(r.total).toBe(3);
    for (const h of r.hits) {
      expect(h.sourceHits.length).toBeGreaterThan(0);
      for (const [a, b] of h.sourceHits) expect(h.source.slice(a, b)).toBe('حفظ السلام');
    }
    const en = tm.concordance(rt.ctx, { query: 'PEACEKEEPING', side: 'target' });
    expect(en.total).toBe(3);
    expect(en.hits.every((h) => h.sourceHits.length === 0 && h.targetHits.length === 1)).toBe(true);
    const [a, b] = en.hits[0]!.targetHits[0]!;
    expect(en.hits[0]!.target.slice(a, b)).toBe('peacekeeping');
    expect(tm.concordance(rt.ctx, { query: 'اعلن' }).total).toBe(1); // أعلن in the memory
    expect(() => tm.concordance(rt.ctx, { query: 'ًٌٍ' })).toThrow();
  });

  it('analysis counts words and segments per band, repetitions after the first occurrence', async () => {
    const vs = variants();
    const doc = await importText('variants.txt', [...vs.map((v) => v.text), UNRELATED, UNRELATED, vs[0]!.text]);
    const a = tm.analyze(rt.ctx, doc.id);
    const seg = (b: keyof typeof a.bands) => a.bands[b].segments;
    expect([seg('context'), seg('exact'), seg('repetition'), seg('fuzzy95'), seg('fuzzy85'), seg('none')]).toEqual([
      0, 3, 1, 1, 1, 1,
    ]);
    expect(a.total.segments).toBe(7);
    expect(a.total.words).toBe(Object.values(a.bands).reduce((n, c) => n + c.words, 0));
    expect(a.bands.repetition.words).toBe(a.bands.none.words);
    expect(a.memoryUnits).toBe(4);
    expect(tm.repetitions(rt.ctx, doc.id)).toEqual({ documentId: doc.id, segments: 2, groups: 2, words: expect.any(Number) });
  });
});

describe('export of the whole memory', () => {
  it('writes TMX 1.4b that translate-toolkit reads and that imports back unchanged', async () => {
    await tm.importTmx(rt.ctx, 'four.tmx', fourParagraphTmx());
    const bytes = await tm.renderMemoryTmx(rt.ctx);
    const dir = tempDir('tm-export');
    const file = join(dir, 'memory.tmx');
    writeFileSync(file, bytes);
    expect(run(requireTool('xmllint'), ['--noout', file]).status).toBe(0);
    const units = runPython<{ source: string; target: string }[]>(
      `import json, sys
from translate.storage import factory
store = factory.getobject(sys.argv[1])
print(json.dumps([{'source': u.source, 'target': u.target} for u in store.units if not u.isheader()]))`,
      [file],
    );
    const src = paragraphs();
    expect(units).toEqual(Object.entries(ENGLISH).map(([i, en]) => ({ source: src[Number(i)], target: en })));
    expect(parseTmx(bytes).map((u) => [u.source, u.target, u.targetLang, u.author])).toEqual(
      Object.entries(ENGLISH).map(([i, en]) => [src[Number(i)], en, 'en-US', 'translator']),
    );
    const other = testRuntime();
    try {
      expect(await tm.importTmx(other.ctx, 'memory.tmx', bytes)).toEqual({ stored: 4, skipped: 0, known: 0 });
    } finally {
      other.dispose();
    }
  });
});

describe('the memory streamed to a file', () => {
  it('is byte for byte the TMX rendered whole, across many write chunks, with text XML cannot carry', async () => {
    await tm.importTmx(rt.ctx, 'four.tmx', fourParagraphTmx());
    const many = Array.from({ length: 3000 }, (_, i) => ({
      source: `فقرة ${i} & <ب> \u0001 ${'كلمة '.repeat(20)}`,
      target: `Paragraph ${i} & <b>\r\u0002 ${'word '.repeat(20)}`,
    }));
    const tmx = `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="fr"/><body>${many
      .map(
        (u) =>
          `<tu><tuv xml:lang="fr"><seg>${u.source.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace('\u0001', '<ph type="x-qalam-cp">0001</ph>')}</seg></tuv><tuv xml:lang="en"><seg>${u.target.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace('\r', '&#13;').replace('\u0002', '<ph type="x-qalam-cp">0002</ph>')}</seg></tuv></tu>`,
      )
      .join('')}</body></tmx>`;
    await tm.importTmx(rt.ctx, 'many.tmx', new TextEncoder().encode(tmx));
    const whole = await tm.renderMemoryTmx(rt.ctx);
    expect(whole.length).toBeGreaterThan(1024 * 1024); // several chunks of the streamed writer
    const file = join(tempDir('tm-stream'), 'memory.tmx');
    // The clock moves at every call: fix it so both carry the same export date.
    const now = rt.ctx.now();
    rt.ctx.now = () => now;
    const rendered = await tm.renderMemoryTmx(rt.ctx);
    expect(await tm.exportMemoryToFile(rt.ctx, file)).toEqual({ bytes: rendered.length, units: 3004 });
    expect(Buffer.compare(readFileSync(file), Buffer.from(rendered))).toBe(0);
    // Most units are French: the header says so, as the whole-memory writer decides it.
    expect(readFileSync(file, 'utf8')).toMatch(/<header[^>]* srclang="fr"/);
    expect(parseTmx(readFileSync(file)).slice(-1)[0]).toMatchObject({ source: many[2999]!.source, target: many[2999]!.target });
  });
});
