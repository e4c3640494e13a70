// Everything the renderer may ask of the main process: one entry per channel, a zod input schema
// and the output type. The preload, both transports, the renderer client and the handlers all
// derive their types from this map.
import { z } from 'zod';
import {
  ENCODINGS,
  ERROR_CATEGORIES,
  EXPORT_FORMATS,
  MT_ENGLISH,
  MT_PROVIDERS,
  ROLES,
  SEVERITIES,
  STATUSES,
  THEMES,
  UI_LANGUAGES,
  type Comment,
  type Count,
  type DocumentSummary,
  type Encoding,
  type ImportFormat,
  type Pair,
  type QualitySummary,
  type Revision,
  type Role,
  type Settings,
  type Stats,
  type Status,
  type TmBand,
  type TmUnitStatus,
} from './domain';
import type { Result } from './errors';
import { CODE_KINDS, MAX_CODES, MAX_CODE_ID, MAX_CODE_NATIVE, MAX_CODE_TYPE, type InlineCode } from './inline';
import {
  GLOSSARY_FORMATS,
  GLOSSARY_SCOPES,
  MAX_NOTE_CHARS,
  MAX_TERM_CHARS,
  type GlossaryHits,
  type GlossaryImportResult,
  type GlossaryList,
  type GlossaryTerm,
} from './glossary';
import { QA_CHECKS, type QaCheckId, type QaIssue, type QaReport } from './qa';
import { FIND_MAX_CHARS, FIND_SCOPES, type FindResult, type ReplaceResult } from './find';

const id = z.number().int().positive();
const version = z.number().int().nonnegative();
/** Characters checked per turn of the event loop (see isBase64). */
const BASE64_CHECK_SLICE = 2 * 1024 * 1024;

/**
 * Whether `s` is base64, checked a slice per turn of the event loop: one regular expression over a
 * 60 MB file held the main process for a third of a second, every window with it. Every slice but
 * the last is a multiple of four characters, so padding can only end the last one.
 */
