// QA figures: live checks of one pair, a whole document, glossary recognition with 10k terms.
import { performance } from 'node:perf_hooks';
import { checkDocument, checkPair, documentFigures } from '../../src-main/qa/checks';
import { TermIndex, type Term } from '../../src-main/qa/terms';
import type { QaPair } from '../../src-main/qa/types';
import { englishSpeller } from '../../src-main/services/spell';
import { normalizeForSearch } from '../../src-main/text/arabic';
import { generateParagraphs, round, stats } from './store';

/**
 * A 10k-term glossary: 300 terms made of words the bench paragraphs really contain (one to three
 * words, so each paragraph has several hits), the rest generated Arabic words that rarely occur.
 */
export function glossary(n: number): Term[] {
  const real = generateParagraphs(300, 7).map((p) => p.replace('.', '').split(' '));
  const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
  let seed = 99;
  const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * k;
  const word = () => Array.from({ length: 3 + Math.floor(rnd(5)) }, () => letters[Math.floor(rnd(letters.length))]).join('');
  return Array.from({ length: n }, (_, i) => {
    const len = 1 + (i % 3);
    const source = i < real.length ? real[i]!.slice(i % 5, (i % 5) + len).join(' ') : Array.from({ length: len }, word).join(' ');
    return { id: i + 1, source, target: `term ${i}` };
  });
}

export function benchQa(log: (s: string) => void): {
  livePair: { median: number; p99: number };
  document100k: { ms: number; issues: number };
  /** The same document with the en-US speller and no glossary (the service's usual set-up). */
  document100kSpelling: { ms: number; issues: number };
  glossary10k: { buildMs: number; perParagraph: { median: number; p99: number } };
} {
  log('QA: 100k pairs');
  const sources = generateParagraphs(100_000, 11);
  const pairs: QaPair[] = sources.map((s, i) => ({
    id: i + 1,
    source: s,
    // As the store hands them over (pairs.source_norm): the checks do not fold the source again.
    sourceFolded: normalizeForSearch(s),
    target: i % 7 === 0 ? '' : `The spokeswoman said in 2022 that the forces, ${i} of them, ended their mission.`,
    excluded: false,
  }));
  const t0 = performance.now();
  const index = new TermIndex(glossary(10_000));
  const buildMs = round(performance.now() - t0);
  const rec: number[] = [];
  for (const s of sources.slice(0, 2000)) {
    const t = performance.now();
    index.find(s);
    rec.push(performance.now() - t);
  }
  const figures = documentFigures(pairs);
  const live: number[] = [];
  for (const p of pairs.slice(0, 2000)) {
    const t = performance.now();
    checkPair(p, { glossary: index, document: figures });
    live.push(performance.now() - t);
  }
  const t1 = performance.now();
  const report = checkDocument(pairs, { glossary: index });
  const docMs = round(performance.now() - t1);
  let issues = 0;
  for (const list of report.values()) issues += list.length;
  const speller = englishSpeller();
  const t2 = performance.now();
  const spelled = checkDocument(pairs, { speller });
  const spellMs = round(performance.now() - t2);
  let spellIssues = 0;
  for (const list of spelled.values()) spellIssues += list.length;
  const pick = (s: ReturnType<typeof stats>) => ({ median: round(s.median), p99: round(s.p99) });
  return {
    livePair: pick(stats(live)),
    document100k: { ms: docMs, issues },
    document100kSpelling: { ms: spellMs, issues: spellIssues },
    glossary10k: { buildMs, perParagraph: pick(stats(rec)) },
  };
}
