// The target DOCX in the source's layout: extraction of runs into clean text + codes, and the writer
// putting English back into the same package.
import { describe, expect, it } from 'vitest';
import { parseDocx } from '../../../../src-main/formats/docx';
import { writeLayoutDocx } from '../../../../src-main/formats/docx-target-layout';
import type { ExportPair } from '../../../../src-main/formats/model';
import type { InlineCode } from '../../../../src-main/shared/inline';
import { expectQalamErrorAsync } from './helpers/expect';
import { model, pair } from './helpers/model';
import { readZipText, zipOf } from './helpers/zip';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const NS = `${W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"`;
const AR = '<w:rPr><w:rtl/><w:lang w:bidi="ar-SA"/></w:rPr>';
const BOLD = '<w:rPr><w:bCs/><w:rtl/></w:rPr>';
const arRun = (t: string, rPr = AR) => `<w:r>${rPr}<w:t xml:space="preserve">${t}</w:t></w:r>`;
const arP = (inner: string, pPr = '<w:pPr><w:pStyle w:val="Normal"/><w:bidi/><w:jc w:val="right"/></w:pPr>') =>
  `<w:p>${pPr}${inner}</w:p>`;
const box = (t: string) => `<w:txbxContent>${arP(arRun(t))}</w:txbxContent>`;

const DOCUMENT = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${NS}><w:body>
${arP(arRun('عنوان'), '<w:pPr><w:pStyle w:val="Heading1"/><w:bidi/></w:pPr>')}
${arP(`${arRun('قال ')}${arRun('أحمد', BOLD)}${arRun(' إن')}<w:r>${AR}<w:footnoteReference w:id="1"/></w:r>${arRun('الوضع هادئ.')}`)}
${arP(`<w:bookmarkStart w:id="0" w:name="here"/>${arRun('زوروا ')}<w:hyperlink r:id="rIdLink">${arRun('موقعنا', '<w:rPr><w:rStyle w:val="Hyperlink"/><w:rtl/></w:rPr>')}</w:hyperlink>${arRun(' اليوم')}<w:bookmarkEnd w:id="0"/>`)}
<w:tbl><w:tblPr><w:bidiVisual/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr><w:tc>${arP(arRun('خلية'))}</w:tc><w:tc>${arP(arRun('يبقى'))}</w:tc></w:tr></w:tbl>
${arP(`${arRun('صفحة ')}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>${arRun('\tبعد')}`)}
${arP(`${arRun('انظر ')}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://example.org/" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${arRun('الرابط')}<w:r><w:fldChar w:fldCharType="end"/></w:r>`)}
${arP(`${arRun('قبل المربع')}<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>${box('نص المربع')}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>${box('نص المربع')}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`)}
${arP(arRun('لم يترجم'), '<w:pPr><w:pStyle w:val="ArabicBody"/></w:pPr>')}
<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/><w:bidi/></w:sectPr>
</w:body></w:document>`;

const parts = {
  '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  'word/_rels/document.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/" TargetMode="External"/>
<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>`,
  'word/document.xml': DOCUMENT,
  'word/header1.xml': `<?xml version="1.0" encoding="UTF-8"?><w:hdr ${W}>${arP(arRun('رأس الصفحة'))}</w:hdr>`,
  'word/footer1.xml': `<?xml version="1.0" encoding="UTF-8"?><w:ftr ${W}>${arP(arRun('تذييل'))}</w:ftr>`,
  'word/footnotes.xml': `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ${W}><w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1">${arP(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>${arRun(' المصدر')}`)}</w:footnote></w:footnotes>`,
  'word/styles.xml': `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="ar-SA" w:bidi="ar-SA"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:styleId="Normal"><w:pPr><w:bidi/></w:pPr><w:rPr><w:rtl/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ArabicBody"><w:basedOn w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/></w:style></w:styles>`,
  'word/numbering.xml': `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:pPr><w:bidi/><w:ind w:left="720"/></w:pPr></w:lvl></w:abstractNum></w:numbering>`,
};

const SOURCES = [
  'رأس الصفحة',
  'عنوان',
  'قال أحمد إن الوضع هادئ.',
  'المصدر',
  'زوروا موقعنا اليوم',
  'خلية',
  'يبقى',
  'صفحة \tبعد',
  'انظر الرابط',
  'قبل المربع',
  'نص المربع',
  'لم يترجم',
  'تذييل',
];

