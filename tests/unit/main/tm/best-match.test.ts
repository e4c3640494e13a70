// The oracle for pre-translation's and analysis's fast path: BestMatcher (exact by the folded source,
// then by match_key, fuzzy only when needed, once per repeated source) must choose what a full
// findMatches lookup chooses, paragraph by paragraph: the same unit with the same score, also for
// context matches, sources that score 100 without the same folded text, number changes and ties.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDocument } from '../../../../src-main/services/documents';
import { listPairs, setStatus } from '../../../../src-main/services/pairs';
import { analyze, BestMatcher, findMatches, type Segment } from '../../../../src-main/services/tm';
import { pretranslate } from '../../../../src-main/services/tm-writes';
import { documentSegments, insertUnit } from '../../../../src-main/store/repos/tm';
import { normalizeForSearch } from '../../../../src-main/text/arabic';
import { contextHash } from '../../../../src-main/tm/retrieval';
import { ArabicText } from '../../../fixtures/arabic-text';
import { as, testRuntime, type TestRuntime } from '../helpers';

let rt: TestRuntime;
beforeEach(() => {
  rt = testRuntime();
  as(rt, 'translator');
});
afterEach(() => rt.dispose());

const STATUSES = ['imported', 'translated', 'approved'] as const;

function addUnit(source: string, target: string, gen: ArabicText): void {
  // Few distinct statuses and dates, so ties are decided by status, date and id.
  const at = `2026-01-0${1 + Math.floor(gen.rnd() * 3)}T00:00:00.000Z`;
  insertUnit(rt.db, {
    source,
    target,
    source_norm: normalizeForSearch(source),
    target_norm: normalizeForSearch(target),
    source_lang: 'ar',
    target_lang: 'en',
    status: STATUSES[Math.floor(gen.rnd() * 3)]!,
    origin: 'tmx',
    origin_name: 'oracle.tmx',
    pair_id: null,
    document_id: null,
    context_hash: null,
    author: 'oracle',
    created_at: at,
    changed_at: at,
  });
}

/** Spacing around punctuation and a number written another way: the same exact key, another folded text. */
function respaced(p: string): string {
  return p.replace(/\.$/, ' .').replace(/ (\d{4})\b/, (_m, d: string) => ` ${d[0]},${d.slice(1)}`);
}

async function importLines(name: string, lines: string[]) {
  return importDocument(rt.ctx, { fileName: name, bytes: new TextEncoder().encode(lines.join('\n')), allowDuplicate: true });
}

function segmentsOf(documentId: number): Segment[] {
  const rows = documentSegments(rt.db, documentId);
  return rows.map((r, i) => ({
    pairId: r.id,
    source: r.source,
    sourceNorm: r.source_norm,
    contextHash: contextHash(rows[i - 1]?.source_norm ?? '', rows[i + 1]?.source_norm ?? ''),
  }));
}

