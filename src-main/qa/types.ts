// The vocabulary of automatic quality checks. Pure: the checks run in the main process, in a
// worker, in the CLI, and in tests, on plain data.

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

/** Errors block a silent approval; warnings inform. */
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
  /** i18n key `qa.check.<check>` with these values interpolated: what is wrong and where. */
  params: Record<string, string | number>;
  ranges: QaRange[];
}

export interface QaPair {
  id: number;
  source: string;
  target: string;
  excluded: boolean;
}
