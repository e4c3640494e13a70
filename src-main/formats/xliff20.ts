// XLIFF 2.0 (urn:oasis:names:tc:xliff:document:2.0), valid against xliff-core-2.0.xsd.
//
// One <unit> per pair with one <segment>. The standard `state` follows what the pair needs next
// (initial = translator work, translated = review, final = approved) and `subState="qalam:<status>"`
// keeps our exact status. Comment details ride on each <note> as `qalam:` attributes (2.0 allows foreign
// attributes there); the error category goes in the standard `category`. Characters XML
// cannot carry are written as <cp hex="…"/>, as the specification intends.
import type { Status } from '../shared/domain';
import { QalamError } from '../shared/errors';
import { sameCodes, type InlineCode } from '../shared/inline';
import type { ExportModel, ExportPair, ImportedComment, ImportedDocument, ImportedParagraph } from './model';
import { asCategory, asSeverity, asStatus, severityPriority, unitId, unitExclusion } from './xliff-common';
import { readInline, writeInline } from './xliff-inline';
import { insertAfter, newElement, patchOriginal, raw, removeChildren, setAttr } from './xliff-patch';
import {
  XML_DECLARATION,
  attrs,
  elements,
  escapeText,
  firstElement,
  getAttr,
  hasForbiddenXmlChars,
  hex4,
  splitXmlChars,
  streamXml,
  textContent,
  xmlSafeJson,
  type XmlElement,
} from './xml';

export const XLIFF20_NS = 'urn:oasis:names:tc:xliff:document:2.0';
export const QALAM_NS = 'urn:x-qalam:xliff';
const SUBSTATE_PREFIX = 'qalam:';

const STATE_OF: Record<Status, string> = {
  new: 'initial',
  draft: 'initial',
  rejected: 'initial',
  translated: 'translated',
  approved: 'final',
};

// ——— Writer ———

export function writeXliff20(model: ExportModel): Uint8Array {
  if (model.original?.format === 'xliff20') {
    const patched = patchOriginal(model, 'unit', patchUnit);
    if (patched) return patched;
  }
  const doc = model.document;
  const out: string[] = [
    XML_DECLARATION,
    `<xliff${attrs({
      xmlns: XLIFF20_NS,
      'xmlns:qalam': QALAM_NS,
      version: '2.0',
      srcLang: doc.sourceLang || 'ar',
      trgLang: doc.targetLang || 'en',
    })}>\n`,
    `  <file${attrs({ id: 'f1', original: doc.fileName || doc.name || undefined })}>\n`,
  ];
  for (const pair of model.pairs) out.push(unit(pair));
  out.push('  </file>\n</xliff>\n');
  return new TextEncoder().encode(out.join(''));
}

function unit(pair: ExportPair): string {
  const id = unitId(pair);
  const head = `    <unit${attrs({ id, translate: pair.excluded ? 'no' : undefined, 'xml:space': 'preserve' })}>\n`;
  const segment =
    `      <segment${attrs({ state: STATE_OF[pair.status], subState: SUBSTATE_PREFIX + pair.status })}>\n` +
    `        <source>${inline(pair.source, pair.sourceCodes)}</source>\n` +
    `        <target>${inline(pair.target, pair.targetCodes)}</target>\n` +
    `      </segment>\n`;
  return head + notesXml(pair) + segment + '    </unit>\n';
}

/**
 * A unit of the original file: the targets (only when they differ from what the file has), the
 * segments' states, and the notes; nothing else is touched. A unit the file split into several
 * segments gets the whole translation in its first segment when it changed: a paragraph is translated
 * as one, and the tool that merges the file joins the segments' targets in order.
 */
function patchUnit(unit: XmlElement, pair: ExportPair, root: XmlElement): void {
  const current = readUnit(unit, false);
  const changed = (current.target ?? '') !== pair.target || !sameCodes(current.targetCodes, pair.targetCodes);
  const segments = elements(unit, 'segment');
  segments.forEach((seg, k) => {
    setAttr(seg, 'state', STATE_OF[pair.status]);
    setAttr(seg, 'subState', SUBSTATE_PREFIX + pair.status);
    if (!changed) return;
    const sourceEl = firstElement(seg, 'source');
    let targetEl = firstElement(seg, 'target');
    if (!sourceEl) return;
    if (!targetEl) {
      if (pair.target === '') return;
      targetEl = newElement(sourceEl, 'target');
      insertAfter(seg, sourceEl, targetEl);
    }
    targetEl.children = k === 0 ? [raw(inline(pair.target, pair.targetCodes))] : [];
  });
  removeChildren(unit, (el) => el.local === 'notes');
  const notes = notesXml(pair);
  if (notes) {
    if (!root.attrs.some((a) => a.name === 'xmlns:qalam')) {
      root.attrs.push({ name: 'xmlns:qalam', local: 'qalam', uri: 'http://www.w3.org/2000/xmlns/', value: QALAM_NS });
    }
    // <notes> comes before originalData and the segments (after metadata and extensions).
    const before = unit.children.findIndex(
      (c) => c.type === 'element' && ['originalData', 'segment', 'ignorable'].includes(c.local),
    );
    unit.children.splice(before < 0 ? unit.children.length : before, 0, raw(notes.trimEnd() + '\n      '));
  }
}

