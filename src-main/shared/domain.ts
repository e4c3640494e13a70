// The vocabulary both processes share. Imports nothing from electron, node or the DOM.
import type { InlineCode } from './inline';

export const STATUSES = ['new', 'draft', 'translated', 'approved', 'rejected'] as const;
export type Status = (typeof STATUSES)[number];

export const ROLES = ['translator', 'editor'] as const;
export type Role = (typeof ROLES)[number];

export const UI_LANGUAGES = ['en', 'ar'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const ERROR_CATEGORIES = ['accuracy', 'fluency', 'terminology', 'style', 'locale', 'other'] as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

export const SEVERITIES = ['minor', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Penalty points per error, as in the MQM/LISA family of scorecards. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { minor: 1, major: 5, critical: 10 };

export const REVISION_KINDS = [
  'import',
  'edit',
  'confirm',
  'approve',
  'reject',
  'reopen',
  'replace',
  'restore',
  'exclude',
  'include',
] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

/** Translation-memory units: imported from TMX, or mirroring a pair confirmed or approved in Qalam. */
export const TM_UNIT_STATUSES = ['imported', 'translated', 'approved'] as const;
export type TmUnitStatus = (typeof TM_UNIT_STATUSES)[number];

/** Analysis bands, best first: context (101%), 100%, repetitions, fuzzy bands, no match. */
export const TM_BANDS = ['context', 'exact', 'repetition', 'fuzzy95', 'fuzzy85', 'fuzzy75', 'fuzzy50', 'none'] as const;
export type TmBand = (typeof TM_BANDS)[number];

/**
 * Where a revision's text came from, beside its kind: a bilingual re-import, translation memory,
 * machine translation, pre-translation, find & replace, propagation of a repeated segment, or the
 * undo of a batch. Stored as free text (see migration 0006); this list is what the code writes.
 */
export const REVISION_ORIGINS = ['review-import', 'tm', 'mt', 'pretranslate', 'replace', 'propagate', 'undo'] as const;
export type RevisionOrigin = (typeof REVISION_ORIGINS)[number];

/** Machine-translation providers (src-main/mt/); 'none': machine translation is off. */
export const MT_PROVIDERS = ['none', 'libretranslate', 'deepl', 'openai'] as const;
export type MtProvider = (typeof MT_PROVIDERS)[number];
/** The English a provider is asked for (DeepL's EN-US / EN-GB; the chat prompt's spelling). */
export const MT_ENGLISH = ['en-US', 'en-GB'] as const;
export type MtEnglish = (typeof MT_ENGLISH)[number];

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1256', 'iso-8859-6'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export const EXPORT_FORMATS = [
  'docx-bilingual',
  'docx-layout',
  'html-layout',
  'docx',
  'txt',
  'html',
  'md',
  'xliff12',
  'xliff20',
  'tmx',
  'csv',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Formats written into the imported file itself, and the source format whose file they need. */
export const LAYOUT_EXPORTS: Partial<Record<ExportFormat, ImportFormat>> = { 'docx-layout': 'docx', 'html-layout': 'html' };

/** The export formats a document offers: the layout ones only when its imported file was kept. */
export function exportFormatsFor(doc: Pick<DocumentSummary, 'format' | 'hasSkeleton'>): ExportFormat[] {
  return EXPORT_FORMATS.filter((f) => {
    const needs = LAYOUT_EXPORTS[f];
    return needs === undefined || (doc.hasSkeleton && doc.format === needs);
  });
}

export const IMPORT_FORMATS = ['txt', 'docx', 'xliff12', 'xliff20', 'tmx', 'csv', 'html'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Where a pair comes from when it is not the body text of its document (shown as a small label). */
export const PAIR_ORIGINS = ['header', 'footer', 'footnote', 'endnote', 'textbox', 'comment', 'title'] as const;
export type PairOrigin = (typeof PAIR_ORIGINS)[number];

export interface Count {
  segments: number;
  /** Source (Arabic) words: the unit translators are paid by. */
  words: number;
}

export interface Stats {
  /** Everything not excluded. */
  total: Count;
  byStatus: Record<Status, Count>;
  excluded: Count;
  /** Every non-excluded pair approved (and there is at least one). */
  finished: boolean;
}

export interface DocumentSummary {
  id: number;
  name: string;
  fileName: string;
  format: ImportFormat;
  encoding: string | null;
  sourceLang: string;
  targetLang: string;
  contentHash: string;
  createdAt: string;
  updatedAt: string;
  openedAt: string | null;
  /** The imported file is kept (DOCX, HTML): the target can be written in its layout. */
  hasSkeleton: boolean;
  /** The user allowed this document's text to be sent to the machine-translation provider. */
  mtAllowed: boolean;
  stats: Stats;
}

export interface Pair {
  id: number;
  documentId: number;
  /** 0-based, dense within a document. */
  position: number;
  /** Clean text; its inline codes (formatting, tags) are in `sourceCodes`. */
  source: string;
  target: string;
  /** Inline codes at offsets in the text (shared/inline.ts), null when there are none. */
  sourceCodes: InlineCode[] | null;
  targetCodes: InlineCode[] | null;
  status: Status;
  excluded: boolean;
  /** Optimistic concurrency: every write bumps it; a write with a stale version is refused. */
  version: number;
  sourceWords: number;
  targetWords: number;
  /** The last rejection's reason while the pair is rejected, so the translator sees it. */
  rejectionReason: string | null;
  openComments: number;
  updatedAt: string;
  updatedBy: string | null;
  /** Header, footnote, text box…; null for body text. */
  origin: PairOrigin | null;
}

export interface Revision {
  id: number;
  pairId: number;
  kind: RevisionKind;
  target: string;
  targetCodes: InlineCode[] | null;
  status: Status;
  author: string;
  role: Role;
  note: string | null;
  createdAt: string;
  /** Set when the revision was written by a batch (re-import, replace-all, pre-translation). */
  batchId?: number | null;
  origin?: RevisionOrigin | null;
  /** A match score in percent (translation memory, machine translation), when there is one. */
  score?: number | null;
}

/** Revisions written together by one operation, listed and undone as one. */
export interface Batch {
  id: number;
  documentId: number;
  origin: RevisionOrigin;
  author: string;
  role: Role;
  note: string | null;
  createdAt: string;
}

export interface Comment {
  id: number;
  pairId: number;
  parentId: number | null;
  author: string;
  role: Role;
  body: string;
  category: ErrorCategory | null;
  severity: Severity | null;
  resolved: boolean;
  resolvedBy: string | null;
  createdAt: string;
}

export interface Settings {
  userName: string;
  role: Role;
  uiLanguage: UiLanguage;
  theme: Theme;
  /** Percentage of the default text size, 80–200. */
  textScale: number;
  /** The first-run prompt for name and role has been answered. */
  onboarded: boolean;
  /** Translation memory: the lowest score the assistance panel offers, 0–100. */
  tmMinScore: number;
  /** Confirming a paragraph fills its unconfirmed repetitions in the document. */
  tmPropagate: boolean;
  // MT: the provider, its endpoint (empty: the provider's public default), the model (chat
  // endpoints), the English asked for and the request timeout. The key is not a setting: it lives
  // in the key store (services/mt-key.ts) and the renderer only ever learns whether there is one.
  mtProvider: MtProvider;
  mtEndpoint: string;
  mtModel: string;
  mtEnglish: MtEnglish;
  mtTimeoutSec: number;
  /** Read-only, computed by the settings service: a key is stored (never the key itself). */
  mtHasKey: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  userName: '',
  role: 'translator',
  uiLanguage: 'en',
  theme: 'system',
  textScale: 100,
  onboarded: false,
  tmMinScore: 70,
  tmPropagate: true,
  mtProvider: 'none',
  mtEndpoint: '',
  mtModel: '',
  mtEnglish: 'en-US',
  mtTimeoutSec: 30,
  mtHasKey: false,
};

export interface QualitySummary {
  /** Errors per category and severity, from rejection comments. */
  byCategory: Record<ErrorCategory, Record<Severity, number>>;
  errors: number;
  penaltyPoints: number;
  /**
   * Source words of the non-excluded segments an editor has reviewed: approved or rejected at any
   * time (a rejected segment fixed since still counts), or imported as approved or rejected.
   */
  reviewedWords: number;
  reviewedSegments: number;
  /** Penalty points per 1,000 reviewed words (lower is better). */
  penaltyPer1000: number;
  /** 100 − penaltyPer1000, floored at 0 (LISA-style: 100 is flawless). */
  score: number;
}

// ——— Status rules: the single source of truth for the service and the UI ———

export const ACTIONS = ['edit', 'confirm', 'approve', 'reject', 'reopen', 'exclude', 'include', 'restore', 'comment'] as const;
export type Action = (typeof ACTIONS)[number];

export interface PairState {
  status: Status;
  excluded: boolean;
  target: string;
}

/**
 * Whether `role` may perform `action` on a pair in `state`. The service enforces it; the UI uses it
 * to hide what is not allowed. Returns the reason code when refused.
 */
export function checkAction(
  role: Role,
  action: Action,
  state: PairState,
): { ok: true } | { ok: false; reason: 'forbidden' | 'invalid_transition' | 'locked' | 'excluded' | 'empty_target' } {
  const refuse = (reason: 'forbidden' | 'invalid_transition' | 'locked' | 'excluded' | 'empty_target') =>
    ({ ok: false, reason }) as const;
  const locked = state.status === 'approved';
  const hasText = state.target.trim() !== '';
  if (action === 'comment') return { ok: true };
  if (EDITOR_ONLY.has(action) && role !== 'editor') return refuse('forbidden');
  switch (action) {
    case 'include':
      return state.excluded ? { ok: true } : refuse('invalid_transition');
    case 'exclude':
      if (state.excluded) return refuse('invalid_transition');
      return locked ? refuse('locked') : { ok: true };
    case 'reopen':
      return locked ? { ok: true } : refuse('invalid_transition');
  }
  if (state.excluded) return refuse('excluded');
  if (locked) return refuse('locked');
  switch (action) {
    case 'edit':
    case 'restore':
      return { ok: true };
    case 'confirm':
      if (!hasText) return refuse('empty_target');
      return state.status === 'translated' ? refuse('invalid_transition') : { ok: true };
    case 'approve':
      return hasText ? { ok: true } : refuse('empty_target');
    case 'reject':
      return state.status === 'new' || state.status === 'rejected' ? refuse('invalid_transition') : { ok: true };
  }
}

const EDITOR_ONLY: ReadonlySet<Action> = new Set(['approve', 'reject', 'reopen', 'exclude', 'include']);

/** Status after the target text changes (or null for "unchanged"). */
export function statusAfterEdit(status: Status, newTarget: string): Status {
  if (status === 'rejected') return 'rejected'; // the rejection stays visible until confirmed
  if (newTarget.trim() === '') return 'new';
  return 'draft';
}

export const emptyCount = (): Count => ({ segments: 0, words: 0 });

export function emptyStats(): Stats {
  const zero = emptyCount;
  return {
    total: zero(),
    byStatus: { new: zero(), draft: zero(), translated: zero(), approved: zero(), rejected: zero() },
    excluded: zero(),
    finished: false,
  };
}
