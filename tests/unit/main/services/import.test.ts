import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QalamError, type ErrorCode } from '../../../../src-main/shared/errors';
import { importDocument, inspectImport } from '../../../../src-main/services/documents';
import { listPairs } from '../../../../src-main/services/pairs';
import { checkParagraphLengths, MAX_PARAGRAPH_CHARS } from '../../../../src-main/services/parse';
import { countWords } from '../../../../src-main/text/words';
import { encodeSingleByte, encodeUtf16, sampleBytes, sampleText, tableCounts, testRuntime, type TestRuntime } from '../helpers';

let rt: TestRuntime;
beforeEach(() => (rt = testRuntime()));
afterEach(() => rt.dispose());

const enc = new TextEncoder();
const LINES = sampleText().split('\n');

async function importBytes(
  bytes: Uint8Array,
  extra: { encoding?: 'windows-1256'; allowDuplicate?: boolean; fileName?: string } = {},
) {
  return importDocument(rt.ctx, { fileName: extra.fileName ?? 'article.txt', bytes, ...extra });
}

async function refusal(bytes: Uint8Array, extra: Parameters<typeof importBytes>[1] = {}): Promise<ErrorCode> {
  const before = tableCounts(rt);
  try {
    await importBytes(bytes, extra);
  } catch (e) {
    if (!(e instanceof QalamError)) throw e;
    expect(tableCounts(rt)).toEqual(before); // nothing stored
    return e.code;
  }
  throw new Error('import was not refused');
}

function sources(documentId: number): string[] {
  return listPairs(rt.ctx, documentId, 0, 1000).items.map((p) => p.source);
}

