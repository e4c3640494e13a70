// XLIFF 1.2 (urn:oasis:names:tc:xliff:document:1.2), valid against xliff-core-1.2-strict.xsd.
//
// The strict schema rejects foreign-namespace attributes and elements (its wildcards are
// processContents="strict"), so everything 1.2 has no slot for travels in standard places:
//   • our exact status in `state-qualifier="x-qalam-<status>"` (XTend values are allowed),
//     beside a standard `state` other tools understand;
//   • comment details (resolved, category, severity, time, role) as JSON in one
//     `<context context-type="x-qalam-note">` per `<note>`, in the same order;
//   • characters XML cannot carry as `<ph ctype="x-qalam-cp">HHHH</ph>`.
import type { Status } from '../shared/domain';
import { QalamError } from '../shared/errors';
import { sameCodes, type InlineCode } from '../shared/inline';
import type { ExportModel, ExportPair, ImportedComment, ImportedDocument, ImportedParagraph } from './model';
import {
  asStatus,
  commentFromNote,
  commentMeta,
  decodeMeta,
  encodeMeta,
  isXsdDateTime,
  rejectionMeta,
  severityPriority,
  unitId,
  type NoteMeta,
  unitExclusion,
} from './xliff-common';
import { readInline, writeInline } from './xliff-inline';
import { insertAfter, newElement, patchOriginal, raw, removeChildren, setAttr } from './xliff-patch';
import {
  XML_DECLARATION,
  attrs,
  elements,
  escapeText,
  firstElement,
  getAttr,
  hex4,
  splitXmlChars,
  streamXml,
  textContent,
  type XmlElement,
} from './xml';

export const XLIFF12_NS = 'urn:oasis:names:tc:xliff:document:1.2';
const CP_CTYPE = 'x-qalam-cp';
const QUALIFIER_PREFIX = 'x-qalam-';
/** context-group names must be unique in the file, so the unit id follows this prefix. */
const META_GROUP = 'x-qalam-notes-';
const META_CONTEXT = 'x-qalam-note';

/** Our status → the standard 1.2 state; the exact status also goes in `state-qualifier`. */
const STATE_OF: Record<Status, string> = {
  new: 'new',
  draft: 'needs-translation',
  translated: 'translated',
  approved: 'signed-off',
  rejected: 'needs-review-translation',
};

// ——— Writer ———

export function writeXliff12(model: ExportModel): Uint8Array {
  if (model.original?.format === 'xliff12') {
    const patched = patchOriginal(model, 'trans-unit', patchUnit);
    if (patched) return patched;
  }
  const doc = model.document;
  const out: string[] = [XML_DECLARATION, `<xliff version="1.2" xmlns="${XLIFF12_NS}">\n`];
  out.push(
    `  <file${attrs({
      original: doc.fileName || doc.name || 'document',
      'source-language': doc.sourceLang || 'ar',
      'target-language': doc.targetLang || 'en',
      datatype: 'plaintext',
      'tool-id': 'qalam',
      date: isXsdDateTime(model.exportedAt) ? model.exportedAt : undefined,
    })}>\n`,
    `    <header>\n      <tool tool-id="qalam" tool-name="Qalam"/>\n    </header>\n`,
    `    <body>\n`,
  );
  for (const pair of model.pairs) out.push(transUnit(pair, doc.sourceLang || 'ar', doc.targetLang || 'en'));
  out.push(`    </body>\n  </file>\n</xliff>\n`);
  return new TextEncoder().encode(out.join(''));
}

function transUnit(pair: ExportPair, srcLang: string, trgLang: string): string {
  const head = `      <trans-unit${attrs({
    id: unitId(pair),
    'xml:space': 'preserve',
    approved: pair.status === 'approved' ? 'yes' : undefined,
    translate: pair.excluded ? 'no' : undefined,
  })}>\n`;
  const source = `        <source${attrs({ 'xml:lang': srcLang })}>${inline(pair.source, pair.sourceCodes)}</source>\n`;
  const target = `        <target${attrs({
    'xml:lang': trgLang,
    state: STATE_OF[pair.status],
    'state-qualifier': QUALIFIER_PREFIX + pair.status,
  })}>${inline(pair.target, pair.targetCodes)}</target>\n`;

  return head + source + target + notesXml(pair) + '      </trans-unit>\n';
}

/**
 * A unit of the original file: the target (only when it differs from what the file has), its state,
 * `approved`, and the notes; nothing else is touched.
 */
