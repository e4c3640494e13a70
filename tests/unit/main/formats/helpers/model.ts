// Builders and fast-check arbitraries for export models shared by the format tests.
import fc from 'fast-check';
import { ERROR_CATEGORIES, SEVERITIES, STATUSES, emptyStats } from '../../../../../src-main/shared/domain';
import type { Stats } from '../../../../../src-main/shared/domain';
import type { ExportComment, ExportModel, ExportPair } from '../../../../../src-main/formats/model';

export const FIXED_TIME = '2024-03-05T07:08:09.000Z';

export function pair(id: number, over: Partial<ExportPair> = {}): ExportPair {
  return {
    id,
    position: id - 1,
    source: `مرحبا ${id}`,
    target: `Hello ${id}`,
    status: 'translated',
    excluded: false,
    rejectionReason: null,
    comments: [],
    createdAt: FIXED_TIME,
    updatedAt: FIXED_TIME,
    updatedBy: 'Sara',
    sourceWords: 2,
    targetWords: 2,
    ...over,
  };
}

export function comment(id: number, over: Partial<ExportComment> = {}): ExportComment {
  return {
    id,
    author: 'Omar',
    role: 'editor',
    body: `Comment ${id}`,
    createdAt: FIXED_TIME,
    resolved: false,
    category: null,
    severity: null,
    ...over,
  };
}

export function statsOf(pairs: ExportPair[]): Stats {
  const s = emptyStats();
  for (const p of pairs) {
    const bucket = p.excluded ? s.excluded : s.byStatus[p.status];
    bucket.segments++;
    bucket.words += p.sourceWords;
    if (!p.excluded) {
      s.total.segments++;
      s.total.words += p.sourceWords;
    }
  }
  s.finished = s.total.segments > 0 && s.byStatus.approved.segments === s.total.segments;
  return s;
}

export function model(pairs: ExportPair[], over: Partial<ExportModel> = {}): ExportModel {
  return {
    document: {
      id: 1,
      name: 'News article',
      fileName: 'news-article-ar.txt',
      sourceLang: 'ar',
      targetLang: 'en',
      createdAt: FIXED_TIME,
    },
    exportedAt: FIXED_TIME,
    exportedBy: 'Sara',
    pairs,
    stats: statsOf(pairs),
    options: { approvedOnly: false, markUntranslated: false },
    ...over,
  };
}

// ——— Arbitraries ———

/** Characters that break naive writers: XML/CSV/Markdown syntax, controls, bidi marks, NBSP. */
// prettier-ignore
const TRICKY = [
  '&', '<', '>', '"', "'", ']]>', ',', ';', '\r', '\n', '\r\n', '\t', ' ', '  ', '\u00a0',
  '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069',
  '\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001f', '\u007f', '\u0085', '\u2028', '\ufffe', '\uffff',
  '\ud800', '\udfff', 'ّ', 'ً', '«', '»', '؟', '،', '#', '*', '_', '`', '|', '\\', '😀', '=', '+', '-', '@',
];
const ARABIC = 'ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى٠١٢٣٤٥٦٧٨٩';
const LATIN = 'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789.';

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...ARABIC), minLength: 1, maxLength: 8 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...LATIN), minLength: 1, maxLength: 8 }) },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
);

/** Random paragraph text: Arabic, English, controls, bidi marks, CR/LF/tabs, edge white space. */
export const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

/**
 * As `text` without unpaired surrogates: UTF-8 cannot encode them, so no stored text contains them and
 * formats without an escape mechanism (CSV) need not carry them.
 */
export const plainText = text.map(stripLoneSurrogates);

export function stripLoneSurrogates(t: string): string {
  return t.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

const commentArb = (id: number, t: fc.Arbitrary<string>) =>
  fc
    .record({
      author: t,
      role: fc.constantFrom('translator', 'editor'),
      body: t,
      resolved: fc.boolean(),
      category: fc.constantFrom(null, ...ERROR_CATEGORIES),
      severity: fc.constantFrom(null, ...SEVERITIES),
    })
    .map((c): ExportComment => ({ ...c, id, createdAt: FIXED_TIME }));

export const pairArb = (id: number, t: fc.Arbitrary<string> = text) =>
  fc
    .record({
      source: t,
      target: t,
      status: fc.constantFrom(...STATUSES),
      excluded: fc.boolean(),
      reason: t,
      comments: fc.array(fc.nat(1000), { maxLength: 3 }),
    })
    .chain((r) =>
      fc.tuple(...r.comments.map((_, i) => commentArb(id * 10 + i, t))).map((comments) =>
        pair(id, {
          source: r.source,
          target: r.target,
          status: r.status,
          excluded: r.excluded,
          rejectionReason: r.status === 'rejected' ? r.reason : null,
          comments,
        }),
      ),
    );

export function modelArbOf(t: fc.Arbitrary<string>, maxPairs = 6): fc.Arbitrary<ExportModel> {
  return fc
    .integer({ min: 1, max: maxPairs })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => pairArb(i + 1, t))))
    .map((pairs) => model(pairs));
}

/** Models with any text, unpaired surrogates included (the XML formats carry them). */
export const modelArb = modelArbOf(text);
/** Models with text UTF-8 can encode. */
export const plainModelArb = modelArbOf(plainText);