describe('plain-text import of the sample article', () => {
  it('stores 12 paragraphs in order with their word counts', async () => {
    const doc = await importBytes(sampleBytes());
    expect(LINES).toHaveLength(12);
    const pairs = listPairs(rt.ctx, doc.id, 0, 100).items;
    expect(pairs.map((p) => p.source)).toEqual(LINES.map((l) => l.trim()));
    expect(pairs.map((p) => p.position)).toEqual([...Array(12).keys()]);
    expect(pairs.every((p) => p.status === 'new' && p.target === '' && p.version === 0)).toBe(true);
    // The first paragraph, counted by hand: قالت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا، إن بلادها ليست
    // معتدية وقوات حفظ السلام وضعت حدا لإراقة الدماء في كازاخستان.
    expect(pairs[0]!.sourceWords).toBe(21);
    expect(pairs[11]!.sourceWords).toBe(7); // تم أضافة تعليقك سوف يظهر بعد المراجعة
    expect(doc.stats.total.words).toBe(pairs.reduce((n, p) => n + countWords(p.source), 0));
    expect(doc.format).toBe('txt');
    expect(doc.encoding).toBe('utf-8');
    expect(doc.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['windows-1256', () => encodeSingleByte(sampleText(), 'windows-1256')],
    ['iso-8859-6', () => encodeSingleByte(sampleText(), 'iso-8859-6')],
    ['utf-16le', () => encodeUtf16(sampleText(), 'le')],
    ['utf-16be', () => encodeUtf16(sampleText(), 'be')],
    ['utf-8', () => new Uint8Array([0xef, 0xbb, 0xbf, ...sampleBytes()])],
  ])('imports the article re-encoded as %s identically', async (encoding, make) => {
    const reference = sources((await importBytes(sampleBytes(), { fileName: 'ref.txt' })).id);
    const doc = await importBytes(make(), { fileName: `article.${encoding}.txt` });
    expect(sources(doc.id)).toEqual(reference);
    expect(doc.encoding).toBe(encoding === 'iso-8859-6' ? doc.encoding : encoding);
    if (encoding === 'iso-8859-6') expect(['iso-8859-6', 'windows-1256']).toContain(doc.encoding);
  });

  it('handles CRLF, CR and hard-wrapped text', async () => {
    const crlf = await importBytes(enc.encode(LINES.join('\r\n')), { fileName: 'crlf.txt' });
    const cr = await importBytes(enc.encode(LINES.join('\r')), { fileName: 'cr.txt', allowDuplicate: true });
    expect(sources(crlf.id)).toHaveLength(12);
    expect(sources(cr.id)).toEqual(sources(crlf.id));
  });

  it('stores lines at LF or CRLF (read as bytes, never decoded) as text, exactly as lines at CR (read as decoded strings)', async () => {
    const lines = [...LINES, '\u3000 «نص» \u00a0', '😀 well-known 3.5 𝒜', '\ufeffبالـ"معتدية"\u202f'];
    const rows = (id: number) =>
      rt.db
        .prepare(
          'SELECT position, source, typeof(source) AS type, source_words FROM pairs WHERE document_id = ? ORDER BY position',
        )
        .all(id);
    const lf = await importBytes(enc.encode(lines.join('\n')), { fileName: 'lf.txt' });
    const crlf = await importBytes(enc.encode(lines.join('\r\n')), { fileName: 'crlf.txt' });
    const cr = await importBytes(enc.encode(lines.join('\r')), { fileName: 'cr.txt' });
    expect(rows(lf.id)).toEqual(rows(cr.id));
    expect(rows(crlf.id)).toEqual(rows(cr.id));
    expect(rows(lf.id)).toContainEqual({ position: 13, source: '😀 well-known 3.5 𝒜', type: 'text', source_words: 4 });
    expect(sources(lf.id)).toEqual(lines.map((l) => l.trim()));
  });

  it('asks before importing the same file twice', async () => {
    const first = await importBytes(sampleBytes());
    const preview = await inspectImport(rt.ctx, { fileName: 'again.txt', bytes: sampleBytes() });
    expect(preview.duplicates.map((d) => d.id)).toEqual([first.id]);
    expect(preview.paragraphs).toBe(12);
    expect(preview.encodingCandidates[0]).toBe('utf-8');
    expect(await refusal(sampleBytes())).toBe('import_duplicate');
    const second = await importBytes(sampleBytes(), { allowDuplicate: true });
    expect(second.id).not.toBe(first.id);
  });

  it('lets the user override a detected encoding', async () => {
    const bytes = encodeSingleByte(sampleText(), 'windows-1256');
    const doc = await importBytes(bytes, { encoding: 'windows-1256' });
    expect(doc.encoding).toBe('windows-1256');
    expect(await refusal(bytes, { encoding: 'utf-8' as never, allowDuplicate: true })).toBe('import_encoding');
  });
});

describe('hostile and broken plain text', () => {
  it('refuses ASCII text with one stray NUL instead of reading it as UTF-16 (issue 8.13)', async () => {
    const text = 'The minister said on Tuesday that talks would resume next week in the capitals.\n';
    const bytes = enc.encode(text.slice(0, 40) + '\u0000' + text.slice(41));
    expect(bytes.length % 2).toBe(0); // even, as UTF-16 would be
    expect(await refusal(bytes)).toBe('import_binary');
  });

  it('still reads Arabic UTF-16 without a BOM, little- and big-endian', async () => {
    for (const endian of ['le', 'be'] as const) {
      const bom = encodeUtf16(LINES.slice(0, 3).join('\n'), endian);
      const doc = await importBytes(bom.subarray(2), { allowDuplicate: true });
      expect(sources(doc.id)[0]).toBe(LINES[0]);
    }
  });

  it('refuses XML it has no reader for, whatever its extension, instead of importing its markup as text', async () => {
    const xml = enc.encode('<?xml version="1.0"?>\n<catalog><book id="1"><title>كتاب</title></book></catalog>\n');
    for (const fileName of ['catalog.xml', 'catalog.xlf', 'catalog'])
      expect(await refusal(xml, { fileName })).toBe('import_unsupported');
  });

  it('refuses empty and blank files', async () => {
    expect(await refusal(new Uint8Array())).toBe('import_empty');
    expect(await refusal(enc.encode(' \n\r\n\t  \n'))).toBe('import_empty');
    expect(await refusal(new Uint8Array([0xef, 0xbb, 0xbf]))).toBe('import_empty');
  });

  it('refuses binary data', async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 0, 0, 7,
    ]);
    expect(await refusal(png)).toBe('import_binary');
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expect(await refusal(noise)).toBe('import_binary');
  });

  it('names a zip that is not a Word document as such, not as binary data', async () => {
    const notWord = enc.encode('PK\u0003\u0004 xl/workbook.xml and nothing of a Word package');
    expect(await refusal(notWord, { fileName: 'report.docx' })).toBe('import_zip_not_docx');
  });

  it('names a .docx that is no package at all (cut short, damaged) as a broken Word document, not as text or binary data', async () => {
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const text = sampleBytes();
    for (const [bytes, fileName] of [
      [noise, 'report.docx'],
      [text, 'report.DOCX'],
      [text, 'template.dotm'],
    ] as const) {
      try {
        await importBytes(bytes, { fileName });
        throw new Error(`${fileName} was imported`);
      } catch (e) {
        expect(e).toBeInstanceOf(QalamError);
        expect({ code: (e as QalamError).code, params: (e as QalamError).params }).toEqual({
          code: 'import_malformed',
          params: { context: 'docx' },
        });
      }
    }
    // The same text under a text file's name is imported.
    expect(await importBytes(text, { fileName: 'report.txt', allowDuplicate: true })).toBeTruthy();
  });

  it('refuses truncated or damaged UTF-8 instead of storing mojibake', async () => {
    const bytes = sampleBytes();
    const truncated = bytes.slice(0, 301); // cuts a two-byte Arabic letter in half
    expect(await refusal(truncated)).toBe('import_encoding');
    const spliced = new Uint8Array(bytes);
    spliced[500] = 0xff;
    expect(await refusal(spliced)).toBe('import_encoding');
  });

  it('refuses a 50 MB single line as a paragraph over the limit, not as a large file', async () => {
    const line = enc.encode('ا'.repeat(25 * 1024 * 1024)); // 2 bytes each: 50 MB
    expect(await refusal(line)).toBe('import_paragraph_too_long');
  });

  it('names the paragraph over the limit, its length, the limit and its first words', async () => {
    const long = `CNN قالت إن المحادثات كانت مهنية ${'وبناءة '.repeat(16_000)}`.slice(0, 109_999) + '.';
    const text = [LINES[0], LINES[1], long, LINES[2]].join('\n');
    const before = tableCounts(rt);
    const err = await importBytes(enc.encode(text)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QalamError);
    expect((err as QalamError).code).toBe('import_paragraph_too_long');
    expect((err as QalamError).params).toEqual({
      paragraph: 3,
      side: 'source',
      chars: 110_000,
      limit: MAX_PARAGRAPH_CHARS,
      start: 'CNN قالت إن المحادثات كانت مهنية وبناءة…',
    });
    expect(tableCounts(rt)).toEqual(before);
    // One character fewer than the limit is a paragraph like any other.
    const fits = [LINES[0], 'ق'.repeat(MAX_PARAGRAPH_CHARS)].join('\n');
    expect(sources((await importBytes(enc.encode(fits), { allowDuplicate: true })).id)[1]).toHaveLength(MAX_PARAGRAPH_CHARS);
  });

  it('holds every format to the paragraph limit, translations included', () => {
    const doc = {
      format: 'xliff12' as const,
      sourceLang: 'ar',
      targetLang: 'en',
      warnings: [],
      paragraphs: [
        { source: 'قال', target: 'He said' },
        { source: 'قالت', target: `She ${'said '.repeat(30)}`.padEnd(MAX_PARAGRAPH_CHARS + 1, 'x') },
      ],
    };
    expect(() => checkParagraphLengths(doc)).toThrow(
      expect.objectContaining({
        code: 'import_paragraph_too_long',
        params: expect.objectContaining({ paragraph: 2, chars: MAX_PARAGRAPH_CHARS + 1 }),
      }),
    );
    doc.paragraphs[1]!.target = 'She said';
    expect(() => checkParagraphLengths(doc)).not.toThrow();
  });
});

