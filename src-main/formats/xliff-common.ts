// What the XLIFF 1.2 and 2.0 modules share: how a comment's details travel beside its visible note,
// and the small validators for values read back from a file.
import { ERROR_CATEGORIES, SEVERITIES, STATUSES } from '../shared/domain';
import type { ErrorCategory, Severity, Status } from '../shared/domain';
import type { ExportComment, ExportPair, ImportedComment } from './model';
import { getAttr, hasForbiddenXmlChars, xmlSafeJson, type XmlElement } from './xml';

/**
 * Details of one note that XLIFF has no standard place for. A note is either a comment or the
 * rejection reason of a rejected pair (kept apart so it does not come back as an extra comment).
 * `author`/`body` are only present when the visible note could not carry them exactly.
 */
export interface NoteMeta {
  kind: 'comment' | 'rejection';
  author?: string;
  body?: string;
  role?: string;
  createdAt?: string;
  resolved?: boolean;
  category?: ErrorCategory | null;
  severity?: Severity | null;
}

/** The unit id of a pair: its database id, decimal, which is both a valid 1.2 id and an NMTOKEN. */
export function unitId(pair: Pick<ExportPair, 'id'>): string {
  return String(pair.id);
}

export function commentMeta(c: ExportComment, opts: { alwaysAuthor: boolean }): NoteMeta {
  const meta: NoteMeta = {
    kind: 'comment',
    role: c.role,
    createdAt: c.createdAt,
    resolved: c.resolved,
    category: c.category,
    severity: c.severity,
  };
  if (opts.alwaysAuthor || hasForbiddenXmlChars(c.author)) meta.author = c.author;
  if (hasForbiddenXmlChars(c.body)) meta.body = c.body;
  return meta;
}

export function rejectionMeta(reason: string): NoteMeta {
  const meta: NoteMeta = { kind: 'rejection' };
  if (hasForbiddenXmlChars(reason)) meta.body = reason;
  return meta;
}

export function encodeMeta(meta: NoteMeta): string {
  return xmlSafeJson(meta);
}

/** Reads a meta value back; null when it is not ours or was damaged (the note is then a plain comment). */
export function decodeMeta(json: string): NoteMeta | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (r.kind !== 'comment' && r.kind !== 'rejection') return null;
  const meta: NoteMeta = { kind: r.kind };
  if (typeof r.author === 'string') meta.author = r.author;
  if (typeof r.body === 'string') meta.body = r.body;
  if (typeof r.role === 'string') meta.role = r.role;
  if (typeof r.createdAt === 'string') meta.createdAt = r.createdAt;
  if (typeof r.resolved === 'boolean') meta.resolved = r.resolved;
  meta.category = asCategory(r.category);
  meta.severity = asSeverity(r.severity);
  return meta;
}

export function commentFromNote(visibleAuthor: string, visibleBody: string, meta: NoteMeta | null): ImportedComment {
  const c: ImportedComment = { author: meta?.author ?? visibleAuthor, body: meta?.body ?? visibleBody };
  if (meta?.createdAt !== undefined) c.createdAt = meta.createdAt;
  if (meta?.resolved !== undefined) c.resolved = meta.resolved;
  if (meta) {
    c.category = meta.category ?? null;
    c.severity = meta.severity ?? null;
  }
  return c;
}

export function asStatus(v: unknown): Status | null {
  return typeof v === 'string' && (STATUSES as readonly string[]).includes(v) ? (v as Status) : null;
}

export function asCategory(v: unknown): ErrorCategory | null {
  return typeof v === 'string' && (ERROR_CATEGORIES as readonly string[]).includes(v) ? (v as ErrorCategory) : null;
}

export function asSeverity(v: unknown): Severity | null {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v) ? (v as Severity) : null;
}

/** Severity as an XLIFF note priority (1 = most important), so other tools can sort by it. */
export function severityPriority(s: Severity | null): number | undefined {
  return s === 'critical' ? 1 : s === 'major' ? 3 : s === 'minor' ? 5 : undefined;
}

/** `ar-SA` → `ar`, `EN` → `en`: what we compare language codes by. */
export function primaryLang(code: string | undefined): string {
  return (code ?? '').trim().split(/[-_]/)[0]!.toLowerCase();
}

/** xsd:dateTime, so a strange stored time never makes the file invalid. */
export function isXsdDateTime(s: string): boolean {
  return /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(s);
}

/**
 * Whether a unit the stream reached is one to read, and if so whether it is excluded. Units are read
 * directly in their container (a 1.2 <body>, a 2.0 <file>) or in nested groups, nowhere else;
 * `translate="no"` on the file, a group or the unit is inherited until a descendant says otherwise.
 * Both XLIFF versions share this shape.
 *
 * @param ancestors the unit's open ancestors, the root first
 * @param container the container element the unit must sit in
 * @returns null when the unit is not in that container's group tree; else its exclusion
 */
export function unitExclusion(ancestors: readonly XmlElement[], unit: XmlElement, container: XmlElement): boolean | null {
  const at = ancestors.indexOf(container);
  if (at < 0) return null;
  for (let i = at + 1; i < ancestors.length; i++) if (ancestors[i]!.local !== 'group') return null;
  let excluded = false;
  // From the file (ancestors[1]) down to the unit itself.
  for (const el of [...ancestors.slice(1), unit]) {
    const translate = getAttr(el, 'translate');
    if (translate !== undefined) excluded = translate === 'no';
  }
  return excluded;
}