/** The unit's <notes>: the rejection reason and the comments, details as qalam: attributes. */
function notesXml(pair: ExportPair): string {
  const notes: string[] = [];
  if (pair.status === 'rejected' && pair.rejectionReason !== null) {
    const reason = pair.rejectionReason;
    notes.push(
      `        <note${attrs({ appliesTo: 'target', priority: 1, 'qalam:kind': 'rejection', 'qalam:exact': exact({ body: reason }) })}>${escapeText(reason)}</note>\n`,
    );
  }
  for (const c of pair.comments) {
    notes.push(
      `        <note${attrs({
        category: c.category ?? undefined,
        priority: severityPriority(c.severity),
        'qalam:author': c.author,
        'qalam:role': c.role,
        'qalam:created': c.createdAt,
        'qalam:resolved': c.resolved ? 'yes' : 'no',
        'qalam:severity': c.severity ?? undefined,
        'qalam:exact': exact({ author: c.author, body: c.body }),
      })}>${escapeText(c.body)}</note>\n`,
    );
  }
  return notes.length > 0 ? `      <notes>\n${notes.join('')}      </notes>\n` : '';
}

/**
 * Author and body as JSON when XML cannot carry them as they are (control characters): the visible
 * attribute and note text then show U+FFFD, and the reader takes the exact values from here.
 */
function exact(values: { author?: string; body: string }): string | undefined {
  const lossy = Object.values(values).some(hasForbiddenXmlChars);
  return lossy ? xmlSafeJson(values) : undefined;
}

function inline(text: string, codes: readonly InlineCode[] | null | undefined): string {
  const run = (s: string): string =>
    splitXmlChars(s)
      .map((part) => (typeof part === 'string' ? escapeText(part) : `<cp hex="${hex4(part)}"/>`))
      .join('');
  return writeInline(text, codes ?? [], 'xliff20', run);
}

// ——— Reader ———

export function parseXliff20(bytes: Uint8Array): ImportedDocument {
  const paragraphs: ImportedParagraph[] = [];
  let root: XmlElement | undefined;
  let first: XmlElement | undefined;
  let file: XmlElement | null = null;
  streamXml(bytes, {
    open(el, ancestors) {
      const depth = ancestors.length;
      if (depth === 0) {
        root = el;
        // Refused at the first tag, before the rest of a large file is read.
        if (el.local !== 'xliff') throw new QalamError('import_malformed', { detail: 'wrong_root', line: el.line });
        const version = getAttr(el, 'version') ?? '';
        if (!/^2(\.|$)/.test(version)) throw new QalamError('import_malformed', { detail: 'xliff_version', line: el.line });
      } else if (depth === 1 && el.local === 'file') {
        first ??= el;
        file = el;
      } else if (el.local === 'unit' && file) {
        return unitExclusion(ancestors, el, file) !== null;
      }
      return false;
    },
    close(el, ancestors) {
      const excluded = el.local === 'unit' && file ? unitExclusion(ancestors, el, file) : null;
      if (excluded !== null) paragraphs.push(readUnit(el, excluded));
    },
  });
  if (!root || !first) throw new QalamError('import_malformed', { detail: 'no_file', line: root?.line ?? 1 });
  if (paragraphs.length === 0) throw new QalamError('import_empty');

  const doc: ImportedDocument = {
    format: 'xliff20',
    sourceLang: getAttr(root, 'srcLang') || 'ar',
    targetLang: getAttr(root, 'trgLang') || 'en',
    paragraphs,
    // Kept so the export can write the translation back into this very file (xliff-patch.ts).
    original: bytes,
    warnings: [],
  };
  const original = getAttr(first, 'original');
  if (original) doc.name = original;
  return doc;
}