describe('import preview', () => {
  it('shows the start of a long paragraph cut after a whole word, with "…"', async () => {
    // LINES[2] is 370 characters: longer than the preview's 300.
    expect(LINES[2]!.length).toBeGreaterThan(300);
    const preview = await inspectImport(rt.ctx, { fileName: 'article.txt', bytes: sampleBytes() });
    const sample = preview.sample[2]!;
    expect(sample.endsWith('…')).toBe(true);
    expect(sample.length).toBeLessThanOrEqual(301);
    const shown = sample.slice(0, -1);
    expect(LINES[2]!.startsWith(shown)).toBe(true);
    // The next character of the paragraph is a space: no word was cut in half.
    expect(LINES[2]![shown.length]).toMatch(/[\s,،;؛:]/);
    expect(preview.sample[0]).toBe(LINES[0]);
  });
});

describe('large documents', () => {
  it('imports 100k paragraphs in one transaction with progress', async () => {
    const paragraphs = Array.from({ length: 100_000 }, (_, i) => `الفقرة رقم ${i} من المستند الكبير.`);
    const seen: number[] = [];
    const doc = await importDocument(rt.ctx, { fileName: 'big.txt', bytes: enc.encode(paragraphs.join('\n')) }, (done) =>
      seen.push(done),
    );
    expect(doc.stats.total.segments).toBe(100_000);
    expect(seen.at(-1)).toBe(100_000);
    expect(seen.length).toBeGreaterThan(10);
    expect(listPairs(rt.ctx, doc.id, 54_321, 1).items[0]!.source).toBe('الفقرة رقم 54321 من المستند الكبير.');
  });
});

