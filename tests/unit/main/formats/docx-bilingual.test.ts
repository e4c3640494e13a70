import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { crc32, inflateRawSync } from 'node:zlib';
import { readReviewedDocx, writeBilingualDocx } from '../../../../src-main/formats/docx-bilingual';
import { DeflatedEntry, PIECE_BYTES } from '../../../../src-main/formats/docx-ooxml';
import { writeTargetDocx } from '../../../../src-main/formats/docx-target';
import { elements, firstElement, getAttr, parseXml, type XmlElement } from '../../../../src-main/formats/xml';
import { W_NS } from '../../../../src-main/formats/docx-ooxml';
import { expectQalamErrorAsync } from './helpers/expect';
import { comment, model, modelArbOf, pair, text } from './helpers/model';
import { readZipText, replaceParts, zipOf } from './helpers/zip';

const sample = model([
  pair(1, { source: 'قالت المتحدثة\nسطر ثان', target: 'The spokeswoman said\r\nsecond line', status: 'approved' }),
  pair(2, { source: 'نص مستبعد', excluded: true }),
  pair(3, { source: 'جدولة\tهنا', target: '  tabs\there & <there>  ', status: 'rejected', rejectionReason: 'Too literal' }),
  pair(4, {
    target: 'ctrl\u0001\u001f end',
    comments: [
      comment(1, { body: 'Check this', category: 'accuracy', severity: 'major' }),
      comment(2, { body: 'Done', resolved: true }),
    ],
  }),
]);

function all(el: XmlElement, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of elements(el)) {
    if (c.local === local) out.push(c);
    out.push(...all(c, local));
  }
  return out;
}

async function expectWellFormed(bytes: Uint8Array): Promise<void> {
  const zip = await JSZip.loadAsync(bytes);
  for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
    const part = await zip.file(name)!.async('uint8array');
    expect(() => parseXml(part), name).not.toThrow();
  }
}

async function documentXml(bytes: Uint8Array): Promise<XmlElement> {
  return parseXml(await readZipText(bytes, 'word/document.xml'));
}

describe('bilingual DOCX writer', () => {
  it('writes an LTR table with ID, RTL Arabic source and plain LTR English target; excluded pairs left out', async () => {
    const root = await documentXml(await writeBilingualDocx(sample));
    const [tbl] = all(root, 'tbl');
    const bidiVisual = firstElement(firstElement(tbl!, 'tblPr')!, 'bidiVisual');
    expect(getAttr(bidiVisual!, 'val', W_NS)).toBe('off');
    const rows = elements(tbl!, 'tr');
    expect(rows).toHaveLength(4); // header + 3 pairs
    const [, first] = rows;
    const cells = elements(first!, 'tc');
    const source = firstElement(cells[1]!, 'p')!;
    expect(firstElement(firstElement(source, 'pPr')!, 'bidi')).toBeDefined();
    for (const r of all(source, 'r')) {
      const rPr = firstElement(r, 'rPr')!;
      expect(firstElement(rPr, 'rtl')).toBeDefined();
      expect(getAttr(firstElement(rPr, 'rFonts')!, 'cs', W_NS)).toBe('Noto Naskh Arabic');
    }
    const target = firstElement(cells[2]!, 'p')!;
    expect(all(target, 'bidi')).toHaveLength(0);
    expect(all(target, 'rtl')).toHaveLength(0);
    expect(all(target, 'jc')).toHaveLength(0);
  });

  it('writes the header with name, date, counts and status summary, and only open comments', async () => {
    const xml = await readZipText(await writeBilingualDocx(sample), 'word/document.xml');
    expect(xml).toContain('Bilingual review: </w:t>');
    expect(xml).toContain('News article');
    expect(xml).toContain('Exported: 2024-03-05 07:08 UTC by Sara');
    expect(xml).toContain('Segments: 3  ·  Source words: 6  ·  Target words: 6');
    expect(xml).toContain('New: 0  ·  Draft: 0  ·  Translated: 1  ·  Approved: 1  ·  Rejected: 1  ·  Excluded: 1');
    expect(xml).toContain('Omar (Accuracy, Major): ');
    expect(xml).toContain('Reason: </w:t>');
    expect(xml).not.toContain('>Done<');
    expect(xml).not.toContain('نص مستبعد');
  });

  it('takes translated labels, and lays Arabic labels out right-to-left', async () => {
    const xml = await readZipText(
      await writeBilingualDocx(sample, {
        title: 'مراجعة ثنائية',
        columns: { target: 'الترجمة' },
        statuses: { approved: 'معتمد' },
      }),
      'word/document.xml',
    );
    expect(xml).toContain('مراجعة ثنائية');
    expect(xml).toContain('الترجمة');
    expect(xml).toContain('معتمد');
    expect(xml).toContain('Arabic source'); // defaults fill what was not given
    const root = parseXml(xml);
    const title = all(root, 'p')[0]!;
    expect(firstElement(firstElement(title, 'pPr')!, 'bidi')).toBeDefined();
  });

  it('splits long documents into tables of at most 500 rows, each with a repeated header row', async () => {
    const many = model(Array.from({ length: 1001 }, (_, i) => pair(i + 1)));
    const bytes = await writeBilingualDocx(many);
    const tables = all(await documentXml(bytes), 'tbl');
    expect(tables.map((t) => elements(t, 'tr').length)).toEqual([501, 501, 2]);
    for (const t of tables) {
      const [head, ...rest] = elements(t, 'tr');
      expect(firstElement(firstElement(head!, 'trPr')!, 'tblHeader')).toBeDefined();
      expect(rest.every((r) => !firstElement(r, 'trPr') || !firstElement(firstElement(r, 'trPr')!, 'tblHeader'))).toBe(true);
    }
    const rows = await readReviewedDocx(bytes);
    expect(rows.map((r) => r.pairId)).toEqual(many.pairs.map((p) => p.id));
    expect(rows.map((r) => r.index)).toEqual(many.pairs.map((_, i) => i));
  });
});