function readUnit(unitEl: XmlElement, excluded: boolean): ImportedParagraph {
  // A unit may be split into several segments, with <ignorable> white space between them: the
  // paragraph is all of them in order.
  const parts = elements(unitEl).filter((e) => e.local === 'segment' || e.local === 'ignorable');
  const segments = parts.filter((e) => e.local === 'segment');
  if (segments.length === 0) throw new QalamError('import_malformed', { detail: 'missing_segment', line: unitEl.line });
  let source = '';
  let target = '';
  const sourceCodes: InlineCode[] = [];
  let targetCodes: InlineCode[] = [];
  for (const part of parts) {
    const s = firstElement(part, 'source');
    if (!s) throw new QalamError('import_malformed', { detail: 'missing_source', line: part.line });
    const t = firstElement(part, 'target');
    const src = readInline(s, 'xliff20');
    sourceCodes.push(...src.codes.map((c) => ({ ...c, pos: c.pos + source.length })));
    source += src.text;
    // An ignorable without a target is white space the target keeps as it is in the source.
    const trg = t ? readInline(t, 'xliff20') : part.local === 'ignorable' ? src : EMPTY;
    targetCodes.push(...trg.codes.map((c) => ({ ...c, pos: c.pos + target.length })));
    target += trg.text;
  }
  const hasTarget = segments.some((s) => firstElement(s, 'target') !== undefined);
  if (!hasTarget) [target, targetCodes] = ['', []];

  const p: ImportedParagraph = { source, target, status: readStatus(segments, target), excluded };
  if (sourceCodes.length > 0) p.sourceCodes = sourceCodes;
  if (targetCodes.length > 0) p.targetCodes = targetCodes;
  const id = getAttr(unitEl, 'id');
  if (id !== undefined) p.externalId = id;
  const notesEl = firstElement(unitEl, 'notes');
  if (notesEl) {
    const { comments, rejectionReason } = readNotes(notesEl);
    if (comments.length > 0) p.comments = comments;
    if (rejectionReason !== undefined) p.rejectionReason = rejectionReason;
  }
  return p;
}

const STATE_RANK: Record<string, number> = { initial: 0, translated: 1, reviewed: 2, final: 3 };

function readStatus(segments: XmlElement[], target: string): Status {
  if (segments.length === 1) {
    const sub = getAttr(segments[0]!, 'subState');
    if (sub?.startsWith(SUBSTATE_PREFIX)) {
      const ours = asStatus(sub.slice(SUBSTATE_PREFIX.length));
      if (ours) return ours;
    }
  }
  if (target.trim() === '') return 'new';
  // A paragraph is only as far along as its least advanced segment.
  const rank = Math.min(...segments.map((s) => STATE_RANK[getAttr(s, 'state') ?? 'initial'] ?? 0));
  if (rank >= 2) return 'approved';
  if (rank === 1) return 'translated';
  return 'draft';
}

function readNotes(notesEl: XmlElement): { comments: ImportedComment[]; rejectionReason?: string } {
  const comments: ImportedComment[] = [];
  let rejectionReason: string | undefined;
  for (const note of elements(notesEl, 'note')) {
    const q = (name: string) => getAttr(note, name, QALAM_NS);
    const exactValues = readExact(q('exact'));
    const body = exactValues.body ?? textContent(note);
    if (q('kind') === 'rejection') {
      rejectionReason = body;
      continue;
    }
    const c: ImportedComment = { author: exactValues.author ?? q('author') ?? '', body };
    const ours = note.attrs.some((a) => a.uri === QALAM_NS);
    const category = asCategory(getAttr(note, 'category'));
    if (ours) {
      const created = q('created');
      if (created !== undefined) c.createdAt = created;
      c.resolved = q('resolved') === 'yes';
      c.category = category;
      c.severity = asSeverity(q('severity'));
    } else if (category) {
      c.category = category;
    }
    comments.push(c);
  }
  return rejectionReason === undefined ? { comments } : { comments, rejectionReason };
}

function readExact(json: string | undefined): { author?: string; body?: string } {
  if (json === undefined) return {};
  try {
    const v: unknown = JSON.parse(json);
    if (typeof v !== 'object' || v === null) return {};
    const r = v as Record<string, unknown>;
    return {
      ...(typeof r.author === 'string' ? { author: r.author } : {}),
      ...(typeof r.body === 'string' ? { body: r.body } : {}),
    };
  } catch {
    return {};
  }
}

const EMPTY = { text: '', codes: [] as InlineCode[] };
