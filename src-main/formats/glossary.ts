// Glossary files in and out: CSV/TSV (a spreadsheet of Arabic, English, note, forbidden) and TBX
// (TermBase eXchange, the TBX-Basic dialect: TBX 2 `martif`/`termEntry`/`langSet`/`tig` and TBX 3
// `tbx`/`conceptEntry`/`langSec`/`termSec` are both read; TBX 2 is written, as most tools read it).
//
// A glossary row holds alternatives separated by ";" on each side. A TBX concept maps to one row for
// its usable English terms and one forbidden row for its deprecated ones, with all its Arabic terms.
import { GLOSSARY_LIMIT_BYTES, MAX_NOTE_CHARS, MAX_TERM_CHARS, type GlossaryFormat } from '../shared/glossary';
import { QalamError } from '../shared/errors';
import { decodeCsv, guardCell, parseRecords, quote, sniffDelimiter, unguardCell } from './csv';
import { primaryLang } from './xliff-common';
import { XML_DECLARATION, XML_NS, attrs, elements, escapeText, getAttr, streamXml, textContent, type XmlElement } from './xml';

export interface GlossaryEntry {
  source: string;
  target: string;
  note: string;
  forbidden: boolean;
  createdBy?: string;
  createdAt?: string;
}

export interface ParsedGlossary {
  entries: GlossaryEntry[];
  /** Entries or rows without an Arabic or an English form. */
  skipped: number;
}

export function glossaryFormatOf(fileName: string, bytes: Uint8Array): GlossaryFormat {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'tbx' || ext === 'xml') return 'tbx';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  // No telling extension: XML starts with "<" (after a BOM and white space).
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<') ? 'tbx' : 'csv';
}

export function parseGlossary(fileName: string, bytes: Uint8Array): ParsedGlossary {
  if (bytes.length > GLOSSARY_LIMIT_BYTES) {
    throw new QalamError('import_too_large', {
      context: 'glossary_size',
      sizeMb: Math.ceil(bytes.length / 1048576),
      limitMb: GLOSSARY_LIMIT_BYTES / 1048576,
    });
  }
  return glossaryFormatOf(fileName, bytes) === 'tbx' ? parseTbx(bytes) : parseGlossaryCsv(bytes);
}

// ——— Checks shared by both readers ———

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

/** One line of text: files carry line breaks and tabs inside cells, a term has none. */
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

function checkLengths(e: GlossaryEntry, line: number): GlossaryEntry {
  if (e.source.length > MAX_TERM_CHARS || e.target.length > MAX_TERM_CHARS || e.note.length > MAX_NOTE_CHARS) {
    throw new QalamError('import_malformed', { context: 'glossary_too_long', line, max: MAX_TERM_CHARS });
  }
  return e;
}

// ——— CSV / TSV ———

type Column = 'source' | 'target' | 'note' | 'forbidden' | 'createdBy' | 'createdAt';

const ALIASES: Record<Column, string[]> = {
  source: ['arabic', 'ar', 'source', 'source term', 'term', 'src', 'العربية', 'عربي', 'المصطلح'],
  target: ['english', 'en', 'target', 'target term', 'translation', 'tgt', 'الإنجليزية', 'الانجليزية', 'إنجليزي', 'الترجمة'],
  note: ['note', 'notes', 'comment', 'comments', 'definition', 'description', 'ملاحظة', 'ملاحظات'],
  forbidden: ['forbidden', 'status', 'deprecated', 'administrative status', 'محظور'],
  createdBy: ['created_by', 'created by', 'author', 'creator'],
  createdAt: ['created_at', 'created at', 'date', 'created'],
};

const HEADER_NAMES = new Map<string, Column>(
  (Object.entries(ALIASES) as [Column, string[]][]).flatMap(([col, names]) => names.map((n) => [n, col] as const)),
);

/** Cell values that mark a term forbidden (TBX status names too, as spreadsheets exported from TBX carry them). */
export function isForbiddenValue(v: string | undefined): boolean {
  const s = (v ?? '').trim().toLowerCase();
  return (
    ['yes', 'y', 'true', '1', 'x', 'forbidden', 'deprecated', 'obsolete', 'نعم', 'محظور'].includes(s) || isDeprecatedStatus(s)
  );
}

/** TBX administrativeStatus values (and the words other tools write) that mean "do not use". */
function isDeprecatedStatus(status: string): boolean {
  return /deprecated|superseded|forbidden|obsolete|notrecommended/i.test(status);
}