describe('DOCX extraction into text and codes', () => {
  it('reads every part in reading order with its origin, and runs as clean text plus codes', async () => {
    const doc = await parseDocx(await zipOf(parts));
    expect(doc.paragraphs.map((p) => p.source)).toEqual(SOURCES);
    expect(doc.paragraphs.map((p) => p.origin ?? '')).toEqual([
      'header',
      '',
      '',
      'footnote',
      '',
      '',
      '',
      '',
      '',
      '',
      'textbox',
      '',
      'footer',
    ]);
    const codes = (i: number) => doc.paragraphs[i]!.sourceCodes?.map((c) => [c.pos, c.kind, c.type]);
    // Only the bold name differs from the paragraph's usual run formatting: one pair of tags.
    expect(codes(2)).toEqual([
      [4, 'open', 'span'],
      [8, 'close', 'span'],
      [11, 'standalone', 'footnote'],
    ]);
    expect(doc.paragraphs[2]!.sourceCodes![0]!.native).toBe('<w:rPr><w:bCs/><w:rtl/></w:rPr>');
    expect(codes(3)).toEqual([[0, 'standalone', 'footnote']]);
    // The link's own style is its text's usual formatting: no span inside it.
    expect(codes(4)).toEqual([
      [6, 'open', 'link'],
      [12, 'close', 'link'],
    ]);
    expect(doc.paragraphs[4]!.sourceCodes![0]!.attrs).toEqual({ href: 'https://example.com/' });
    expect(doc.paragraphs[7]!.sourceCodes).toMatchObject([
      { pos: 5, kind: 'standalone', type: 'field', attrs: { instr: 'PAGE' } },
    ]);
    expect(doc.paragraphs[8]!.sourceCodes).toMatchObject([
      { pos: 5, kind: 'open', type: 'link', attrs: { href: 'https://example.org/' } },
      { pos: 11, kind: 'close', type: 'link' },
    ]);
    expect(codes(9)).toEqual([[10, 'standalone', 'image']]);
    expect(doc.paragraphs[0]!.sourceCodes).toBeUndefined();
  });
});

const ENGLISH: Record<string, [string, Array<[number, number]>?]> = {
  'رأس الصفحة': ['Page header'],
  عنوان: ['Title'],
  'قال أحمد إن الوضع هادئ.': [
    'Ahmed said the situation is calm.',
    [
      [0, 5],
      [10, 0],
    ],
  ],
  المصدر: ['Source'],
  'زوروا موقعنا اليوم': ['Visit our website today', [[6, 17]]],
  خلية: ['Cell'],
  'صفحة \tبعد': ['Page \tafter', [[5, 0]]],
  'انظر الرابط': ['See the link', [[4, 12]]],
  'قبل المربع': ['Before the box', [[14, 0]]],
  'نص المربع': ['Box text'],
  تذييل: ['Footer'],
};

/** English for each source, the source's codes moved to the given positions in order (paired: [open, close]). */
async function translated(over: (p: ExportPair, i: number) => Partial<ExportPair> = () => ({})) {
  const bytes = await zipOf(parts);
  const doc = await parseDocx(bytes);
  const pairs = doc.paragraphs.map((p, i) => {
    const [target, spots] = ENGLISH[p.source] ?? [''];
    const src = p.sourceCodes ?? [];
    const positions = (spots ?? []).flat();
    const targetCodes: InlineCode[] = src.map((c, k) => ({ ...c, pos: positions[k] ?? 0 }));
    const base = pair(i + 1, { position: i, source: p.source, target, status: 'approved', sourceCodes: src, targetCodes });
    return { ...base, ...over(base, i) };
  });
  return { bytes, pairs, doc };
}

async function exportXml(over?: (p: ExportPair, i: number) => Partial<ExportPair>, approvedOnly = false) {
  const { bytes, pairs } = await translated(over);
  const out = await writeLayoutDocx(
    model(pairs, { original: { format: 'docx', bytes }, options: { approvedOnly, markUntranslated: false } }),
  );
  const read = (name: string) => readZipText(out, name);
  return {
    out,
    document: await read('word/document.xml'),
    header: await read('word/header1.xml'),
    footer: await read('word/footer1.xml'),
    notes: await read('word/footnotes.xml'),
    styles: await read('word/styles.xml'),
    numbering: await read('word/numbering.xml'),
  };
}

