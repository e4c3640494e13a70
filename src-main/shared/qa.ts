// The vocabulary of automatic quality checks, shared by both processes (the renderer shows what
// the main process found). The checks themselves live in src-main/qa/.

export const QA_CHECKS = [
  'empty-target',
  'same-as-source',
  'arabic-in-target',
  'number-missing',
  'number-extra',
  'latin-missing',
  'end-punctuation',
  'unbalanced-pairs',
  'invisible-chars',
  'spacing',
  'length-ratio',
  'inconsistent-target',
  'inconsistent-source',
  'term-missing',
  'term-forbidden',
  'spelling',
] as const;
export type QaCheckId = (typeof QA_CHECKS)[number];

export type QaSeverity = 'error' | 'warning';

/** Errors ask before an approval; warnings inform. */
export const QA_SEVERITY: Record<QaCheckId, QaSeverity> = {
  'empty-target': 'error',
  'same-as-source': 'warning',
  'arabic-in-target': 'error',
  'number-missing': 'error',
  'number-extra': 'warning',
  'latin-missing': 'warning',
  'end-punctuation': 'warning',
  'unbalanced-pairs': 'warning',
  'invisible-chars': 'warning',
  spacing: 'warning',
  'length-ratio': 'warning',
  'inconsistent-target': 'warning',
  'inconsistent-source': 'warning',
  'term-missing': 'warning',
  'term-forbidden': 'error',
  spelling: 'warning',
};

/** A range of UTF-16 code units in the original (unfolded) text of one side. */
export interface QaRange {
  side: 'source' | 'target';
  start: number;
  end: number;
}

export interface QaIssue {
  check: QaCheckId;
  severity: QaSeverity;
  /** Interpolated into the i18n key `qa.check.<check>`: what is wrong and where. */
  params: Record<string, string | number>;
  ranges: QaRange[];
  /** Set when a user marked this warning "not an error" for the pair's current text. */
  ignored?: { by: string; at: string };
}

export interface QaPairIssues {
  pairId: number;
  position: number;
  issues: QaIssue[];
}

export interface QaReport {
  documentId: number;
  /** Checks the document's profile has switched off. */
  disabled: QaCheckId[];
  errors: number;
  warnings: number;
  ignored: number;
  /** Per check: issues found (ignored ones not counted) and pairs affected. */
  byCheck: { check: QaCheckId; severity: QaSeverity; issues: number; pairs: number }[];
  /** Pairs with at least one issue, in document order. */
  pairs: QaPairIssues[];
}

/** Counts the issues that still stand. */
export function standingErrors(issues: readonly QaIssue[]): QaIssue[] {
  return issues.filter((i) => i.severity === 'error' && !i.ignored);
}