export function parseGlossaryCsv(bytes: Uint8Array): ParsedGlossary {
  const { text } = decodeCsv(bytes);
  if (text.trim() === '') throw new QalamError('import_empty');
  const records = parseRecords(text, sniffDelimiter(text)).filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
  if (records.length === 0) throw new QalamError('import_empty');

  const first = records[0]!.map((c) => c.trim().toLowerCase());
  const isHeader = !first.some((c) => ARABIC.test(c) && !HEADER_NAMES.has(c)) && first.some((c) => HEADER_NAMES.has(c));
  const cols: Partial<Record<Column, number>> = {};
  let startLine = 1;
  if (isHeader) {
    first.forEach((name, i) => {
      const col = HEADER_NAMES.get(name);
      if (col && cols[col] === undefined) cols[col] = i;
    });
    if (cols.source === undefined || cols.target === undefined) {
      throw new QalamError('import_malformed', { context: 'glossary_columns', line: 1 });
    }
    records.shift();
    startLine = 2;
  } else {
    if (records.every((r) => r.length < 2)) throw new QalamError('import_malformed', { context: 'glossary_columns', line: 1 });
    // No header: Arabic, English, note, forbidden; a sheet with the English first is read the right way round.
    const arabicIn = (i: number) => records.filter((r) => ARABIC.test(r[i] ?? '')).length;
    const swapped = arabicIn(1) > arabicIn(0);
    Object.assign(cols, { source: swapped ? 1 : 0, target: swapped ? 0 : 1, note: 2, forbidden: 3 });
  }

  const entries: GlossaryEntry[] = [];
  let skipped = 0;
  records.forEach((rec, i) => {
    const cell = (c: Column): string | undefined => {
      const at = cols[c];
      return at === undefined || rec[at] === undefined ? undefined : unguardCell(rec[at]!);
    };
    const source = oneLine(cell('source') ?? '');
    const target = oneLine(cell('target') ?? '');
    if (source === '' || target === '') {
      skipped++;
      return;
    }
    const e: GlossaryEntry = {
      source,
      target,
      note: (cell('note') ?? '').trim(),
      forbidden: isForbiddenValue(cell('forbidden')),
    };
    const by = cell('createdBy')?.trim();
    const at = cell('createdAt')?.trim();
    if (by) e.createdBy = by;
    if (at && !Number.isNaN(Date.parse(at))) e.createdAt = at;
    entries.push(checkLengths(e, startLine + i));
  });
  if (entries.length === 0 && skipped === 0) throw new QalamError('import_empty');
  return { entries, skipped };
}

export interface ExportTerm {
  id: number;
  source: string;
  target: string;
  note: string;
  forbidden: boolean;
  createdBy: string;
  createdAt: string;
}

export const GLOSSARY_CSV_COLUMNS = ['arabic', 'english', 'note', 'forbidden', 'created_by', 'created_at'] as const;

/** UTF-8 with a BOM and CRLF like the document CSV; cells guarded against formula injection. */
export function writeGlossaryCsv(terms: readonly ExportTerm[], delimiter: ',' | '\t' = ','): Uint8Array {
  // TSV has no quoting convention of its own; a cell that needs it is quoted as CSV does, which our reader and spreadsheets accept.
  const field = (s: string) => {
    const g = guardCell(s);
    return delimiter === ',' || /["\t\r\n]/.test(g) ? quote(g) : g;
  };
  const lines = [GLOSSARY_CSV_COLUMNS.join(delimiter)];
  for (const t of terms) {
    lines.push([t.source, t.target, t.note, t.forbidden ? 'yes' : 'no', t.createdBy, t.createdAt].map(field).join(delimiter));
  }
  return new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n');
}

// ——— TBX ———

const ENTRY = new Set(['termEntry', 'conceptEntry']);
const LANG = new Set(['langSet', 'langSec']);
const TERM_GROUP = new Set(['tig', 'ntig', 'termSec']);

function descendants(el: XmlElement, local: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of elements(el)) {
    if (c.local === local) out.push(c);
    descendants(c, local, out);
  }
  return out;
}

interface LangTerm {
  text: string;
  forbidden: boolean;
}

function langTerms(langSet: XmlElement): LangTerm[] {
  const out: LangTerm[] = [];
  for (const group of elements(langSet).filter((e) => TERM_GROUP.has(e.local))) {
    const term = descendants(group, 'term')[0];
    if (!term) continue;
    const text = oneLine(textContent(term));
    if (text === '') continue;
    const status = descendants(group, 'termNote')
      .filter((n) => getAttr(n, 'type') === 'administrativeStatus')
      .map((n) => textContent(n).trim())
      .join(' ');
    out.push({ text, forbidden: isDeprecatedStatus(status) });
  }
  return out;
}

