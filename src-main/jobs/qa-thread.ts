// The document QA's second thread (started by qa-threads.ts in the job worker): reads its part of
// the document (the pairs from a position on) from its own read-only connection, in its own
// transaction, and tells the job worker the state of the document it read (the QA epoch) and the
// part's length ratios; once the job worker has sent the length fences and the part's consistency
// findings, checks the rows with the checks the job worker runs, its own en-US speller and glossary
// index (kept from one run to the next while the glossary's version is the same), tallies them
// (marks, states, counts: qa-part.ts) and answers its part of the report packed, to go into the
// report as it is. Each message is posted, then announced on the shared signal: the job worker
// sleeps in Atomics.wait and reads it synchronously (and this thread waits for the figures so).
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import {
  checkPair,
  checkPairBeforeFigures,
  consistencyIssuesOf,
  documentIssues,
  lengthRatios,
  type QaContext,
} from '../qa/checks';
import { factsOf } from '../qa/facts';
import { TermIndex, type Term } from '../qa/terms';
import { factRows, type MadeFacts } from '../services/qa-facts';
import type { QaCheckId, QaIssue, QaPair } from '../qa/types';
import { targetHash } from '../services/qa-tally';
import { englishSpeller } from '../services/spell';
import { toAppError } from '../shared/errors';
import { closeDatabase, openDatabase, type Db } from '../store/connection';
import * as repo from '../store/repos/qa';
import type { QaIgnore } from '../store/repos/qa';
import { tallyPart } from './qa-part';
import type { FromQaThread, QaThreadData, QaThreadFigures, QaThreadPart, ToQaThread } from './qa-thread-protocol';

const { port, signal, nativeBinding } = workerData as QaThreadData;
const flags = new Int32Array(signal);
/** Rows checked between two progress messages (and looks at the stop flag). */
const TELL_EVERY = 500;
const NONE: QaIssue[] = [];

function post(msg: FromQaThread, transfer?: ArrayBuffer[]): void {
  port.postMessage(msg, transfer);
  Atomics.add(flags, 0, 1);
  Atomics.notify(flags, 0);
}

let glossary: { key: string; index: TermIndex; terms: readonly Term[] } | null = null;
/** Kept while the words are the same: the spelling memo (qa/checks.ts) is per set. */
let accepted: { key: string; words: ReadonlySet<string> } | null = null;

function contextOf(part: QaThreadPart, ignores: ReadonlyMap<number, QaIgnore[]>): QaContext {
  if (part.glossary && part.glossary.key !== glossary?.key) {
    // The job worker sends the terms whenever it does not know this thread holds that version.
    if (!part.glossary.terms) throw new Error(`QA thread: no terms for glossary ${part.glossary.key}`);
    glossary = { key: part.glossary.key, index: new TermIndex(part.glossary.terms), terms: part.glossary.terms };
  }
  const wordsKey = part.accepted.join('\n');
  if (accepted?.key !== wordsKey) accepted = { key: wordsKey, words: new Set(part.accepted) };
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
    ...(part.judge ? { stateOnly: { isIgnored } } : {}),
  };
}

/** This thread's read-only connection to the job worker's database file, kept from one run to the next. */
let connection: { path: string; db: Db } | null = null;
function database(path: string): Db {
  if (connection?.path !== path) {
    if (connection) closeDatabase(connection.db);
    connection = {
      path,
      db: openDatabase(path, { readonly: true, checkedBy: 'main', ...(nativeBinding ? { nativeBinding } : {}) }),
    };
  }
  return connection.db;
}

/** The figures of run `seq` from the job worker, or null when it drops the run. */
function awaitFigures(seq: number): QaThreadFigures | null {
  for (;;) {
    const seen = Atomics.load(flags, 2);
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const msg = m.message as ToQaThread;
      if (msg.type === 'warm') continue;
      if (msg.type === 'figures' && msg.seq === seq) return msg;
    }
    if (Atomics.load(flags, 1) === seq) return null;
    Atomics.wait(flags, 2, seen, 1000);
  }
}

