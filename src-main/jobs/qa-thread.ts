// The document QA's second thread (started by qa-threads.ts in the job worker): checks the rows it
// is given with the checks the job worker runs, its own en-US speller and glossary index (kept from
// one run to the next while the glossary's version is the same), and answers their issues in
// order. Each message is posted, then announced on the shared signal: the job worker sleeps in
// Atomics.wait and reads it synchronously.
import { workerData } from 'node:worker_threads';
import { checkPair, type QaContext } from '../qa/checks';
import { TermIndex } from '../qa/terms';
import type { QaCheckId, QaIssue } from '../qa/types';
import { englishSpeller } from '../services/spell';
import { toAppError } from '../shared/errors';
import { packIssues, unpackPairs } from './qa-issues-pack';
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

function contextOf(part: QaThreadPart): QaContext {
  if (part.glossary && part.glossary.key !== glossary?.key) {
    // The job worker sends the terms whenever it does not know this thread holds that version.
    if (!part.glossary.terms) throw new Error(`QA thread: no terms for glossary ${part.glossary.key}`);
    glossary = { key: part.glossary.key, index: new TermIndex(part.glossary.terms) };
  }
  const wordsKey = part.accepted.join('\n');
  if (accepted?.key !== wordsKey) accepted = { key: wordsKey, words: new Set(part.accepted) };
  const consistency = new Map(part.consistency);
  const ignored = part.ignored ? new Map(part.ignored) : null;
  return {
    disabled: new Set(part.disabled),
    glossary: part.glossary ? glossary!.index : undefined,
    speller: part.speller ? englishSpeller() : undefined,
    acceptedWords: accepted.words,
    document: { lengthFences: part.lengthFences, targetsBySource: new Map(), sourcesByTarget: new Map(), byPair: new Map() },
    consistencyOf: (pair) => consistency.get(pair.id) ?? NONE,
    ...(ignored ? { stateOnly: { isIgnored: (pair, check: QaCheckId) => ignored.get(pair.id)?.includes(check) ?? false } } : {}),
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
    const ctx = contextOf(msg.part);
    const found: (QaIssue[] | null)[] = new Array<QaIssue[] | null>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      if (i > 0 && i % TELL_EVERY === 0) {
        // The job worker was cancelled (or failed): nobody reads the rest.
        if (Atomics.load(flags, 1) === seq) return;
        post({ type: 'progress', seq, done: i });
      }
      const issues = checkPair(rows[i]!, ctx);
      found[i] = issues.length === 0 ? null : issues;
    }
    // Packed (qa-issues-pack.ts): the job worker reads them several times faster than a copy of the objects.
    const packed = packIssues(found);
    post({ type: 'done', seq, rows: rows.length, found: packed }, [packed.ints.buffer as ArrayBuffer]);
  } catch (e) {
    const error = toAppError(e);
    if (error.code === 'internal') console.error('[qalam] the QA thread failed:', e);
    post({ type: 'failed', seq, error });
  }
});