function readEntry(entry: XmlElement, out: ParsedGlossary): void {
  const arabic: string[] = [];
  const english: LangTerm[] = [];
  for (const langSet of elements(entry).filter((e) => LANG.has(e.local))) {
    const lang = primaryLang(getAttr(langSet, 'lang', XML_NS));
    if (lang === 'ar') arabic.push(...langTerms(langSet).map((t) => t.text));
    else if (lang === 'en') english.push(...langTerms(langSet));
  }
  const usable = english.filter((t) => !t.forbidden).map((t) => t.text);
  const forbidden = english.filter((t) => t.forbidden).map((t) => t.text);
  if (arabic.length === 0 || english.length === 0) {
    out.skipped++;
    return;
  }
  const notes = [
    ...new Set([...descendants(entry, 'note'), ...descendants(entry, 'descrip')].map((n) => textContent(n).trim())),
  ].filter(Boolean);
  const base: Omit<GlossaryEntry, 'target' | 'forbidden'> = { source: [...new Set(arabic)].join('; '), note: notes.join('\n') };
  for (const transac of elements(entry).filter((e) => e.local === 'transacGrp')) {
    const kind = descendants(transac, 'transac').map((t) => textContent(t).trim())[0];
    if (kind !== 'origination') continue;
    const by = descendants(transac, 'transacNote').map((t) => textContent(t).trim())[0];
    const at = descendants(transac, 'date').map((t) => textContent(t).trim())[0];
    if (by) base.createdBy = by;
    if (at && !Number.isNaN(Date.parse(at))) base.createdAt = at;
  }
  if (usable.length) out.entries.push(checkLengths({ ...base, target: usable.join('; '), forbidden: false }, entry.line));
  if (forbidden.length) out.entries.push(checkLengths({ ...base, target: forbidden.join('; '), forbidden: true }, entry.line));
}

/** Through the safe streaming reader (no DTD, no entities, caps); one entry built at a time. */
export function parseTbx(bytes: Uint8Array): ParsedGlossary {
  const out: ParsedGlossary = { entries: [], skipped: 0 };
  let rootSeen = false;
  streamXml(bytes, {
    open(el, ancestors) {
      if (ancestors.length === 0) {
        rootSeen = true;
        if (el.local !== 'martif' && el.local !== 'tbx') {
          throw new QalamError('import_malformed', { context: 'glossary_not_tbx', line: el.line });
        }
        return false;
      }
      return ENTRY.has(el.local);
    },
    close(el) {
      if (ENTRY.has(el.local)) readEntry(el, out);
    },
  });
  if (!rootSeen || (out.entries.length === 0 && out.skipped === 0)) throw new QalamError('import_empty');
  return out;
}

const ADMIN = 'administrativeStatus';

/** TBX-Basic 2 (ISO 30042:2008, `martif type="TBX-Basic"`); no DOCTYPE, so no reader fetches a DTD. */
export function writeTbx(terms: readonly ExportTerm[], title: string): Uint8Array {
  const out: string[] = [
    XML_DECLARATION,
    '<martif type="TBX-Basic" xml:lang="en">\n',
    '  <martifHeader>\n',
    `    <fileDesc><sourceDesc><p>${escapeText(title)}</p></sourceDesc></fileDesc>\n`,
    '    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>\n',
    '  </martifHeader>\n',
    '  <text>\n    <body>\n',
  ];
  const forms = (s: string) => [...new Set(s.split(/[;|]/).map((f) => f.trim()))].filter(Boolean);
  for (const t of terms) {
    out.push(`      <termEntry${attrs({ id: `t${t.id}` })}>\n`);
    if (t.note) out.push(`        <note>${escapeText(t.note)}</note>\n`);
    out.push(
      '        <transacGrp><transac type="transactionType">origination</transac>' +
        (t.createdBy ? `<transacNote type="responsibility">${escapeText(t.createdBy)}</transacNote>` : '') +
        `<date>${escapeText(t.createdAt)}</date></transacGrp>\n`,
    );
    out.push('        <langSet xml:lang="ar">\n');
    for (const f of forms(t.source)) out.push(`          <tig><term>${escapeText(f)}</term></tig>\n`);
    out.push('        </langSet>\n        <langSet xml:lang="en">\n');
    forms(t.target).forEach((f, i) => {
      const status = t.forbidden ? 'deprecatedTerm-admn-sts' : i === 0 ? 'preferredTerm-admn-sts' : 'admittedTerm-admn-sts';
      out.push(`          <tig><term>${escapeText(f)}</term><termNote type="${ADMIN}">${status}</termNote></tig>\n`);
    });
    out.push('        </langSet>\n      </termEntry>\n');
  }
  out.push('    </body>\n  </text>\n</martif>\n');
  return new TextEncoder().encode(out.join(''));
}
