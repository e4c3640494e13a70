import {
  ERROR_CATEGORIES,
  SEVERITIES,
  SEVERITY_WEIGHT,
  type ErrorCategory,
  type QualitySummary,
  type Severity,
  type Stats,
} from '../shared/domain';
import { documentErrors } from '../store/repos/comments';
import { documentStats } from '../store/repos/documents';
import type { ServiceContext } from './context';
import { getDocument } from './documents';

export function stats(ctx: ServiceContext, documentId: number): Stats {
  getDocument(ctx, documentId);
  return documentStats(ctx.db, documentId);
}

/** Errors per category and severity, weighted into penalty points per 1,000 reviewed words. */
export function quality(ctx: ServiceContext, documentId: number): QualitySummary {
  const s = stats(ctx, documentId);
  const byCategory = Object.fromEntries(
    ERROR_CATEGORIES.map((c) => [c, Object.fromEntries(SEVERITIES.map((v) => [v, 0])) as Record<Severity, number>]),
  ) as Record<ErrorCategory, Record<Severity, number>>;
  let penaltyPoints = 0;
  const errors = documentErrors(ctx.db, documentId);
  for (const e of errors) {
    byCategory[e.category][e.severity]++;
    penaltyPoints += SEVERITY_WEIGHT[e.severity];
  }
  const reviewedWords = s.byStatus.approved.words + s.byStatus.rejected.words;
  const penaltyPer1000 = reviewedWords > 0 ? Math.round((penaltyPoints * 1000 * 10) / reviewedWords) / 10 : 0;
  return {
    byCategory,
    errors: errors.length,
    penaltyPoints,
    reviewedWords,
    penaltyPer1000,
    score: Math.max(0, Math.round((100 - penaltyPer1000) * 10) / 10),
  };
}
