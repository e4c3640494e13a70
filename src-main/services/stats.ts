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
import { reviewedCounts } from '../store/repos/revisions';
import type { ServiceContext } from './context';
import { getDocument } from './documents';

export function getStats(ctx: ServiceContext, documentId: number): Stats {
  getDocument(ctx, documentId);
  return documentStats(ctx.db, documentId);
}

/**
 * The LQA scorecard (MQM/LISA family): errors from rejections, weighted by severity into penalty
 * points, normalised per 1,000 reviewed source words; score = 100 − that, floored at 0. Reviewed
 * words are those of every segment an editor approved or rejected, whatever its status now.
 */
export function getQuality(ctx: ServiceContext, documentId: number): QualitySummary {
  getDocument(ctx, documentId);
  const byCategory = Object.fromEntries(
    ERROR_CATEGORIES.map((c) => [c, Object.fromEntries(SEVERITIES.map((v) => [v, 0])) as Record<Severity, number>]),
  ) as Record<ErrorCategory, Record<Severity, number>>;
  let penaltyPoints = 0;
  const errors = documentErrors(ctx.db, documentId);
  for (const e of errors) {
    byCategory[e.category][e.severity]++;
    penaltyPoints += SEVERITY_WEIGHT[e.severity];
  }
  const reviewed = reviewedCounts(ctx.db, documentId);
  const reviewedWords = reviewed.words;
  const penaltyPer1000 = reviewedWords > 0 ? Math.round((penaltyPoints * 1000 * 10) / reviewedWords) / 10 : 0;
  return {
    byCategory,
    errors: errors.length,
    penaltyPoints,
    reviewedWords,
    reviewedSegments: reviewed.segments,
    penaltyPer1000,
    score: Math.max(0, Math.round((100 - penaltyPer1000) * 10) / 10),
  };
}
