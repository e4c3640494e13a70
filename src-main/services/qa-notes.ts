// QA issues worded for the bilingual review's QA column, in the language of the rest of that
// document's labels (English), with the messages the app shows (the renderer's locale file).
import en from '../../src-renderer/locales/en.json' with { type: 'json' };
import type { QaNote } from '../formats/model';
import { createI18n } from '../shared/i18n';
import type { QaIssue, QaReport } from '../shared/qa';

let t: ((key: string, params: Record<string, string | number>) => string) | undefined;

/** Each pair's standing issues (warnings marked "not an error" left out), errors first. */
export function qaNotes(report: QaReport): Map<number, QaNote[]> {
  const notes = new Map<number, QaNote[]>();
  for (const p of report.pairs) {
    const n = pairNotes(p.issues);
    if (n) notes.set(p.pairId, n);
  }
  return notes;
}

/** One pair's standing issues worded, errors first; undefined when none stands. */
export function pairNotes(issues: readonly QaIssue[]): QaNote[] | undefined {
  if (issues.length === 0) return undefined;
  const standing = issues.filter((i) => !i.ignored);
  if (standing.length === 0) return undefined;
  if (!t) {
    const i18n = createI18n({ en, ar: en }, 'en');
    t = (key, params) => i18n.t(key, { ...params, defaultValue: key });
  }
  standing.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return standing.map((i) => ({ severity: i.severity, text: worded(i) }));
}

// The same issue with the same figures reads the same: a review of 100k pairs words a few thousand
// distinct notes, and i18next's lookup and interpolation cost more than the checks that found them.
const MEMO_LIMIT = 10_000;
const memo = new Map<string, string>();

function worded(i: QaIssue): string {
  const key = `${i.check}\u0000${JSON.stringify(i.params)}`;
  let text = memo.get(key);
  if (text === undefined) {
    text = t!(`qa.check.${i.check}`, i.params);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, text);
  }
  return text;
}
