// The glossary's vocabulary, shared by both processes. Recognition itself lives in src-main/qa/terms.ts.

/** 'document': the document has a glossary of its own; 'shared': it uses the one glossary all documents share. */
export const GLOSSARY_SCOPES = ['shared', 'document'] as const;
export type GlossaryScope = (typeof GLOSSARY_SCOPES)[number];

export const GLOSSARY_FORMATS = ['csv', 'tsv', 'tbx'] as const;
export type GlossaryFormat = (typeof GLOSSARY_FORMATS)[number];

/** Longest Arabic or English form (alternatives separated by ";" included), and note. */
export const MAX_TERM_CHARS = 500;
export const MAX_NOTE_CHARS = 2000;
/** Glossary files larger than this are refused before they are read (a 10k-term TBX is about 3 MB). */
export const GLOSSARY_LIMIT_BYTES = 20 * 1024 * 1024;
/** Quick keys Ctrl+Shift+1…9 insert the first nine terms recognised in a pair. */
export const QUICK_TERMS = 9;

export interface GlossaryTerm {
  id: number;
  glossaryId: number;
  /** Arabic form(s); alternatives separated by ";". */
  source: string;
  /** English form(s); alternatives separated by ";". */
  target: string;
  note: string;
  /** The English must not be used (a deprecated or forbidden translation). */
  forbidden: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface GlossaryList {
  documentId: number;
  scope: GlossaryScope;
  glossaryId: number;
  /** Changes with every write to the glossary: what recognition caches are keyed on. */
  version: number;
  /** Terms in the glossary (not only those the query matched). */
  total: number;
  /** Matching terms, Arabic order, at most the requested limit. */
  terms: GlossaryTerm[];
}

/** A term recognised in a pair's Arabic source, with the range of the original text it covers. */
export interface GlossaryHit {
  termId: number;
  start: number;
  end: number;
  source: string;
  target: string;
  note: string;
}

export interface GlossaryHits {
  glossaryVersion: number;
  /** By pair id; pairs without a hit are left out. */
  pairs: Record<number, GlossaryHit[]>;
}

export interface GlossaryImportResult {
  added: number;
  /** Already in the glossary (same Arabic, English and flag). */
  duplicates: number;
  /** Entries without an Arabic or an English form. */
  skipped: number;
}

/** The first English alternative: what inserting a term writes. */
export function firstEnglish(target: string): string {
  return target.split(/[;|]/)[0]!.trim();
}
