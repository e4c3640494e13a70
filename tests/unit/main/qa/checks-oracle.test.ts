// The checks on a varied corpus (tests/unit/main/qa/corpus.ts) give exactly the issues recorded
// before the speed rewrite (corpus-issues.json: a digest per set-up and pair, made by the code of
// 02839bc). A change meant to alter what a check reports regenerates the file, and says so.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../../../src-main/qa/checks';
import { TermIndex, type Term } from '../../../../src-main/qa/terms';
import { englishSpeller } from '../../../../src-main/services/spell';
import { corpusIssues, issueDigests } from './corpus';

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
});