describe('bilingual DOCX round trip', () => {
  it('reads back ids, sources and targets exactly', async () => {
    const rows = await readReviewedDocx(await writeBilingualDocx(sample));
    expect(rows).toEqual(
      sample.pairs.filter((p) => !p.excluded).map((p, index) => ({ pairId: p.id, source: p.source, target: p.target, index })),
    );
  });

  it('is lossless for random text with controls, bidi marks, CR/LF, tabs and edge spaces (property)', async () => {
    await fc.assert(
      fc.asyncProperty(modelArbOf(text, 4), text, text, async (generated, name, user) => {
        const m = { ...generated, document: { ...generated.document, name }, exportedBy: user };
        const bytes = await writeBilingualDocx(m);
        const rows = await readReviewedDocx(bytes);
        const expected = m.pairs
          .filter((p) => !p.excluded)
          .map((p, index) => ({ pairId: p.id, source: p.source, target: p.target, index }));
        expect(rows).toEqual(expected);
        // Every XML part must stay well-formed, or Word refuses the whole file.
        await expectWellFormed(bytes);
      }),
      { numRuns: 25 },
    );
  });
});

describe('bilingual DOCX writer: text into the byte buffer', () => {
  const roundTrip = async (pairs: ReturnType<typeof pair>[]) => {
    const m = model(pairs);
    const bytes = await writeBilingualDocx(m);
    await expectWellFormed(bytes);
    expect(await readReviewedDocx(bytes)).toEqual(
      m.pairs.map((p, index) => ({ pairId: p.id, source: p.source, target: p.target, index })),
    );
    return readZipText(bytes, 'word/document.xml');
  };

  it('escapes & < > in text without controls (the one-pass path) and leaves the rest as is', async () => {
    const xml = await roundTrip([
      pair(1, { source: 'أ & ب < ج > د', target: 'Tom & Jerry <b>1</b> > 0 ]]> "q" \'a\'' }),
      pair(2, { source: 'بلا رموز', target: 'plain' }),
    ]);
    expect(xml).toContain('Tom &amp; Jerry &lt;b&gt;1&lt;/b&gt; &gt; 0 ]]&gt; "q" \'a\'');
    expect(xml).toContain('أ &amp; ب &lt; ج &gt; د');
    expect(xml).toContain('>plain</w:t>');
  });

  it('keeps surrogate pairs as characters and writes unpaired surrogates and controls as code point runs', async () => {
    const xml = await roundTrip([
      pair(1, { source: 'وجه 😀 مبتسم', target: 'face 😀 & 𝔸' }),
      pair(2, { source: 'نصف \ud83d', target: 'half \ude00 bell\u0007 \uffff end' }),
    ]);
    expect(xml).toContain('face 😀 &amp; 𝔸');
    expect(xml).toContain('U+D83D');
    expect(xml).toContain('U+DE00');
    expect(xml).toContain('U+0007');
    expect(xml).toContain('U+FFFF');
    expect(xml).not.toMatch(/[\u0007\uffff]/);
  });

  it('writes paragraphs longer than a buffer piece and documents of many pieces exactly', async () => {
    // Arabic takes two bytes a letter: this paragraph alone is several pieces long.
    const long = 'قالت المتحدثة باسم وزارة الخارجية '.repeat(Math.ceil((PIECE_BYTES * 2) / 30));
    await roundTrip([
      pair(1, { source: long, target: `${'Long & <long> '.repeat(PIECE_BYTES / 10)}end` }),
      ...Array.from({ length: 1200 }, (_, i) => pair(i + 2, { source: `فقرة ${i} `.repeat(i % 50), target: `Row ${i} &` })),
      pair(2000, { source: 'الأخيرة', target: 'last' }),
    ]);
  });

  it('deflates pieces that join into the exact UTF-8 of everything written, whatever the piece size (property)', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 30 }), fc.integer({ min: 1, max: 64 }), (texts, capacity) => {
        const entry = new DeflatedEntry('x', capacity);
        const out: Uint8Array[] = [];
        let done = false;
        entry.ondata = (err, chunk, final) => {
          expect(err).toBeNull();
          out.push(chunk);
          done = final;
        };
        // Three-byte letters (U+FExx) fill a small buffer exactly at its edge.
        const written = texts.map((t, i) => (i % 2 ? `\ufefb${t}\ufefc` : t));
        for (const t of written) entry.write(t);
        entry.end();
        const expected = Buffer.from(written.join(''), 'utf8');
        expect(done).toBe(true);
        expect(inflateRawSync(Buffer.concat(out)).equals(expected)).toBe(true);
        expect(entry.size).toBe(expected.length);
        expect(entry.crc).toBe(crc32(expected));
      }),
      { numRuns: 200 },
    );
  });

  it('sets the cell margins once per table, not in each cell', async () => {
    const root = await documentXml(await writeBilingualDocx(sample));
    const [tbl] = all(root, 'tbl');
    const mar = firstElement(firstElement(tbl!, 'tblPr')!, 'tblCellMar')!;
    expect(['top', 'left', 'bottom', 'right'].map((side) => getAttr(firstElement(mar, side)!, 'w', W_NS))).toEqual([
      '40',
      '80',
      '40',
      '80',
    ]);
    expect(all(tbl!, 'tcMar')).toHaveLength(0);
  });
});