function patchUnit(unit: XmlElement, pair: ExportPair): void {
  const sourceEl = firstElement(unit, 'source');
  if (!sourceEl) return;
  let targetEl = firstElement(unit, 'target');
  const current = targetEl ? readInline(targetEl, 'xliff12', { character: codePoint }) : EMPTY;
  const changed = current.text !== pair.target || !sameCodes(current.codes, pair.targetCodes);
  if (!targetEl && pair.target !== '') {
    targetEl = newElement(sourceEl, 'target');
    insertAfter(unit, firstElement(unit, 'seg-source') ?? sourceEl, targetEl);
  }
  if (targetEl) {
    if (changed) targetEl.children = [raw(inline(pair.target, pair.targetCodes))];
    setAttr(targetEl, 'state', STATE_OF[pair.status]);
    setAttr(targetEl, 'state-qualifier', QUALIFIER_PREFIX + pair.status);
  }
  if (pair.status === 'approved') setAttr(unit, 'approved', 'yes');
  else if (getAttr(unit, 'approved') !== undefined) setAttr(unit, 'approved', 'no');
  removeChildren(
    unit,
    (el) => el.local === 'note' || (el.local === 'context-group' && !!getAttr(el, 'name')?.startsWith(META_GROUP)),
  );
  const notes = notesXml(pair);
  if (notes) insertAfter(unit, targetEl ?? firstElement(unit, 'seg-source') ?? sourceEl, raw(`\n${notes}`));
}

/** The unit's notes (rejection reason, comments) and the context group carrying their details. */
function notesXml(pair: ExportPair): string {
  const notes: string[] = [];
  const metas: NoteMeta[] = [];
  if (pair.status === 'rejected' && pair.rejectionReason !== null) {
    notes.push(
      `        <note${attrs({ from: 'Qalam', annotates: 'target', priority: 1 })}>${escapeText(pair.rejectionReason)}</note>\n`,
    );
    metas.push(rejectionMeta(pair.rejectionReason));
  }
  for (const c of pair.comments) {
    notes.push(
      `        <note${attrs({ from: c.author || undefined, priority: severityPriority(c.severity) })}>${escapeText(c.body)}</note>\n`,
    );
    metas.push(commentMeta(c, { alwaysAuthor: false }));
  }
  const meta =
    metas.length === 0
      ? ''
      : `        <context-group${attrs({ name: META_GROUP + unitId(pair), purpose: 'information' })}>\n${metas
          .map((m) => `          <context context-type="${META_CONTEXT}">${escapeText(encodeMeta(m))}</context>\n`)
          .join('')}        </context-group>\n`;
  return notes.join('') + meta;
}

/**
 * Inline content: the codes as their elements, and the characters XML cannot carry as numbered
 * placeholders (ids unique per element).
 */
function inline(text: string, codes: readonly InlineCode[] | null | undefined): string {
  let n = 0;
  const run = (s: string): string =>
    splitXmlChars(s)
      .map((part) => (typeof part === 'string' ? escapeText(part) : `<ph id="qcp${++n}" ctype="${CP_CTYPE}">${hex4(part)}</ph>`))
      .join('');
  return writeInline(text, codes ?? [], 'xliff12', run);
}

// ——— Reader ———

export function parseXliff12(bytes: Uint8Array): ImportedDocument {
  const paragraphs: ImportedParagraph[] = [];
  const langs = new Set<string>();
  let first: XmlElement | undefined;
  /** The <body> of the file being read: only the first one in each file holds units we read. */
  let body: XmlElement | null = null;
  let bodySeen = false;
  let rootLine = 1;
  streamXml(bytes, {
    open(el, ancestors) {
      const depth = ancestors.length;
      if (depth === 0) {
        rootLine = el.line;
        // Refused at the first tag, before the rest of a large file is read.
        if (el.local !== 'xliff') throw new QalamError('import_malformed', { detail: 'wrong_root', line: el.line });
        const version = getAttr(el, 'version') ?? '';
        if (!/^1(\.|$)/.test(version) && el.uri !== XLIFF12_NS) {
          throw new QalamError('import_malformed', { detail: 'xliff_version', line: el.line });
        }
      } else if (depth === 1 && el.local === 'file') {
        first ??= el;
        body = null;
        bodySeen = false;
        langs.add(`${getAttr(el, 'source-language') ?? ''}|${getAttr(el, 'target-language') ?? ''}`);
      } else if (depth === 2 && el.local === 'body' && !bodySeen && ancestors[1]!.local === 'file') {
        body = el;
        bodySeen = true;
      } else if (el.local === 'trans-unit' && body) {
        return unitExclusion(ancestors, el, body) !== null;
      }
      return false;
    },
    close(el, ancestors) {
      const excluded = el.local === 'trans-unit' && body ? unitExclusion(ancestors, el, body) : null;
      if (excluded !== null) {
        paragraphs.push(readUnit(el, excluded));
      } else if (ancestors.length === 1 && el.local === 'file' && !bodySeen) {
        throw new QalamError('import_malformed', { detail: 'no_body', line: el.line });
      }
    },
  });
  if (!first) throw new QalamError('import_malformed', { detail: 'no_file', line: rootLine });
  if (paragraphs.length === 0) throw new QalamError('import_empty');
  const warnings: string[] = langs.size > 1 ? ['xliff_mixed_languages'] : [];

  const doc: ImportedDocument = {
    format: 'xliff12',
    sourceLang: getAttr(first, 'source-language') || 'ar',
    targetLang: getAttr(first, 'target-language') || 'en',
    paragraphs,
    // Kept so the export can write the translation back into this very file (xliff-patch.ts).
    original: bytes,
    warnings,
  };
  const original = getAttr(first, 'original');
  if (original) doc.name = original;
  return doc;
}

