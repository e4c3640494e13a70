// A document's QA source facts in the store (migration 0020; what they are: qa/facts.ts). They are
// made after the import, off the user's path, by the job that builds the search index
// (prepareFacts, from services/documents.ts indexForSearch), with the terms of the document's
// glossary as it is then. A report makes what is still missing of them: the source facts once per
// document (its pairs and sources do not change after the import), the glossary terms found once
// per glossary version. Then a whole-document QA (the report, the judging behind the "has QA
// issues" filter) reads its rows
// without their Arabic sources (factRows): the facts stand for them. Anything amiss (no facts,
// another format, another glossary version, pairs that are not those the facts were made of)
// and the rows are read as before, sources and all.
import { FACTS_FORMAT, PackedFacts, packSourceFacts, packTermFacts, type SourceFacts } from '../qa/facts';
import type { Term, TermIndex } from '../qa/terms';
import type { Db } from '../store/connection';
import type { QaRow, QaState } from '../store/repos/qa';
import * as facts from '../store/repos/qa-facts';
import type { ServiceContext } from './context';
import { glossaryIndex } from './glossary';

/** The glossary the terms are found with, and its version ('glossary id:version'). */
export interface FactsGlossary {
  key: string;
  index: TermIndex;
  /** Its terms (to name them by id). */
  terms: readonly Term[];
}

/** The glossary a document's terms are found with (its own or the shared one) at its current version; null: none. */
export function factsGlossary(ctx: ServiceContext, documentId: number): FactsGlossary | null {
  const g = glossaryIndex(ctx, documentId);
  return g ? { key: `${g.glossaryId}:${g.version}`, index: g.index, terms: g.terms } : null;
}

/** Whether a stored blob's first bytes are source facts of this format. */
function ofThisFormat(head: Buffer): boolean {
  return head.length >= 8 && head.readInt32LE(0) === FACTS_FORMAT && head.readInt32LE(4) === 1;
}

/** Facts made for a document and not stored yet (see {@link makeFacts}). */
export interface MadeFacts {
  /** Source facts (packSourceFacts), when those stored were missing or of another format. */
  facts?: Buffer;
  /** The terms of the glossary found in each source (packTermFacts), with its version; null: too many to pack. */
  terms?: { key: string; blob: Buffer | null };
}

/**
 * Makes what is missing of a document's stored facts: the source facts, and the terms of
 * `glossary` found in each source (null: nothing is missing). They are not stored here: the
 * caller uses them at once and stores them with what it writes at its end ({@link storeFacts}),
 * so a report waits for no write lock before it checks, and a cancelled one leaves the store as
 * it was. `progress` is called between the steps (a cancel checkpoint in the job worker).
 */
export function makeFacts(
  ctx: ServiceContext,
  documentId: number,
  glossary: FactsGlossary | null,
  progress: () => void,
): MadeFacts | null {
  const db = ctx.db;
  const head = facts.factsHead(db, documentId);
  const sourceOk = head !== undefined && ofThisFormat(head.head);
  const termsOk = glossary === null || (sourceOk && head.termsKey === glossary.key);
  if (sourceOk && termsOk) return null;
  const sources = facts.factSources(db, documentId);
  progress();
  const made: MadeFacts = {};
  if (!sourceOk) made.facts = packSourceFacts(sources);
  progress();
  if (glossary) {
    made.terms = {
      key: glossary.key,
      blob: packTermFacts(
        sources.map((s) => s.source),
        glossary.index,
      ),
    };
  }
  progress();
  return made;
}

/**
 * Whether a whole-document QA can read its sources' facts: those stored are of this format and
 * have the terms of `glossary`'s version, or `made` (just made) fills what they lacked with terms
 * that were not too many to pack.
 */
export function factsUsable(db: Db, documentId: number, glossary: FactsGlossary | null, made: MadeFacts | null): boolean {
  if (made) return made.terms === undefined || made.terms.blob !== null;
  const head = facts.factsHead(db, documentId);
  if (!head || !ofThisFormat(head.head)) return false;
  return glossary === null || (head.termsKey === glossary.key && head.hasTerms);
}

/** Stores facts made by {@link makeFacts}, in the caller's write transaction. */
export function storeFacts(db: Db, documentId: number, made: MadeFacts): void {
  // The document may have gone meanwhile; its pairs cannot have changed.
  if (made.facts) facts.putSourceFacts(db, documentId, made.facts);
  if (made.terms) facts.putTermFacts(db, documentId, made.terms.key, made.terms.blob);
}

/**
 * Makes and stores what is missing of a document's facts (the source facts; the terms of its
 * glossary at its current version), in a write transaction of its own: the job after an import
 * (services/documents.ts indexForSearch), so that the document's first report makes none. The
 * sources are read in one read transaction (one state of the document). Returns whether anything
 * was made (false: the stored facts were usable).
 */
export function prepareFacts(ctx: ServiceContext, documentId: number): boolean {
  const glossary = factsGlossary(ctx, documentId);
  const made = ctx.db.transaction(() => makeFacts(ctx, documentId, glossary, () => {}))();
  if (!made) return false;
  ctx.db.transaction(() => storeFacts(ctx.db, documentId, made))();
  return true;
}

/** A pair as a whole-document QA reads it beside the facts: its source is read only if a check needs its text. */
class FactRow implements QaRow {
  readonly excluded: boolean;
  constructor(
    readonly id: number,
    readonly position: number,
    readonly target: string,
    excluded: number,
    readonly qaState: QaState | null,
    readonly facts: SourceFacts,
    private readonly db: Db,
  ) {
    this.excluded = excluded === 1;
  }

  get source(): string {
    return facts.pairSource(this.db, this.id);
  }
}

/** Positions before any pair's (a document's first part starts there). */
const FIRST = Number.MIN_SAFE_INTEGER;

/**
 * The pairs of a document from position `from` (all: null) to before `to` (the end: null), with
 * their stored facts instead of their sources; `first` is the index of the first of them in the
 * document (position order). Read in the caller's transaction. Null when the facts cannot stand
 * for the sources: none stored, of another format, found with another glossary version than
 * `glossary`'s (or none), or made of other pairs. `made`: facts just made (not stored yet), read
 * instead of those stored.
 */
export function factRows(
  db: Db,
  documentId: number,
  range: { from: number | null; to: number | null; first: number },
  glossary: FactsGlossary | null,
  made: MadeFacts | null,
): QaRow[] | null {
  const stored = made?.facts && made.terms ? null : facts.sourceFacts(db, documentId);
  const blob = made?.facts ?? stored?.facts;
  if (!blob) return null;
  const packed = PackedFacts.read(blob, (i) => facts.pairSource(db, packed!.id(i)));
  if (!packed) return null;
  if (glossary) {
    const terms = made?.terms ?? (stored?.termsKey ? { key: stored.termsKey, blob: stored.terms } : null);
    // None for this version, or too many found to pack (a null blob under its key: not looked for again).
    if (terms?.key !== glossary.key || !terms.blob) return null;
    if (!packed.withTerms(terms.blob, glossary.index, glossary.terms)) return null;
  }
  const lean = facts.leanQaRows(db, documentId, range.from ?? FIRST, range.to);
  const first = range.first;
  if (first + lean.length > packed.n || (range.to === null && first + lean.length !== packed.n)) return null;
  const rows = new Array<QaRow>(lean.length);
  for (let i = 0; i < lean.length; i++) {
    const r = lean[i]!;
    if (packed.id(first + i) !== r.id) return null;
    rows[i] = new FactRow(r.id, r.position, r.target, r.excluded, r.qa_state, packed.at(first + i), db);
  }
  return rows;
}