describe('DOCX target in the source layout', () => {
  it('writes English into every part, with bold, links, fields, notes and text boxes put back, left to right', async () => {
    const x = await exportXml();
    // The bold name: Latin bold added beside the complex-script bold, in schema order, English language.
    expect(x.document).toContain(
      '<w:r><w:rPr><w:b/><w:bCs/><w:lang w:val="en-US"/></w:rPr><w:t xml:space="preserve">Ahmed</w:t></w:r>',
    );
    expect(x.document).toContain('<w:footnoteReference w:id="1"/>');
    expect(x.document).toMatch(
      /<w:hyperlink r:id="rIdLink"><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/><w:lang w:val="en-US"\/><\/w:rPr><w:t xml:space="preserve">our website<\/w:t><\/w:r><\/w:hyperlink>/,
    );
    expect(x.document).toContain('<w:bookmarkStart w:id="0" w:name="here"/>');
    expect(x.document).toContain('<w:instrText> PAGE </w:instrText>');
    expect(x.document).toContain('<w:instrText> HYPERLINK "https://example.org/" </w:instrText>');
    expect(x.document).toMatch(/HYPERLINK[^]*separate[^]*>the link<\/w:t>[^]*fldCharType="end"/);
    // Both copies of the text box (DrawingML and the VML fallback) are English.
    expect(x.document.match(/Box text/g)).toHaveLength(2);
    expect(x.document).not.toContain('نص المربع');
    expect(x.header).toContain('>Page header<');
    expect(x.footer).toContain('>Footer<');
    expect(x.notes).toContain('<w:footnoteRef/>');
    expect(x.notes).toContain('>Source<');
    // Right-aligned Arabic paragraphs become left-aligned English ones.
    expect(x.document.match(/<w:jc w:val="right"\/>/g)).toHaveLength(1); // the untranslated cell
    expect(x.document).toContain('<w:jc w:val="left"/>');
    for (const part of [x.header, x.footer, x.notes, x.styles, x.numbering])
      expect(part).not.toMatch(/<w:(bidi|rtl|bidiVisual)\b/);
    expect(x.styles).toContain('<w:lang w:val="en-US" w:bidi="ar-SA"/>');
  });

  it('keeps an untranslated paragraph in Arabic, right to left even when its style gave it that direction', async () => {
    const x = await exportXml();
    const kept = /<w:p><w:pPr><w:pStyle w:val="ArabicBody"\/><w:bidi\/><\/w:pPr><w:r><w:rPr><w:rtl\/>[^]*?لم يترجم/;
    expect(x.document).toMatch(kept);
    expect(x.document).toMatch(
      /<w:p><w:pPr><w:pStyle w:val="Normal"\/><w:bidi\/><w:jc w:val="right"\/><\/w:pPr><w:r><w:rPr><w:rtl\/><w:lang w:bidi="ar-SA"\/><\/w:rPr><w:t xml:space="preserve">يبقى/,
    );
    // Everything else is English: the only direction marks left are on the two kept paragraphs.
    expect(x.document.match(/<w:bidi\/>/g)).toHaveLength(2);
    expect(x.document).not.toMatch(/<w:bidiVisual|<w:sectPr>[^]*<w:bidi\/>[^]*<\/w:sectPr>/);
  });

  it('reads back as the English text with the same codes', async () => {
    const { out } = await exportXml();
    const back = await parseDocx(out);
    const { pairs } = await translated();
    const expected = pairs.map((p) => (p.target.trim() === '' ? p.source : p.target));
    expect(back.paragraphs.map((p) => p.source)).toEqual(expected);
    expect(back.paragraphs[2]!.sourceCodes?.map((c) => [c.pos, c.kind, c.type])).toEqual([
      [0, 'open', 'span'],
      [5, 'close', 'span'],
      [10, 'standalone', 'footnote'],
    ]);
    expect(back.paragraphs[4]!.sourceCodes?.map((c) => [c.pos, c.kind, c.type])).toEqual([
      [6, 'open', 'link'],
      [17, 'close', 'link'],
    ]);
  });

  it('with "approved only", leaves out the text of pairs not approved; excluded pairs keep their source', async () => {
    const x = await exportXml((p, i) => (i === 1 ? { status: 'translated' } : i === 5 ? { excluded: true } : {}), true);
    expect(x.document).not.toContain('>Title<');
    expect(x.document).not.toContain('عنوان');
    expect(x.document).toContain('<w:pStyle w:val="Heading1"/>');
    expect(x.document).toContain('خلية');
    expect(x.document).not.toContain('>Cell<');
  });

  it('writes overlapping, unbalanced and foreign codes without losing text', async () => {
    const x = await exportXml((p, i) => {
      if (i !== 4) return {};
      const [open, close] = p.sourceCodes!;
      // A close before its open, an open never closed, and an XLIFF code the package knows nothing of.
      return {
        targetCodes: [
          { ...close!, pos: 2 },
          { ...open!, pos: 6 },
          { pos: 8, kind: 'standalone', id: 'x9', type: 'ph', native: '<ph id="9"/>' },
        ],
      };
    });
    expect(x.document).toMatch(
      />Vi<\/w:t>[^]*>sit <\/w:t>[^]*<w:hyperlink r:id="rIdLink">[^]*>ou<\/w:t>[^]*>r website today<\/w:t>[^]*<\/w:hyperlink>/,
    );
  });

  it('refuses a package that is not the one the pairs came from', async () => {
    const { pairs } = await translated();
    const other = await zipOf({ ...parts, 'word/footer1.xml': parts['word/footer1.xml'].replace('تذييل', 'آخر') });
    await expectQalamErrorAsync(
      () => writeLayoutDocx(model(pairs, { original: { format: 'docx', bytes: other } })),
      'export_skeleton_mismatch',
    );
    await expectQalamErrorAsync(() => writeLayoutDocx(model(pairs)), 'export_no_skeleton');
  });
});
