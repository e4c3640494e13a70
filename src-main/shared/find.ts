// Find & replace across a document (issue 11.4): what the renderer asks and what it is shown. The
// matching lives in src-main/text/find.ts, the writes in services/find.ts (one batch per replace).

export const FIND_SCOPES = ['source', 'target', 'both'] as const;
export type FindScope = (typeof FIND_SCOPES)[number];
/** Query and replacement lengths the contract accepts. */
export const FIND_MAX_CHARS = 1000;
/** Pairs sent in full (texts, ranges, the text after replacing) in one preview; counts cover all. */
export const FIND_PREVIEW_PAIRS = 2000;

/** Why a matched pair's English will not be replaced. */
export type FindSkip = 'locked' | 'excluded' | 'forbidden';

export interface FindPairHit {
  pairId: number;
  position: number;
  version: number;
  source: string;
  target: string;
  /** [start, end) UTF-16 offsets into `source` / `target` of each hit. */
  sourceHits: [number, number][];
  targetHits: [number, number][];
  /** The English after replacing every target hit; null when nothing here would be replaced. */
  after: string | null;
  skip: FindSkip | null;
}

export interface FindResult {
  /** Matched pairs in document order, at most FIND_PREVIEW_PAIRS of them. */
  pairs: FindPairHit[];
  /** Pairs matched in all (more than `pairs.length` when the list was cut). */
  matchedPairs: number;
  sourceHits: number;
  targetHits: number;
  /** Every pair whose English would change, with the version seen: what "Replace all" sends back. */
  replaceable: { pairId: number; version: number }[];
  /** Target hits in the replaceable pairs. */
  replaceableHits: number;
  /** Matched pairs whose English is left alone, by reason. */
  skipped: Record<FindSkip, number>;
}

export interface ReplaceResult {
  /** The batch the replacement wrote (undo it with tm:undo-batch); null when nothing changed. */
  batchId: number | null;
  replacedPairs: number;
  replacedHits: number;
  skipped: Record<FindSkip | 'changed', number>;
}