async function isBase64(s: string): Promise<boolean> {
  for (let at = 0; at < s.length; at += BASE64_CHECK_SLICE) {
    if (at > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    const last = at + BASE64_CHECK_SLICE >= s.length;
    if (!(last ? /^[A-Za-z0-9+/]*={0,2}$/ : /^[A-Za-z0-9+/]*$/).test(s.slice(at, at + BASE64_CHECK_SLICE))) return false;
  }
  return true;
}

/**
 * Imported files travel as base64: IPC and JSON both carry it, and it survives any byte. The check
 * is asynchronous: the transports validate with safeParseAsync.
 */
const base64 = z.string().max(400_000_000).refine(isBase64);
const fileName = z.string().min(1).max(1024);
/**
 * Long jobs (docs/ARCHITECTURE.md, "Long jobs"): the caller names the job so that it can follow its
 * 'job:progress' events and cancel it with 'jobs:cancel' while the call is still waiting.
 */
const jobId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .optional();
const text = z.string().max(1_000_000);

// ——— Inline codes (shared/inline.ts): shape here, fit to the text checked in the service ———
const inlineCode = z
  .object({
    pos: z.number().int().nonnegative().max(1_000_000),
    kind: z.enum(CODE_KINDS),
    id: z.string().min(1).max(MAX_CODE_ID),
    type: z.string().min(1).max(MAX_CODE_TYPE),
    native: z.string().max(MAX_CODE_NATIVE).optional(),
    format: z.string().max(20).optional(),
    attrs: z.record(z.string().max(200), z.string().max(10_000)).optional(),
  })
  .strict();
/** A target's codes; null or absent: none. */
const targetCodes = z.array(inlineCode).max(MAX_CODES).nullable().optional();

export const pairFilterSchema = z
  .object({
    statuses: z.array(z.enum(STATUSES)).max(STATUSES.length).optional(),
    /** Search text; Arabic is matched on its normalised form (no harakat, tatweel, alef variants). */
    text: z.string().max(500).optional(),
    textIn: z.enum(['source', 'target', 'both']).optional(),
    /** Only pairs with unresolved comment threads. */
    openComments: z.boolean().optional(),
    /** Only pairs on which a QA issue (error or warning, not marked "not an error") stands. */
    qaIssues: z.boolean().optional(),
    /** Excluded pairs (boilerplate) are listed, dimmed, unless a filter leaves them out. Default: include. */
    excluded: z.enum(['include', 'exclude', 'only']).optional(),
  })
  .strict();
export type PairFilter = z.infer<typeof pairFilterSchema>;

export const NAV_KINDS = ['any', 'needs-work', 'untranslated', 'needs-review'] as const;
export type NavKind = (typeof NAV_KINDS)[number];

export interface ImportPreview {
  fileName: string;
  format: ImportFormat;
  /** Plain text only: what was detected, and what else the bytes decode as without errors. */
  encoding: Encoding | null;
  encodingCandidates: Encoding[];
  paragraphs: number;
  words: number;
  sample: string[];
  translated: number;
  /** TMX only: units translation memory already holds (or the file repeats); they are not stored again. */
  alreadyKnown?: number;
  /** Documents already imported from the same bytes. */
  duplicates: DocumentSummary[];
  warnings: string[];
}

export interface PairPage {
  /** Pairs matching the filter. */
  total: number;
  offset: number;
  items: Pair[];
}

export interface ExportResult {
  fileName: string;
  mime: string;
  /** Present when the renderer must save the file itself (browser preview). */
  dataBase64?: string;
  /** Present when the main process wrote the file (native save dialog). */
  savedPath?: string;
  /** The user closed the save dialog: nothing was written. */
  cancelled: boolean;
  bytes: number;
}

export interface ReviewChange {
  pairId: number;
  position: number;
  source: string;
  before: string;
  after: string;
  /** The pair changed in the app since the file was exported: its current text differs from the file's base. */
  conflict: boolean;
  current: string;
  status: Status;
  locked: boolean;
}

export interface ReviewImportPreview {
  token: string;
  changes: ReviewChange[];
  unchanged: number;
  /** Rows whose ID is unknown or missing: reported, never applied. */
  unknownRows: number[];
  /** Pair ids exported but missing from the file. */
  missingPairIds: number[];
  /** True when the rows are not in the document's order. */
  reordered: boolean;
}

// ——— Translation memory ———

/** How a memory source differs from the current source, word by word (see tm/score.ts diffWords). */
export type TmDiffOp =
  /** The same word, after folding: memory-source text as written. */
  | { op: 'equal'; text: string }
  /** Only in the memory source. */
  | { op: 'delete'; text: string }
  /** Only in the current source. */
  | { op: 'insert'; text: string }
  /** The memory-source word `text` where the current source has `with`; `partial`: other clitics, or another number. */
  | { op: 'replace'; text: string; with: string; partial: boolean };

export interface TmOrigin {
  /** 'tmx': imported from a file (`name` is the file name); 'document': a pair confirmed in Qalam. */
  kind: 'tmx' | 'document';
  name: string;
  /** Null for TMX units; set for document units even after the document was deleted. */
  documentId: number | null;
  /** Null for TMX units and once the pair's document was deleted. */
  pairId: number | null;
  author: string | null;
  changedAt: string;
  status: TmUnitStatus;
}

export interface TmMatch {
  unitId: number;
  /** 0–100; 101 for a context match (the neighbouring paragraphs match too). */
  score: number;
  kind: 'context' | 'exact' | 'fuzzy';
  /** The memory source as stored. */
  source: string;
  diff: TmDiffOp[];
  /** The English to insert: the stored English with the current source's numbers substituted. */
  target: string;
  storedTarget: string;
  /** How many numbers of `target` were substituted. */
  numbersReplaced: number;
  origin: TmOrigin;
  /**
   * The current source's inline codes placed on `target` in order (shared/inline transferCodes),
   * when the memory knows where the stored translation had its tags; absent otherwise (the editor
   * then marks the tags as missing and F9 inserts them). Codes never change `score`.
   */
  targetCodes?: InlineCode[];
}

export interface TmLookupResult {
  pairId: number;
  matches: TmMatch[];
  /** Other unconfirmed paragraphs of the document with the same folded source. */
  repetitions: number;
}

export interface TmConcordanceHit {
  unitId: number;
  source: string;
  target: string;
  /** [start, end) offsets into `source` / `target` (UTF-16 code units) of each hit. */
  sourceHits: [number, number][];
  targetHits: [number, number][];
  origin: TmOrigin;
}

export interface TmConcordanceResult {
  total: number;
  hits: TmConcordanceHit[];
}

export interface TmAnalysis {
  documentId: number;
  bands: Record<TmBand, Count>;
  total: Count;
  /** Units the document was analysed against. */
  memoryUnits: number;
}

export interface TmPretranslateResult {
  documentId: number;
  /** Null when nothing was filled (a dry run, or no match at or above the threshold). */
  batchId: number | null;
  filled: number;
  /** Filled as Translated (100% and context matches) and as Draft (lower). */
  translated: number;
  draft: number;
  /** Empty, non-excluded pairs that had no match at or above the threshold. */
  unmatched: number;
}

export interface TmBatch {
  id: number;
  documentId: number;
  origin: string;
  author: string;
  note: string | null;
  createdAt: string;
  /** Pairs the batch wrote. */
  pairs: number;
  /** When the batch was first undone (tm:undo-batch); null while it stands. */
  undoneAt: string | null;
}

export interface TmStats {
  units: number;
  byStatus: Record<TmUnitStatus, number>;
  /** Where the units came from: each imported file and each document (also deleted ones, until removed). */
  origins: { kind: 'tmx' | 'document'; name: string; documentId: number | null; documentExists: boolean; units: number }[];
}

export interface TmRepetitions {
  documentId: number;
  /** Paragraphs whose folded source occurs earlier in the document. */
  segments: number;
  words: number;
  /** Groups of identical paragraphs (two or more). */
  groups: number;
}

// ——— History: what a pair's timeline shows beside its revisions ———

/** A warning marked "not an error" on a pair, or the mark taken back (qa_ignore_log). */
export interface QaIgnoreEvent {
  id: number;
  check: QaCheckId;
  action: 'ignore' | 'unignore';
  author: string;
  role: Role;
  createdAt: string;
  /**
   * For a mark: 'applies' while it is the standing one and the text is the one it was made on;
   * 'lapsed' once the text changed (the warning is back); 'superseded' when a later mark or its
   * withdrawal for the same check followed. Null for a withdrawal.
   */
  standing: 'applies' | 'lapsed' | 'superseded' | null;
  /** When a revision first changed the text away from the one the mark was made on. */
  lapsedAt: string | null;
}

export interface PairTimeline {
  ignores: QaIgnoreEvent[];
  /** The batches (pre-translation, replace-all, …) that wrote one of the pair's revisions. */
  batches: TmBatch[];
}

// ——— MT (machine translation) ———

export interface MtSuggestion {
  pairId: number;
  text: string;
  /** The provider's name, for the label. */
  provider: string;
  /** Taken from the store's cache: nothing was sent or paid for. */
  cached: boolean;
}

export interface MtEstimate {
  documentId: number;
  /** Empty, non-excluded targets the user may fill, and their source characters. */
  segments: number;
  chars: number;
  /** What would actually be sent: sources not yet in the cache, each distinct text once. */
  sendSegments: number;
  sendChars: number;
}

export interface MtPretranslateResult {
  documentId: number;
  /** Null when nothing was filled; otherwise undoable with tm:undo-batch. */
  batchId: number | null;
  filled: number;
  /** Characters and requests sent to the provider in this run (cached texts cost nothing). */
  sentChars: number;
  requests: number;
  fromCache: number;
  /** Stopped by the user: what had arrived was still filled, as one batch. */
  cancelled: boolean;
  /** Typed into (or otherwise changed) while the run was on: left as the user has it. */
  skipped: number;
}

export interface MtTestResult {
  provider: string;
  sample: string;
  translation: string;
  ms: number;
}

export interface AppInfo {
  version: string;
  transport: 'ipc' | 'http';
  dataPath: string;
  /** Native dialogs (open/save) exist only in Electron. */
  nativeDialogs: boolean;
  /** The operating system's user name when it names a person (not root, not a service account): the name field's suggestion. */
  systemUserName: string | null;
}

export interface RecentDocument {
  id: number;
  name: string;
  openedAt: string;
}

const documentId = z.object({ documentId: id }).strict();
const pairId = z.object({ pairId: id }).strict();
const empty = z.object({}).strict();

/** `channel<Output>()(inputSchema)`: the output type is declared, the input type inferred. */
function channel<O>() {
  return <I extends z.ZodType>(input: I) => ({ input, output: undefined as unknown as O });
}

export const contract = {
  'app:get-info': channel<AppInfo>()(empty),

  'settings:get': channel<Settings>()(empty),
  'settings:update': channel<Settings>()(settingsPatch()),

  'documents:list': channel<DocumentSummary[]>()(empty),
  'documents:get': channel<DocumentSummary>()(documentId),
  'documents:recent': channel<RecentDocument[]>()(empty),
  'documents:inspect-import': channel<ImportPreview>()(importInput()),
  'documents:import': channel<DocumentSummary>()(importInput()),
  'documents:rename': channel<DocumentSummary>()(renameInput()),
  'documents:delete': channel<{ deleted: number }>()(documentId),
  'documents:open': channel<DocumentSummary>()(documentId),

  'pairs:list': channel<PairPage>()(listInput()),
  'pairs:get': channel<Pair>()(pairId),
  'pairs:locate': channel<{ index: number | null }>()(locateInput()),
  'pairs:navigate': channel<{ pair: Pair | null }>()(navigateInput()),
  'pairs:update-target': channel<Pair>()(updateTargetInput()),
  'pairs:set-status': channel<Pair>()(setStatusInput()),
  'pairs:set-excluded': channel<Pair>()(setExcludedInput()),
  'pairs:bulk-approve': channel<{ count: number; pairIds: number[]; withQaErrors: number }>()(bulkApproveInput()),

  'stats:document': channel<Stats>()(documentId),
  'stats:quality': channel<QualitySummary>()(documentId),

  'comments:list': channel<Comment[]>()(pairId),
  'comments:add': channel<Comment>()(addCommentInput()),
  'comments:set-resolved': channel<Comment>()(resolveInput()),

  'history:list': channel<Revision[]>()(pairId),
  'history:restore': channel<Pair>()(restoreInput()),
  'history:timeline': channel<PairTimeline>()(pairId),

  'io:export': channel<ExportResult>()(exportInput()),
  'io:pick-import': channel<{ fileName: string; dataBase64: string } | null>()(empty),
  'io:review-preview': channel<ReviewImportPreview>()(reviewPreviewInput()),
  'io:review-apply': channel<{ applied: number; backupPath: string }>()(reviewApplyInput()),

  // translation memory
  /** TMX files go to translation memory, not to the library. */
  'tm:import': channel<{ stored: number; skipped: number; known: number }>()(
    z.object({ fileName, dataBase64: base64, jobId }).strict(),
  ),
  /** The whole memory as TMX 1.4b (saved like an export). */
  'tm:export': channel<ExportResult>()(z.object({ saveAs: z.boolean().optional() }).strict()),
  /** Matches for a pair, best first; `minScore` defaults to the tmMinScore setting. */
  'tm:lookup': channel<TmLookupResult>()(tmLookupInput()),
  'tm:concordance': channel<TmConcordanceResult>()(tmConcordanceInput()),
  'tm:analyze': channel<TmAnalysis>()(documentId),
  /** Fills empty targets from matches at or above `minScore` (default 100) as one batch; progress on 'tm:progress'. */
  'tm:pretranslate': channel<TmPretranslateResult>()(tmPretranslateInput()),
  /** Pre-translation and propagation batches of a document, newest first. */
  'tm:batches': channel<TmBatch[]>()(documentId),
  /** Undoes a batch: pairs changed since keep their newer work and are listed as refused. */
  'tm:undo-batch': channel<{ restored: number[]; refused: { pairId: number; reason: string }[] }>()(
    z.object({ batchId: id }).strict(),
  ),
  'tm:stats': channel<TmStats>()(empty),
  'tm:repetitions': channel<TmRepetitions>()(documentId),
  /** Removes the units of a document (also a deleted one) or of an imported file. */
  'tm:remove': channel<{ removed: number }>()(tmRemoveInput()),

  // quality checks
  /** One pair's issues; with `target`, judged on that (unsaved) text. */
  'qa:check-pair': channel<{ issues: QaIssue[] }>()(z.object({ pairId: id, target: text.optional() }).strict()),
  'qa:report': channel<QaReport>()(z.object({ documentId: id, jobId }).strict()),
  /** Marks a warning "not an error" for the pair's current text, or takes the mark back. */
  'qa:set-ignored': channel<{ issues: QaIssue[] }>()(
    z.object({ pairId: id, check: z.enum(QA_CHECKS), ignored: z.boolean() }).strict(),
  ),
  'qa:get-profile': channel<{ disabled: QaCheckId[] }>()(documentId),
  'qa:set-profile': channel<{ disabled: QaCheckId[] }>()(
    z.object({ documentId: id, disabled: z.array(z.enum(QA_CHECKS)).max(QA_CHECKS.length) }).strict(),
  ),
  'qa:list-words': channel<{ words: string[] }>()(empty),
  'qa:set-word': channel<{ words: string[] }>()(
    z
      .object({
        word: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .regex(/^[\p{L}\p{M}'’-]+$/u),
        known: z.boolean(),
      })
      .strict(),
  ),

  // Glossary: the one a document uses (its own, or the one shared by all documents)
  /** Terms matching `query` (folded Arabic, English or note), Arabic order; all with no query. */
  'glossary:list': channel<GlossaryList>()(
    z
      .object({ documentId: id, query: z.string().max(500).optional(), limit: z.number().int().min(1).max(20_000).optional() })
      .strict(),
  ),
  'glossary:add': channel<GlossaryTerm>()(z.object({ documentId: id, ...glossaryTermFields() }).strict()),
  'glossary:edit': channel<GlossaryTerm>()(z.object({ termId: id, ...glossaryTermFields() }).strict()),
  'glossary:delete': channel<{ deleted: number }>()(z.object({ termId: id }).strict()),
  'glossary:set-scope': channel<GlossaryList>()(z.object({ documentId: id, scope: z.enum(GLOSSARY_SCOPES) }).strict()),
  /** CSV, TSV or TBX into the glossary the document uses; a bad file changes nothing. */
  'glossary:import': channel<GlossaryImportResult>()(z.object({ documentId: id, fileName, dataBase64: base64 }).strict()),
  'glossary:export': channel<ExportResult>()(
    z.object({ documentId: id, format: z.enum(GLOSSARY_FORMATS), saveAs: z.boolean().optional() }).strict(),
  ),
  /** Terms recognised in the pairs' Arabic sources. */
  'glossary:find': channel<GlossaryHits>()(z.object({ documentId: id, pairIds: z.array(id).max(1000) }).strict()),

  // long jobs (the runner in src-main/jobs/)
  /**
   * Asks the job named `jobId` to stop: a queued job never starts; a running one stops at its next
   * checkpoint and rolls back, and its own call then fails with 'cancelled'. `found` is false when
   * no such job is queued or running (it has already finished).
   */
  'jobs:cancel': channel<{ found: boolean }>()(z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict()),

  // Find & replace (shared/find.ts): the preview writes nothing; a replace is one undoable batch
  /** Every hit in the document and, with `replace`, each pair's English after replacing. */
  'find:preview': channel<FindResult>()(findInput()),
  /** Replaces in the pairs listed (as previewed: a pair changed since is skipped), as one 'replace' batch. */
  'find:replace': channel<ReplaceResult>()(
    findInput()
      .extend({
        replace: z.string().max(FIND_MAX_CHARS),
        pairs: z
          .array(z.object({ pairId: id, version }).strict())
          .min(1)
          .max(1_000_000),
      })
      .strict(),
  ),

  // MT (machine translation). The key goes in through mt:set-key and never comes back out:
  // settings:get says only mtHasKey.
  'mt:set-key': channel<{ hasKey: boolean }>()(
    z
      .object({
        key: z
          .string()
          .trim()
          .min(1)
          .max(2000)
          .regex(/^[\x21-\x7e]+$/)
          .nullable(),
      })
      .strict(),
  ),
  /** Translates a fixed sample sentence (no document text) with the current settings. */
  'mt:test': channel<MtTestResult>()(empty),
  /** The pair's source through the provider (or the cache); refused unless its document allows MT. */
  'mt:suggest': channel<MtSuggestion>()(pairId),
  'mt:set-allowed': channel<DocumentSummary>()(z.object({ documentId: id, allowed: z.boolean() }).strict()),
  'mt:estimate': channel<MtEstimate>()(documentId),
  /** Fills empty targets as Draft in one batch; progress on 'mt:progress'; mt:cancel stops it. */
  'mt:pretranslate': channel<MtPretranslateResult>()(documentId),
  'mt:cancel': channel<{ cancelled: boolean }>()(documentId),

  'shell:open-external': channel<{ opened: boolean }>()(externalInput()),
} as const;

function findInput() {
  return z
    .object({
      documentId: id,
      find: z.string().min(1).max(FIND_MAX_CHARS),
      replace: z.string().max(FIND_MAX_CHARS).optional(),
      in: z.enum(FIND_SCOPES),
      matchCase: z.boolean(),
      wholeWord: z.boolean(),
      regex: z.boolean(),
    })
    .strict();
}

function glossaryTermFields() {
  return {
    source: z.string().trim().min(1).max(MAX_TERM_CHARS),
    target: z.string().trim().min(1).max(MAX_TERM_CHARS),
    note: z.string().max(MAX_NOTE_CHARS).optional(),
    forbidden: z.boolean().optional(),
  };
}

function settingsPatch() {
  return z
    .object({
      userName: z.string().trim().min(1).max(100).optional(),
      role: z.enum(ROLES).optional(),
      uiLanguage: z.enum(UI_LANGUAGES).optional(),
      theme: z.enum(THEMES).optional(),
      textScale: z.number().int().min(80).max(200).optional(),
      onboarded: z.boolean().optional(),
      tmMinScore: z.number().int().min(0).max(100).optional(),
      tmPropagate: z.boolean().optional(),
      mtProvider: z.enum(MT_PROVIDERS).optional(),
      mtEndpoint: z
        .string()
        .trim()
        .max(500)
        .refine((u) => u === '' || /^https?:\/\/[^\s/]+/i.test(u), 'an http(s) address')
        .optional(),
      mtModel: z
        .string()
        .trim()
        .max(200)
        .regex(/^[^\x00-\x1f\x7f]*$/)
        .optional(),
      mtEnglish: z.enum(MT_ENGLISH).optional(),
      mtTimeoutSec: z.number().int().min(5).max(300).optional(),
    })
    .strict();
}
function importInput() {
  return z
    .object({
      fileName,
      dataBase64: base64,
      encoding: z.enum(ENCODINGS).optional(),
      /** Import even when the same bytes were imported before (the user said yes). */
      allowDuplicate: z.boolean().optional(),
      name: z.string().trim().min(1).max(300).optional(),
      jobId,
    })
    .strict();
}
function renameInput() {
  return z.object({ documentId: id, name: z.string().trim().min(1).max(300) }).strict();
}
function listInput() {
  return z
    .object({
      documentId: id,
      offset: z.number().int().nonnegative(),
      limit: z.number().int().min(1).max(1000),
      filter: pairFilterSchema.optional(),
    })
    .strict();
}
function locateInput() {
  return z.object({ documentId: id, pairId: id, filter: pairFilterSchema.optional() }).strict();
}
function navigateInput() {
  return z
    .object({
      documentId: id,
      fromPosition: z.number().int().min(-1),
      direction: z.enum(['next', 'prev']),
      kind: z.enum(NAV_KINDS),
    })
    .strict();
}
function updateTargetInput() {
  return z
    .object({
      pairId: id,
      target: text,
      targetCodes,
      expectedVersion: version,
      /** The text was inserted from a memory match or machine translation (recorded in history). */
      origin: z.enum(['tm', 'mt']).optional(),
    })
    .strict();
}
function setStatusInput() {
  return z
    .object({
      pairId: id,
      expectedVersion: version,
      action: z.enum(['confirm', 'approve', 'reject', 'reopen']),
      /** Saved together with the status change (e.g. Ctrl+Enter right after typing). */
      target: text.optional(),
      targetCodes,
      /** Required for reject (the reason) and reopen. */
      comment: z.string().trim().max(10_000).optional(),
      category: z.enum(ERROR_CATEGORIES).optional(),
      severity: z.enum(SEVERITIES).optional(),
      /** Approve although QA errors stand (the editor was asked); recorded in the history. */
      overrideQa: z.boolean().optional(),
    })
    .strict();
}
function setExcludedInput() {
  return z.object({ pairId: id, expectedVersion: version, excluded: z.boolean() }).strict();
}
function bulkApproveInput() {
  return z
    .object({
      documentId: id,
      /** Either explicit pairs or the current filter; only translated pairs are approved. */
      pairIds: z.array(id).max(200_000).optional(),
      filter: pairFilterSchema.optional(),
      /** Count only: the confirmation says how many before anything changes. */
      dryRun: z.boolean().optional(),
      /** Pairs with QA errors are left out unless the editor includes them. */
      includeQaErrors: z.boolean().optional(),
    })
    .strict();
}
function addCommentInput() {
  return z
    .object({
      pairId: id,
      body: z.string().trim().min(1).max(10_000),
      parentId: id.optional(),
    })
    .strict();
}
function resolveInput() {
  return z.object({ commentId: id, resolved: z.boolean() }).strict();
}
function restoreInput() {
  return z.object({ pairId: id, revisionId: id, expectedVersion: version }).strict();
}
function exportInput() {
  return z
    .object({
      documentId: id,
      format: z.enum(EXPORT_FORMATS),
      approvedOnly: z.boolean().optional(),
      markUntranslated: z.boolean().optional(),
      /** CSV only: no apostrophe before cells a spreadsheet would run as formulas. */
      csvRaw: z.boolean().optional(),
      /** Bilingual review DOCX only: a column with each pair's QA issues (the re-import ignores it). */
      qaColumn: z.boolean().optional(),
      /** Electron: ask for a path with the native save dialog and write there. */
      saveAs: z.boolean().optional(),
      jobId,
    })
    .strict();
}
function reviewPreviewInput() {
  return z.object({ documentId: id, fileName, dataBase64: base64, jobId }).strict();
}
function reviewApplyInput() {
  return z
    .object({
      documentId: id,
      token: z.string().min(1).max(100),
      pairIds: z.array(id).max(200_000),
      status: z.enum(['draft', 'translated', 'approved']),
      jobId,
    })
    .strict();
}
function tmLookupInput() {
  return z
    .object({
      pairId: id,
      limit: z.number().int().min(1).max(20).optional(),
      minScore: z.number().int().min(0).max(101).optional(),
    })
    .strict();
}
function tmConcordanceInput() {
  return z
    .object({
      /** An Arabic or English phrase; folded like search. */
      query: z.string().trim().min(1).max(500),
      side: z.enum(['source', 'target', 'both']).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    })
    .strict();
}
function tmPretranslateInput() {
  return z
    .object({
      documentId: id,
      minScore: z.number().int().min(50).max(101).optional(),
      /** Count what would be filled; write nothing. */
      dryRun: z.boolean().optional(),
      jobId,
    })
    .strict();
}
function tmRemoveInput() {
  return z.union([z.object({ documentId: id }).strict(), z.object({ tmxName: fileName }).strict()]);
}
function externalInput() {
  return z.object({ url: z.string().url().max(2048) }).strict();
}

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C]['output'];
export const CHANNELS = Object.keys(contract) as Channel[];

/** What a transport exposes to the renderer: one async function per channel. */
export type Api = { [C in Channel]: (input: Input<C>) => Promise<Result<Output<C>>> };

// ——— Events: main → renderer ———
export interface Events {
  'import:progress': { fileName: string; done: number; total: number };
  'export:progress': { documentId: number; done: number; total: number };
  'pairs:changed': { documentId: number; pairIds: number[] };
  /** Analysis and pre-translation of a document. */
  'tm:progress': { documentId: number; phase: 'analyze' | 'pretranslate'; done: number; total: number };
  /** Batch machine translation: segments translated so far. */
  'mt:progress': { documentId: number; done: number; total: number };
  /** The document-wide QA report (`qa:report`, also an export's QA column): segments checked so far. */
  'qa:progress': { documentId: number; done: number; total: number };
  'documents:changed': { documentId: number | null };
  /** A long job's progress (jobs/): `job` is the channel that started it, `jobId` the caller's name for it. */
  'job:progress': { jobId: string; job: string; done: number; total: number };
  /** Application menu commands the renderer acts on. */
  'menu:command': { command: MenuCommand; documentId?: number };
}
export const MENU_COMMANDS = ['import', 'export', 'open-recent', 'settings', 'help', 'find', 'library'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export type EventName = keyof Events;
/** A record rather than a list, so the compiler refuses an event left out or misspelt here. */
const EVENT_SET: Record<EventName, true> = {
  'import:progress': true,
  'export:progress': true,
  'pairs:changed': true,
  'tm:progress': true,
  'mt:progress': true,
  'qa:progress': true,
  'documents:changed': true,
  'job:progress': true,
  'menu:command': true,
};
export const EVENT_NAMES = Object.keys(EVENT_SET) as EventName[];

/** The object the preload exposes as `window.qalam` and the HTTP client imitates. */
export interface Bridge {
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
