// The bilingual review's QA column over a whole document: the compact document figures (only the
// pairs that share a side with another, found by hashes) give every pair the issues the full
// figures give, whatever the hash collides on; and the notes' wording, looked up once per distinct
// issue, still follows each issue's own figures.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPair, documentFigures } from '../../../../src-main/qa/checks';
import { storeImported } from '../../../../src-main/services/documents';
import { compactFigures, hash32 } from '../../../../src-main/services/qa-figures';
import { pairNotes } from '../../../../src-main/services/qa-notes';
import type { QaIssue } from '../../../../src-main/shared/qa';
import { qaRows } from '../../../../src-main/store/repos/qa';
import { testRuntime, type TestRuntime } from '../helpers';

let rt: TestRuntime;
beforeEach(() => (rt = testRuntime()));
afterEach(() => rt.dispose());

function storeDocument(): number {
  const paragraphs = [
    // One source translated two ways (inconsistent target), and the same again with harakat.
    { source: 'وقع الاتفاق في العاصمة.', target: 'The agreement was signed in the capital.' },
    { source: 'وقع الاتفاق في العاصمة.', target: 'The deal was signed in the capital.' },
    { source: 'وَقَّعَ الاتفاق في العاصمة.', target: 'The accord was signed in the capital!' },
    // One target for two sources (inconsistent source), differing only in case and final punctuation.
    { source: 'قال المتحدث إن المحادثات انتهت.', target: 'The talks ended.' },
    { source: 'أعلن الوزير انتهاء المحادثات.', target: 'the talks ended' },
    // Repeated but consistent; untranslated; excluded with a rival target.
    { source: 'جملة مكررة هنا.', target: 'A repeated sentence here.' },
    { source: 'جملة مكررة هنا.', target: 'A repeated sentence here.' },
    { source: 'وقع الاتفاق في العاصمة.' },
    { source: 'وقع الاتفاق في العاصمة.', target: 'Something else entirely.', excluded: true },
    // A far too short translation among ordinary ones (length ratio), and unique pairs.
    { source: 'تحدث الرئيس طويلا عن الاقتصاد والتجارة والعلاقات مع الدول المجاورة في المنطقة.', target: 'He spoke.' },
    ...Array.from({ length: 24 }, (_, i) => ({
      source: `فقرة رقم ${i} عن المحادثات الطويلة في المدينة.`,
      target: `Paragraph number ${i} about the long talks in the city.`,
    })),
  ];
  return storeImported(
    rt.ctx,
    {
      format: 'xliff20',
      sourceLang: 'ar',
      targetLang: 'en',
      warnings: [],
      paragraphs: paragraphs.map((p) => ({ ...p, status: p.target ? ('translated' as const) : ('new' as const) })),
    },
    { fileName: 'qa-column.xlf', hash: '4'.repeat(64) },
    () => {},
  );
}

describe('compact document figures', () => {
  it('give every pair the issues of the full figures, whatever the hash collides on', () => {
    const documentId = storeDocument();
    const rows = qaRows(rt.db, documentId);
    const full = documentFigures(rows);
    const expected = rows.map((p) => checkPair(p, { document: full }));
    const kinds = new Set(expected.flat().map((i) => i.check));
    for (const c of ['inconsistent-target', 'inconsistent-source', 'length-ratio', 'empty-target'] as const)
      expect(kinds).toContain(c);
    const hashes: Array<[string, (s: string) => number]> = [
      ['fnv-1a', hash32],
      ['everything collides', () => 0],
      ['collides by length parity', (s) => s.length & 1],
    ];
    for (const [name, hash] of hashes) {
      const compact = compactFigures(rt.db, documentId, hash);
      expect(compact.lengthFences, name).toEqual(full.lengthFences);
      expect(
        rows.map((p) => checkPair(p, { document: compact })),
        name,
      ).toEqual(expected);
    }
    // Held: only the pairs that share a folded source or a target key with another (7 of 34).
    expect(compactFigures(rt.db, documentId).byPair.size).toBe(7);
    expect(full.byPair.size).toBe(rows.length);
  });
});

describe('QA notes', () => {
  it('word each issue with its own figures, also when the same issue was worded before', () => {
    const issue = (ratio: number): QaIssue => ({
      check: 'length-ratio',
      severity: 'warning',
      params: { ratio, direction: 'short' },
      ranges: [],
    });
    const first = pairNotes([issue(0.2)])!;
    expect(pairNotes([issue(0.3)])![0]!.text).not.toBe(first[0]!.text);
    expect(pairNotes([issue(0.2)])).toEqual(first);
    expect(first[0]!.text).toContain('0.2');
  });
});