port.on('message', (msg: ToQaThread) => {
  if (msg.type === 'warm') {
    if (msg.speller) englishSpeller();
    return;
  }
  if (msg.type !== 'check') return; // a dropped run's figures
  const { seq, read } = msg;
  try {
    // Its own snapshot of the document: the job worker compares the state it was read in with its own.
    const db = database(read.dbPath);
    // With facts, the glossary's index names the terms found in them: it is set up first.
    const ignores = new Map<number, QaIgnore[]>();
    const ctx = contextOf(msg.part, ignores);
    const withGlossary =
      msg.part.glossary && glossary ? { key: glossary.key, index: glossary.index, terms: glossary.terms } : null;
    const { epoch, rows } = db.transaction(() => {
      for (const [id, marks] of ignoresByPair(repo.ignoresOfDocument(db, read.documentId))) ignores.set(id, marks);
      const stored = read.facts
        ? factRows(db, read.documentId, { from: read.from, to: null, first: read.first }, withGlossary, made(read.made))
        : repo.qaRowsFrom(db, read.documentId, read.from);
      // Facts that cannot stand for this part's sources: the caller checks it (it never takes this state for its own).
      return { epoch: stored ? repo.qaEpoch(db, read.documentId) : '', rows: stored ?? [] };
    })();
    const ratios = Float64Array.from(lengthRatios(rows));
    const ids = Int32Array.from(rows, (r) => r.id);
    const excluded = Uint8Array.from(rows, (r) => (r.excluded ? 1 : 0));
    post(
      {
        type: 'read',
        seq,
        epoch,
        ratios,
        ids,
        folded: rows.map((r) => factsOf(r).key),
        targets: rows.map((r) => r.target),
        excluded,
      },
      [ratios.buffer, ids.buffer, excluded.buffer],
    );
    if (epoch === '') return;
    const stop = (i: number): boolean => {
      if (i === 0) return false;
      // The job worker was cancelled (or failed, or does without this part): nobody reads the rest.
      if (Atomics.load(flags, 1) === seq) return true;
      post({ type: 'progress', seq, done: i });
      return false;
    };
    // A report's checks but those that read the figures run while the job worker builds them (the
    // judging's stop at what settles a state, and so wait for them).
    let early: { issues: QaIssue[]; at: number }[] | null = null;
    if (!msg.part.judge) {
      early = new Array<{ issues: QaIssue[]; at: number }>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        if (i % TELL_EVERY === 0 && stop(i)) return;
        early[i] = checkPairBeforeFigures(rows[i]!, ctx);
      }
    }
    const figures = awaitFigures(seq);
    if (!figures) return;
    const { ids: foundIds, counts, others } = figures.consistency;
    const consistency = new Map<number, number>();
    for (let i = 0; i < foundIds.length; i++) consistency.set(foundIds[i]!, i);
    ctx.document = {
      lengthFences: figures.lengthFences,
      targetsBySource: new Map(),
      sourcesByTarget: new Map(),
      byPair: new Map(),
    };
    ctx.consistencyOf = (pair) => {
      const i = consistency.get(pair.id);
      if (i === undefined) return NONE;
      const found = { targets: counts[i * 3]!, sources: counts[i * 3 + 1]!, other: others[counts[i * 3 + 2]!]! };
      return consistencyIssuesOf(found, factsOf(pair), pair.target);
    };
    const part = tallyPart({
      rows,
      check: early
        ? (row, i) => {
            const { issues, at } = early[i]!;
            if (at >= 0) {
              const more = documentIssues(row, ctx);
              if (more.length) issues.splice(at, 0, ...more);
            }
            return issues;
          }
        : (row) => checkPair(row, ctx),
      ignores,
      judge: msg.part.judge,
      follow: msg.part.follow,
      every: TELL_EVERY,
      // Its progress was told by the first step.
      tick: (i) => early !== null || !stop(i),
    });
    if (!part) return;
    const buffers: ArrayBuffer[] = [part.changed.buffer as ArrayBuffer];
    if (part.pairs) {
      buffers.push(
        part.pairs.pairIds.buffer as ArrayBuffer,
        part.pairs.positions.buffer as ArrayBuffer,
        part.pairs.issues.ints.buffer as ArrayBuffer,
      );
    }
    post({ type: 'done', seq, rows: rows.length, part }, buffers);
  } catch (e) {
    const error = toAppError(e);
    if (error.code === 'internal') console.error('[qalam] the QA thread failed:', e);
    post({ type: 'failed', seq, error });
  }
});

/** Facts as they come through a message port: Buffers arrive as Uint8Arrays. */
function made(m: MadeFacts | undefined): MadeFacts | null {
  if (!m) return null;
  const buffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return {
    ...(m.facts ? { facts: buffer(m.facts) } : {}),
    ...(m.terms ? { terms: { key: m.terms.key, blob: m.terms.blob && buffer(m.terms.blob) } } : {}),
  };
}

function ignoresByPair(marks: QaIgnore[]): Map<number, QaIgnore[]> {
  const out = new Map<number, QaIgnore[]>();
  for (const g of marks) {
    const list = out.get(g.pairId);
    if (list) list.push(g);
    else out.set(g.pairId, [g]);
  }
  return out;
}