describe('import keeps the file of formats with a layout', () => {
  it('stores a DOCX as the skeleton of its document (a text file keeps none), and deleting the document drops it', async () => {
    const { Document, Packer, Paragraph } = await import('docx');
    const bytes = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('فقرة')] }] })));
    const docx = await importBytes(bytes, { fileName: 'a.docx' });
    const txt = await importBytes(sampleBytes());
    expect(docx.hasSkeleton).toBe(true);
    expect(txt.hasSkeleton).toBe(false);
    const { getSkeleton } = await import('../../../../src-main/store/repos/skeletons');
    expect(getSkeleton(rt.db, docx.id)).toEqual(bytes);
    rt.db.prepare('DELETE FROM documents WHERE id = ?').run(docx.id);
    expect(tableCounts(rt).document_skeletons).toBe(0);
  });
});

describe('HTML import through the services', () => {
  it('imports a page by content as blocks with their origin, keeps it, and writes the English into it', async () => {
    const page =
      '<!DOCTYPE html><html lang="ar" dir="rtl"><head><title>صفحة</title></head><body><p>قال <b>أحمد</b> ذلك.</p></body></html>';
    const doc = await importBytes(enc.encode(page), { fileName: 'page.dat' });
    expect(doc.format).toBe('html');
    expect(doc.hasSkeleton).toBe(true);
    const pairs = listPairs(rt.ctx, doc.id, 0, 10).items;
    expect(pairs.map((p) => [p.source, p.origin])).toEqual([
      ['صفحة', 'title'],
      ['قال أحمد ذلك.', null],
    ]);
    const { renderExport } = await import('../../../../src-main/services/io');
    const { file, fileName } = await renderExport(rt.ctx, { documentId: doc.id, format: 'html-layout' });
    expect(fileName).toBe('صفحة.en.html');
    // Nothing is translated yet: the page keeps its Arabic, marked as such, inside an English page.
    expect(new TextDecoder().decode(file.bytes)).toContain('<html lang="en" dir="ltr">');
    expect(new TextDecoder().decode(file.bytes)).toContain('<p lang="ar" dir="rtl">قال <b>أحمد</b> ذلك.</p>');
  });
});