function readUnit(unit: XmlElement, excluded: boolean): ImportedParagraph {
  const sourceEl = firstElement(unit, 'source');
  if (!sourceEl) throw new QalamError('import_malformed', { detail: 'missing_source', line: unit.line });
  const targetEl = firstElement(unit, 'target');
  const source = readInline(sourceEl, 'xliff12', { character: codePoint });
  const { text: target, codes: targetCodes } = targetEl ? readInline(targetEl, 'xliff12', { character: codePoint }) : EMPTY;
  const p: ImportedParagraph = {
    source: source.text,
    target,
    status: readStatus(unit, targetEl, target),
    excluded,
  };
  if (source.codes.length > 0) p.sourceCodes = source.codes;
  if (targetCodes.length > 0) p.targetCodes = targetCodes;
  const id = getAttr(unit, 'id');
  if (id !== undefined) p.externalId = id;

  const { comments, rejectionReason } = readNotes(unit);
  if (comments.length > 0) p.comments = comments;
  if (rejectionReason !== undefined) p.rejectionReason = rejectionReason;
  return p;
}

function readStatus(unit: XmlElement, targetEl: XmlElement | undefined, target: string): Status {
  const qualifier = targetEl ? getAttr(targetEl, 'state-qualifier') : undefined;
  if (qualifier?.startsWith(QUALIFIER_PREFIX)) {
    const ours = asStatus(qualifier.slice(QUALIFIER_PREFIX.length));
    if (ours) return ours;
  }
  if (target.trim() === '') return 'new';
  if (getAttr(unit, 'approved') === 'yes') return 'approved';
  const state = targetEl ? getAttr(targetEl, 'state') : undefined;
  switch (state) {
    case 'final':
    case 'signed-off':
      return 'approved';
    // A translation with no state at all (Symfony, many converters) is a finished translation to review.
    case undefined:
    case 'translated':
    case 'needs-review-translation':
    case 'needs-review-l10n':
    case 'needs-review-adaptation':
      return 'translated';
    default:
      return 'draft';
  }
}

function readNotes(unit: XmlElement): { comments: ImportedComment[]; rejectionReason?: string } {
  const notes = elements(unit, 'note');
  const metas = elements(unit, 'context-group')
    .filter((g) => getAttr(g, 'name')?.startsWith(META_GROUP))
    .flatMap((g) => elements(g, 'context'))
    .filter((c) => getAttr(c, 'context-type') === META_CONTEXT)
    .map((c) => decodeMeta(textContent(c)));
  // The details only belong to the notes when nothing added or removed a note since we wrote them.
  const matched = metas.length === notes.length;
  const comments: ImportedComment[] = [];
  let rejectionReason: string | undefined;
  notes.forEach((note, i) => {
    const meta = matched ? (metas[i] ?? null) : null;
    const body = textContent(note);
    if (meta?.kind === 'rejection') rejectionReason = meta.body ?? body;
    else comments.push(commentFromNote(getAttr(note, 'from') ?? '', body, meta));
  });
  return rejectionReason === undefined ? { comments } : { comments, rejectionReason };
}

const EMPTY = { text: '', codes: [] as InlineCode[] };

/** Our placeholder for a character XML cannot carry, read back as that character. */
function codePoint(ph: XmlElement): string | null {
  if (getAttr(ph, 'ctype') !== CP_CTYPE) return null;
  const hex = textContent(ph);
  return /^[0-9A-Fa-f]{4}$/.test(hex) ? String.fromCharCode(parseInt(hex, 16)) : null;
}