describe('reading a DOCX the reviewer edited in Word', () => {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const cell = (inner: string) => `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/></w:tcPr>${inner}</w:tc>`;
  const p = (inner: string) => `<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00D4E5F6">${inner}</w:p>`;
  const r = (t: string) =>
    `<w:r w:rsidRPr="00112233"><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">${t}</w:t></w:r>`;
  const row = (id: string, source: string, target: string, trPr = '') =>
    `<w:tr>${trPr}${cell(p(r(id)))}${cell(p(`<w:pPr><w:bidi/></w:pPr>${r(source)}`))}${cell(target)}${cell(p(''))}${cell(p(''))}</w:tr>`;
  const edited = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>
  <w:p><w:r><w:t>Bilingual review</w:t></w:r></w:p>
  <w:tbl><w:tblPr><w:bidiVisual w:val="0"/></w:tblPr>
    <w:tr><w:trPr><w:tblHeader/></w:trPr>${cell(p(r('ID')))}${cell(p(r('Arabic source')))}${cell(p(r('English translation')))}</w:tr>
    ${row('7', 'مرحبا', p(`<w:proofErr w:type="spellStart"/>${r('Hel')}<w:proofErr w:type="spellEnd"/>${r('lo')}<w:ins w:id="1" w:author="Reviewer" w:date="2024-01-01T00:00:00Z">${r(' new')}</w:ins><w:del w:id="2" w:author="Reviewer"><w:r><w:delText> old</w:delText></w:r></w:del><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/><w:r><w:br/><w:t>next</w:t><w:tab/><w:t>col</w:t></w:r>`))}
    ${row('8', 'سطران', p(r('first paragraph')) + p(r('second paragraph')))}
    ${row('9', 'محذوف', p(r('deleted row')), '<w:trPr><w:del w:id="3" w:author="Reviewer"/></w:trPr>')}
    <w:sdt><w:sdtPr/><w:sdtContent>${row('10', 'داخل', p(`<w:hyperlink><w:r><w:t>linked</w:t></w:r></w:hyperlink><w:smartTag><w:r><w:t xml:space="preserve"> tag</w:t></w:r></w:smartTag>`))}</w:sdtContent></w:sdt>
    ${row('', 'بلا معرف', p(r('no id')))}
  </w:tbl>
  <w:p/>
  <w:tbl><w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>${cell(p(r('ID')))}</w:tr>${row(' 11 ', 'ثاني', p(r('second table')))}</w:tbl>
  <w:sectPr/>
</w:body></w:document>`;

  it('joins split runs, keeps insertions, drops deletions and proofing marks, reads breaks and tabs', async () => {
    const bytes = await replaceParts(await writeBilingualDocx(sample), { 'word/document.xml': edited });
    expect(await readReviewedDocx(bytes)).toEqual([
      { pairId: 7, source: 'مرحبا', target: 'Hello new\nnext\tcol', index: 0 },
      { pairId: 8, source: 'سطران', target: 'first paragraph\nsecond paragraph', index: 1 },
      { pairId: 10, source: 'داخل', target: 'linked tag', index: 2 },
      { pairId: null, source: 'بلا معرف', target: 'no id', index: 3 },
      { pairId: 11, source: 'ثاني', target: 'second table', index: 4 },
    ]);
  });

  it('gives no rows for a document without the table, and errors for broken files', async () => {
    const noTable = await zipOf({ 'word/document.xml': `<w:document ${W}><w:body><w:p/></w:body></w:document>` });
    expect(await readReviewedDocx(noTable)).toEqual([]);
    await expectQalamErrorAsync(() => readReviewedDocx(new TextEncoder().encode('not a docx')), 'import_malformed');
    await expectQalamErrorAsync(async () => readReviewedDocx(await zipOf({ 'a.txt': 'x' })), 'import_malformed');
    const doctype = `<!DOCTYPE w [<!ENTITY x "y">]><w:document ${W}><w:body/></w:document>`;
    await expectQalamErrorAsync(async () => readReviewedDocx(await zipOf({ 'word/document.xml': doctype })), 'import_unsafe_xml');
  });
});

describe('target-only DOCX', () => {
  it('holds the English paragraphs without any bidi or RTL property', async () => {
    const bytes = await writeTargetDocx(model(sample.pairs, { options: { approvedOnly: false, markUntranslated: true } }));
    const xml = await readZipText(bytes, 'word/document.xml');
    expect(xml).not.toMatch(/<w:bidi\b|<w:rtl\b|<w:bidiVisual\b/);
    const styles = await readZipText(bytes, 'word/styles.xml');
    expect(styles).not.toMatch(/<w:bidi\b|<w:rtl\b/);
    const texts = all(parseXml(xml), 'p').map((p) =>
      all(p, 't')
        .map((t) => (t.children[0]?.type === 'text' ? t.children[0].text : ''))
        .join(''),
    );
    expect(texts).toEqual(['The spokeswoman saidsecond line', '  tabshere & <there>  ', 'ctrlU+0001U+001F end']);
  });
});