describe('BestMatcher against findMatches', () => {
  it('chooses the same unit with the same score for every paragraph of a generated corpus', async () => {
    const gen = new ArabicText(3, 3000);
    const memory: string[] = [];
    for (let i = 0; i < 1500; i++) memory.push(gen.paragraph(6, 20));
    memory.forEach((s, i) => addUnit(s, `English ${i}.`, gen));
    // Ties: the same source again with another English, status or date; spaced and renumbered copies.
    for (let i = 0; i < 200; i++) addUnit(memory[i * 5]!, `Other English ${i}.`, gen);
    for (let i = 0; i < 100; i++) addUnit(memory[i * 7]!, `English ${i * 7}.`, gen);
    for (let i = 0; i < 150; i++) addUnit(respaced(memory[i * 3 + 1]!), `Spaced English ${i}.`, gen);
    // A number-only source (retrieval has no words to go by) and its respaced twin.
    addUnit('2023.', 'Year 2023.', gen);

    // A document whose confirmed pairs become units with their neighbours: context matches later.
    const confirmedLines = memory.slice(300, 340);
    const a = await importLines('a.txt', confirmedLines);
    for (const p of listPairs(rt.ctx, a.id, 0, 100).items.filter((_, i) => i % 2 === 0)) {
      setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'confirm', target: `Confirmed ${p.position}.` });
    }

    // Confirmed paragraphs the memory had nothing for: their own unit is their best fuzzy candidate,
    // and must be left out (a repeat of one finds it as an exact match instead).
    const fresh = [gen.paragraph(6, 20), gen.paragraph(6, 20), gen.paragraph(6, 20)];
    const c = await importLines('c.txt', [...fresh, fresh[0]!, gen.variant(fresh[1]!)]);
    for (const p of listPairs(rt.ctx, c.id, 0, 100).items.slice(0, 3)) {
      setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'confirm', target: `Fresh ${p.position}.` });
    }

    const pick = () => memory[Math.floor(gen.rnd() * memory.length)]!;
    const lines: string[] = [...confirmedLines.slice(0, 20)]; // context: same neighbours as in a.txt
    for (let i = 0; i < 400; i++) {
      const r = i % 8;
      lines.push(
        r === 0
          ? pick()
          : r === 1
            ? gen.variant(pick())
            : r === 2
              ? respaced(pick())
              : r === 3
                ? pick().replace(/\d+/, (d) => String(Number(d) + 1)) // a changed number: 99
                : r === 4 && lines.length > 0
                  ? lines[Math.floor(gen.rnd() * lines.length)]! // a repetition
                  : r === 5
                    ? `${pick().slice(0, -1)} ${gen.word()}.`
                    : r === 6
                      ? '2023 .'
                      : gen.paragraph(6, 20),
      );
    }
    const b = await importLines('b.txt', lines);

    const kinds = new Map<string, number>();
    for (const documentId of [a.id, b.id, c.id]) {
      for (const minScore of [50, 99, 100, 101]) {
        const matcher = new BestMatcher(rt.db, minScore);
        for (const seg of segmentsOf(documentId)) {
          const want = findMatches(rt.db, seg, minScore, 1)[0];
          const got = matcher.best(seg);
          expect([seg.pairId, got?.unit.id, got?.score], `min ${minScore}`).toEqual([seg.pairId, want?.unit.id, want?.score]);
          const k = want ? `${want.kind}${want.score === 99 ? '99' : ''}` : 'none';
          kinds.set(k, (kinds.get(k) ?? 0) + 1);
        }
      }
    }
    // The corpus exercised every kind of answer.
    expect([...kinds.keys()].sort()).toEqual(['context', 'exact', 'fuzzy', 'fuzzy99', 'none']);
    // Own units are never offered: a.txt's confirmed pairs match other units or nothing, not themselves.
    expect(kinds.get('context')).toBeGreaterThan(5);
  });

  it('a source that differs only in spacing and number grouping is a 100% match, filled at a 100% threshold', async () => {
    const gen = new ArabicText(5, 500);
    const p = `${gen.paragraph(8, 10).slice(0, -1)} 1500.`;
    addUnit(p, 'It costs 1,500.', gen);
    const doc = await importLines('d.txt', [respaced(p.replace('1500', '1234')), p.replace(/\.$/, ' .')]);
    const r = pretranslate(rt.ctx, { documentId: doc.id, minScore: 100 });
    // 1,234 differs in value: 99, not filled; "… 1500 ." has the same key: filled as 100.
    expect(r).toMatchObject({ filled: 1, translated: 1, unmatched: 1 });
    expect(listPairs(rt.ctx, doc.id, 0, 10).items.map((x) => x.target)).toEqual(['', 'It costs 1,500.']);
    expect(analyze(rt.ctx, doc.id).bands.exact.segments).toBe(1);
    expect(analyze(rt.ctx, doc.id).bands.fuzzy95.segments).toBe(1);
  });
});
