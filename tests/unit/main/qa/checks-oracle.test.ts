// The checks on a varied corpus (tests/unit/main/qa/corpus.ts) give exactly the issues recorded
// before the speed rewrite (corpus-issues.json: a digest per set-up and pair, made by the code of
// 02839bc). A change meant to alter what a check reports regenerates the file, and says so.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkDocument,
  checkPair,
  checkPairBeforeFigures,
  documentFigures,
  documentIssues,
  type QaContext,
} from '../../../../src-main/qa/checks';
import { QA_CHECKS, type QaCheckId, type QaIssue } from '../../../../src-main/qa/types';
import { TermIndex, type Term } from '../../../../src-main/qa/terms';
import { englishSpeller } from '../../../../src-main/services/spell';
import { corpusGlossary, corpusIssues, corpusPairs, issueDigests } from './corpus';

const recorded = JSON.parse(readFileSync(new URL('./corpus-issues.json', import.meta.url), 'utf8')) as Record<
  string,
  Record<string, string>
>;

describe('QA checks on a varied corpus', () => {
  const now = issueDigests(corpusIssues(checkDocument, (t) => new TermIndex(t as Term[]), englishSpeller()));

  it.each(Object.keys(recorded))('%s: the same issues on every pair as before', (setup) => {
    const differing = Object.keys({ ...recorded[setup], ...now[setup] }).filter(
      (id) => recorded[setup]![id] !== now[setup]![Number(id)],
    );
    expect(differing).toEqual([]);
    expect(Object.keys(recorded[setup]!).length).toBeGreaterThan(300);
  });

  it('judging only the state gives the state of the full list, whatever is marked "not an error"', () => {
    const pairs = corpusPairs(600);
    const glossary = new TermIndex(corpusGlossary(500));
    const document = documentFigures(pairs);
    const speller = englishSpeller();
    // Marks on a pseudo-random third of each pair's checks (errors cannot be marked).
    const isIgnored = (pair: { id: number }, check: QaCheckId) => (pair.id * 31 + QA_CHECKS.indexOf(check) * 7) % 3 === 0;
    const stateOf = (pair: { id: number }, issues: QaIssue[]) =>
      issues.some((i) => i.severity === 'error') ? 2 : issues.some((i) => !isIgnored(pair, i.check)) ? 1 : 0;
    const setups: Omit<QaContext, 'document' | 'stateOnly'>[] = [
      {},
      { glossary, speller },
      { glossary, speller, disabled: new Set<QaCheckId>(['number-extra', 'term-missing', 'spacing']) },
    ];
    const counts = [0, 0, 0];
    for (const setup of setups) {
      for (const p of pairs) {
        const full = stateOf(p, checkPair(p, { ...setup, document }));
        const judged = stateOf(p, checkPair(p, { ...setup, document, stateOnly: { isIgnored } }));
        expect(judged, `pair ${p.id}`).toBe(full);
        counts[full]!++;
      }
    }
    // Each state occurs often: the agreement is not vacuous.
    for (const c of counts) expect(c).toBeGreaterThan(50);
  });

  it("in two steps (every check but the figures' first, then those spliced in) gives checkPair's list", () => {
    const pairs = corpusPairs(600);
    const glossary = new TermIndex(corpusGlossary(500));
    const document = documentFigures(pairs);
    const speller = englishSpeller();
    const setups: Omit<QaContext, 'document'>[] = [
      {},
      { glossary, speller },
      { glossary, speller, disabled: new Set<QaCheckId>(['length-ratio', 'term-missing', 'inconsistent-source']) },
    ];
    let spliced = 0;
    for (const setup of setups) {
      for (const p of pairs) {
        const { issues, at } = checkPairBeforeFigures(p, setup);
        if (at >= 0) {
          const more = documentIssues(p, { ...setup, document });
          spliced += more.length;
          issues.splice(at, 0, ...more);
        }
        expect(issues, `pair ${p.id}`).toEqual(checkPair(p, { ...setup, document }));
      }
    }
    // Length and consistency issues were found and put in their place: the agreement is not vacuous.
    expect(spliced).toBeGreaterThan(50);
  });
});
