// Find & replace in a document (issue 11.4). The preview runs every match and writes nothing; a
// replace writes the pairs the user saw in the preview, each only if its version is still the one
// previewed (so a concurrent edit is never overwritten by text computed from the old one), through
// the one write path as one 'replace' batch: listed in history, undone with tm:undo-batch.
// Approved (locked) and excluded pairs are never replaced, whatever the caller sends.
import type { ParsedInput } from '../shared/contract';
import { checkAction, statusAfterEdit, type Pair } from '../shared/domain';
import { FIND_PREVIEW_PAIRS, type FindPairHit, type FindResult, type FindSkip, type ReplaceResult } from '../shared/find';
import { normaliseCodes } from '../shared/inline';
import * as repo from '../store/repos/pairs';
import { FIND_TIME_LIMIT_MS, findAll, replaceHits, type FindOptions, type Hit } from '../text/find';
import { actor, type Actor, type ServiceContext } from './context';
import { getDocument } from './documents';
import { applyChange, batchTransaction } from './pair-writes';

type FindInput = ParsedInput<'find:preview'>;

interface Matched {
  pair: Pair;
  sourceHits: Hit[];
  targetHits: Hit[];
}

const options = (input: FindInput): FindOptions => ({
  find: input.find,
  matchCase: input.matchCase,
  wholeWord: input.wholeWord,
  regex: input.regex,
});

/** Every pair of `pairs` with a hit on a searched side; one time budget for the whole scan. */
function match(pairs: readonly Pair[], input: FindInput): Matched[] {
  const deadline = Date.now() + FIND_TIME_LIMIT_MS;
  const opts = options(input);
  const none = pairs.map((): Hit[] => []);
  const source =
    input.in === 'target'
      ? none
      : findAll(
          pairs.map((p) => p.source),
          opts,
          'source',
          deadline,
        );
  const target =
    input.in === 'source'
      ? none
      : findAll(
          pairs.map((p) => p.target),
          opts,
          'target',
          deadline,
        );
  const out: Matched[] = [];
  pairs.forEach((pair, i) => {
    if (source[i]!.length > 0 || target[i]!.length > 0) out.push({ pair, sourceHits: source[i]!, targetHits: target[i]! });
  });
  return out;
}

function skipOf(who: Actor, pair: Pair): FindSkip | null {
  const verdict = checkAction(who.role, 'edit', pair);
  if (verdict.ok) return null;
  return verdict.reason === 'locked' || verdict.reason === 'excluded' ? verdict.reason : 'forbidden';
}

/** The English after replacing, with its codes moved along; null when nothing would be replaced. */
function replaced(m: Matched, input: FindInput): { target: string; codes: Pair['targetCodes'] } | null {
  if (input.replace === undefined || input.in === 'source' || m.targetHits.length === 0) return null;
  const r = replaceHits(m.pair.target, m.targetHits, input.replace, input.regex);
  if (r.text === m.pair.target) return null;
  const codes = m.pair.targetCodes
    ? normaliseCodes(
        r.text,
        m.pair.targetCodes.map((c) => ({ ...c, pos: r.shift(c.pos) })),
      )
    : null;
  return { target: r.text, codes };
}

export function preview(ctx: ServiceContext, input: FindInput): FindResult {
  getDocument(ctx, input.documentId);
  const who = actor(ctx);
  const result: FindResult = {
    pairs: [],
    matchedPairs: 0,
    sourceHits: 0,
    targetHits: 0,
    replaceable: [],
    replaceableHits: 0,
    skipped: { locked: 0, excluded: 0, forbidden: 0 },
  };
  for (const m of match(repo.pairsOfDocument(ctx.db, input.documentId), input)) {
    const skip = skipOf(who, m.pair);
    const after = replaced(m, input);
    result.matchedPairs++;
    result.sourceHits += m.sourceHits.length;
    result.targetHits += m.targetHits.length;
    // A skipped pair is counted only when the replacement would have touched it.
    if (skip && (input.replace === undefined || after)) result.skipped[skip]++;
    if (!skip && after) {
      result.replaceable.push({ pairId: m.pair.id, version: m.pair.version });
      result.replaceableHits += m.targetHits.length;
    }
    if (result.pairs.length < FIND_PREVIEW_PAIRS) {
      const hit: FindPairHit = {
        pairId: m.pair.id,
        position: m.pair.position,
        version: m.pair.version,
        source: m.pair.source,
        target: m.pair.target,
        sourceHits: m.sourceHits.map((h) => [h.start, h.end]),
        targetHits: m.targetHits.map((h) => [h.start, h.end]),
        // A locked pair shows no "after": it will not get one.
        after: skip ? null : (after?.target ?? null),
        skip,
      };
      result.pairs.push(hit);
    }
  }
  return result;
}

export function replace(ctx: ServiceContext, input: ParsedInput<'find:replace'>): ReplaceResult {
  getDocument(ctx, input.documentId);
  const who = actor(ctx);
  const result: ReplaceResult = {
    batchId: null,
    replacedPairs: 0,
    replacedHits: 0,
    skipped: { locked: 0, excluded: 0, forbidden: 0, changed: 0 },
  };
  const expected = new Map(input.pairs.map((p) => [p.pairId, p.version]));
  // Matching (the slow, time-limited part) runs before the write transaction, on the pairs as they
  // are now; inside it, a pair is written only if its version is still the one matched and previewed.
  const current = repo.pairsOfDocument(ctx.db, input.documentId).filter((p) => expected.has(p.id));
  result.skipped.changed = expected.size - current.length;
  const fresh = current.filter((p) => {
    if (p.version === expected.get(p.id)) return true;
    result.skipped.changed++;
    return false;
  });
  const plans = match(fresh, { ...input, in: 'target' });
  result.skipped.changed += fresh.length - plans.length; // no longer matches (cannot happen at the same version, kept honest)
  const note = `“${input.find}” → “${input.replace}”`.slice(0, 500);
  batchTransaction(ctx, { documentId: input.documentId, origin: 'replace', who, note }, (batchId) => {
    const at = ctx.now();
    for (const m of plans) {
      const pair = repo.getPair(ctx.db, m.pair.id);
      if (!pair || pair.version !== m.pair.version) {
        result.skipped.changed++;
        continue;
      }
      const skip = skipOf(who, pair);
      if (skip) {
        result.skipped[skip]++;
        continue;
      }
      const next = replaced(m, input);
      if (!next) continue;
      applyChange(
        ctx,
        pair,
        { target: next.target, targetCodes: next.codes, status: statusAfterEdit(pair.status, next.target) },
        who,
        { kind: 'replace', origin: 'replace', note, at },
      );
      result.replacedPairs++;
      result.replacedHits += m.targetHits.length;
    }
    result.batchId = result.replacedPairs > 0 ? batchId : null;
  });
  return result;
}
