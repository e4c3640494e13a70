// The checks work on plain pairs; the vocabulary they report in is shared with the renderer.
import type { SourceFacts } from './facts';

export { QA_CHECKS, QA_SEVERITY, type QaCheckId, type QaIssue, type QaRange, type QaSeverity } from '../shared/qa';

export interface QaPair {
  id: number;
  source: string;
  target: string;
  excluded: boolean;
  /** The source in the search folding when the caller has it stored (pairs.source_norm): not folded again. */
  sourceFolded?: string;
  /**
   * What the checks read of the source, when the caller has it (a document's packed facts: qa/facts.ts);
   * without it they work it out from `source`.
   */
  facts?: SourceFacts;
}
