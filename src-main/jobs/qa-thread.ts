// The document QA's second thread (started by qa-threads.ts in the job worker): checks the rows it
// is given with the checks the job worker runs, its own en-US speller and glossary index (kept from
// one run to the next while the glossary's version is the same), tallies them (marks, states,
// counts: qa-part.ts) and answers its part of the report packed, to go into the report as it is.
// Each message is posted, then announced on the shared signal: the job worker sleeps in
// Atomics.wait and reads it synchronously.
import { workerData } from 'node:worker_threads';
import { checkPair, type QaContext } from '../qa/checks';
import { TermIndex } from '../qa/terms';
import type { QaCheckId, QaIssue, QaPair } from '../qa/types';
import { targetHash } from '../services/qa-tally';
import { englishSpeller } from '../services/spell';
import { toAppError } from '../shared/errors';
import type { QaIgnore } from '../store/repos/qa';
import { unpackPairs } from './qa-issues-pack';
import { tallyPart } from './qa-part';
import type { FromQaThread, QaThreadData, QaThreadPart, ToQaThread } from './qa-thread-protocol';

const { port, signal } = workerData as QaThreadData;
const flags = new Int32Array(signal);
/** Rows checked between two progress messages (and looks at the stop flag). */
const TELL_EVERY = 500;
const NONE: QaIssue[] = [];

function post(msg: FromQaThread, transfer?: ArrayBuffer[]): void {
  port.postMessage(msg, transfer);
  Atomics.add(flags, 0, 1);
  Atomics.notify(flags, 0);
}

let glossary: { key: string; index: TermIndex } | null = null;
/** Kept while the words are the same: the spelling memo (qa/checks.ts) is per set. */
let accepted: { key: string; words: ReadonlySet<string> } | null = null;

function contextOf(part: QaThreadPart, ignores: ReadonlyMap<number, QaIgnore[]>): QaContext {
  if (part.glossary && part.glossary.key !== glossary?.key) {
    // The job worker sends the terms whenever it does not know this thread holds that version.
    if (!part.glossary.terms) throw new Error(`QA thread: no terms for glossary ${part.glossary.key}`);
    glossary = { key: part.glossary.key, index: new TermIndex(part.glossary.terms) };
  }
  const wordsKey = part.accepted.join('\n');
  if (accepted?.key !== wordsKey) accepted = { key: wordsKey, words: new Set(part.accepted) };
  const consistency = new Map(part.consistency);
  // Judging: whether a check's warnings are marked "not an error" on the pair's current text (as services/qa.ts judgeDocument).
  const isIgnored = (pair: QaPair, check: QaCheckId): boolean => {
    const marks = ignores.get(pair.id);
    if (!marks) return false;
    const hash = targetHash(pair.target);
    return marks.some((g) => g.check === check && g.targetHash === hash);
  };
  return {
    disabled: new Set(part.disabled),
    glossary: part.glossary ? glossary!.index : undefined,
    speller: part.speller ? englishSpeller() : undefined,
    acceptedWords: accepted.words,
    document: { lengthFences: part.lengthFences, targetsBySource: new Map(), sourcesByTarget: new Map(), byPair: new Map() },
    consistencyOf: (pair) => consistency.get(pair.id) ?? NONE,
    ...(part.judge ? { stateOnly: { isIgnored } } : {}),
  };
}

port.on('message', (msg: ToQaThread) => {
  if (msg.type === 'warm') {
    if (msg.speller) englishSpeller();
    return;
  }
  const { seq } = msg;
  const rows = unpackPairs(msg.rows);
  try {
    const ignores = new Map(msg.part.ignores);
    const ctx = contextOf(msg.part, ignores);
    const part = tallyPart({
      rows,
      check: (row) => checkPair(row, ctx),
      ignores,
      judge: msg.part.judge,
      follow: msg.part.follow,
      every: TELL_EVERY,
      tick: (i) => {
        if (i === 0) return true;
        // The job worker was cancelled (or failed): nobody reads the rest.
        if (Atomics.load(flags, 1) === seq) return false;
        post({ type: 'progress', seq, done: i });
        return true;
      },
    });
    if (!part) return;
    const buffers: ArrayBuffer[] = [part.changed.buffer as ArrayBuffer];
    if (part.pairs)
      buffers.push(
        part.pairs.pairIds.buffer as ArrayBuffer,
        part.pairs.positions.buffer as ArrayBuffer,
        part.pairs.issues.ints.buffer as ArrayBuffer,
      );
    post({ type: 'done', seq, rows: rows.length, part }, buffers);
  } catch (e) {
    const error = toAppError(e);
    if (error.code === 'internal') console.error('[qalam] the QA thread failed:', e);
    post({ type: 'failed', seq, error });
  }
});
