// The search folding moved to shared/fold.ts so the renderer can highlight hits with it; the pure
// layers keep importing it from here, as they always have.
export {
  FOLD_DROP,
  FOLD_SPACE,
  foldCodeUnit,
  foldTable,
  foldWithMap,
  normalizeForSearch,
  originalRange,
  toAsciiDigits,
  type FoldedWithMap,
} from '../shared/fold';
