// What format readers produce and format writers consume. Pure data: no db, no electron.
import type { ErrorCategory, ImportFormat, PairOrigin, Severity, Stats, Status } from '../shared/domain';
import type { InlineCode } from '../shared/inline';

export interface ImportedComment {
  author: string;
  body: string;
  createdAt?: string;
  resolved?: boolean;
  category?: ErrorCategory | null;
  severity?: Severity | null;
}

export interface ImportedParagraph {
  /** Clean text: inline markup is in `sourceCodes`, never in the string (see shared/inline.ts). */
  source: string;
  /** Inline codes of the source at offsets in `source`, sorted; absent or empty when it has none. */
  sourceCodes?: InlineCode[];
  /** Absent when the format carries no translation (plain text, a source DOCX). */
  target?: string;
  /** Inline codes of the target; a code the source also has shares its id. */
  targetCodes?: InlineCode[];
  status?: Status;
  excluded?: boolean;
  comments?: ImportedComment[];
  /** Why the pair was rejected, when the file records it apart from the comments (XLIFF). */
  rejectionReason?: string;
  /** The unit id in the file (XLIFF unit id, CSV id column, …), if any. */
  externalId?: string;
  /** Where in the file the paragraph comes from, when not its body text (a header, a footnote, …). */
  origin?: PairOrigin;
}

export interface ImportedDocument {
  format: ImportFormat;
  /** Title or original file name recorded inside the file, if any. */
  name?: string;
  sourceLang: string;
  targetLang: string;
  /** The text encoding the bytes were decoded from (plain text only). */
  encoding?: string;
  paragraphs: ImportedParagraph[];
  warnings: string[];
  /**
   * The file as imported, kept with the document when its writer puts the translation back into it
   * (XLIFF from another tool, and formats with a layout: DOCX, HTML). Paragraph i is pair position i.
   */
  original?: Uint8Array;
}

/** A translation unit read from TMX: stored as translation memory, not as a document. */
export interface ImportedTmUnit {
  source: string;
  target: string;
  sourceLang: string;
  targetLang: string;
  createdAt?: string;
  changedAt?: string;
  author?: string;
}

export interface ExportComment {
  id: number;
  author: string;
  role: string;
  body: string;
  createdAt: string;
  resolved: boolean;
  category: ErrorCategory | null;
  severity: Severity | null;
}

export interface ExportPair {
  id: number;
  position: number;
  source: string;
  target: string;
  /** Inline codes (null or absent: none), as stored. */
  sourceCodes?: InlineCode[] | null;
  targetCodes?: InlineCode[] | null;
  status: Status;
  excluded: boolean;
  rejectionReason: string | null;
  comments: ExportComment[];
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
  sourceWords: number;
  targetWords: number;
  origin?: PairOrigin | null;
}

export interface ExportOptions {
  /** Only approved pairs carry their translation; others are left out (target documents) or empty. */
  approvedOnly: boolean;
  /** In target documents, mark pairs without an (approved) translation instead of dropping them. */
  markUntranslated: boolean;
  /** CSV: write cells as they are, without the spreadsheet formula guard (see formats/csv.ts). */
  csvRaw?: boolean;
}

export interface ExportModel {
  document: {
    id: number;
    name: string;
    fileName: string;
    sourceLang: string;
    targetLang: string;
    createdAt: string;
  };
  /** ISO time of the export, passed in so writers stay deterministic under test. */
  exportedAt: string;
  exportedBy: string;
  /** Every pair in position order, excluded ones included (writers decide what to do with them). */
  pairs: ExportPair[];
  stats: Stats;
  options: ExportOptions;
  /** The imported file kept with the document (see ImportedDocument.original), when there is one. */
  original?: { format: ImportFormat; bytes: Uint8Array } | null;
  /** Bilingual review only: each pair's standing QA issues, worded, for the QA column. */
  qaNotes?: ReadonlyMap<number, readonly QaNote[]> | null;
}

/** A QA issue as the bilingual review's QA column shows it. */
export interface QaNote {
  severity: 'error' | 'warning';
  text: string;
}

export interface ExportedFile {
  bytes: Uint8Array;
  mime: string;
  extension: string;
}

/** A row read back from a reviewed bilingual DOCX. */
export interface ReviewedRow {
  /** The pair id from the ID column, or null when the cell is missing or unreadable. */
  pairId: number | null;
  source: string;
  target: string;
  /**
   * The tag tokens (`{1}`, `{/1}`, `{2/}`) marked in the file's target, at offsets in `target` (which
   * holds only the text). The service resolves them against the pair's codes (shared/inline.ts).
   */
  targetTags?: Array<{ pos: number; token: string }>;
  /** 0-based row order in the file. */
  index: number;
}
