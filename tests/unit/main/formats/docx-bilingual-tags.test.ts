// The bilingual review DOCX shows inline codes as tag tokens in their own character style; reading a
// reviewed file back gives the tokens at their offsets, which resolve to the pair's codes. The style
// survives a save by LibreOffice (what a reviewer without Word uses).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReviewedDocx, writeBilingualDocx } from '../../../../src-main/formats/docx-bilingual';
import { parseXliff12 } from '../../../../src-main/formats/xliff12';
import { codesFromTokens, fromTagged, type InlineCode } from '../../../../src-main/shared/inline';
import { model, pair } from './helpers/model';
import { readZipText, replaceParts } from './helpers/zip';
import { REPO_ROOT, requireTool, sofficeConvert, tempDir } from './helpers/tools';

const doc = parseXliff12(new Uint8Array(readFileSync(join(REPO_ROOT, 'tests/fixtures/formats/xliff/inline-12.xlf'))));
const src = doc.paragraphs[1]!;
const translated = fromTagged('Read {1}the full statement{/1} on the website{2/}.', src.sourceCodes!);
const m = model([
  pair(1, { source: src.source, sourceCodes: src.sourceCodes!, target: translated.text, targetCodes: translated.codes }),
  pair(2, { source: 'بدون رموز', target: 'No codes {1} here' }),
]);
const resolve = (tags: Array<{ pos: number; token: string }>, codes: InlineCode[]) => codesFromTokens(tags, codes).codes;

describe('bilingual DOCX tag tokens', () => {
  it('writes codes as QalamTag runs in both columns and reads them back to the same codes', async () => {
    const bytes = await writeBilingualDocx(m);
    const xml = await readZipText(bytes, 'word/document.xml');
    expect(xml.match(/<w:rStyle w:val="QalamTag"\/>/g)).toHaveLength(6);
    expect(await readZipText(bytes, 'word/styles.xml')).toContain('w:styleId="QalamTag"');
    const rows = await readReviewedDocx(bytes);
    expect(rows[0]!.target).toBe(translated.text);
    expect(resolve(rows[0]!.targetTags!, src.sourceCodes!)).toEqual(translated.codes);
    // Literal braces typed as text are text, not tags.
    expect(rows[1]!.target).toBe('No codes {1} here');
    expect(rows[1]!.targetTags).toBeUndefined();
  });

  it('a reviewer who moves or deletes a token changes the codes accordingly', async () => {
    const bytes = await writeBilingualDocx(m);
    const xml = await readZipText(bytes, 'word/document.xml');
    // Delete the {2/} token run from the English cell (the last QalamTag run in the document).
    const runs = [...xml.matchAll(/<w:r>(?:(?!<w:r>).)*?QalamTag(?:(?!<w:r>).)*?<\/w:r>/g)];
    const last = runs[runs.length - 1]!;
    const edited = xml.slice(0, last.index) + xml.slice(last.index! + last[0].length);
    const rows = await readReviewedDocx(await replaceParts(bytes, { 'word/document.xml': edited }));
    expect(resolve(rows[0]!.targetTags!, src.sourceCodes!).map((c) => c.kind)).toEqual(['open', 'close']);
  });

  it('keeps its tokens through a save by LibreOffice', async () => {
    requireTool('soffice');
    const dir = tempDir('tags-lo');
    writeFileSync(join(dir, 'review.docx'), await writeBilingualDocx(m));
    const out = join(dir, 'out');
    await sofficeConvert([join(dir, 'review.docx')], 'docx:MS Word 2007 XML', out);
    const rows = await readReviewedDocx(new Uint8Array(readFileSync(join(out, 'review.docx'))));
    expect(rows[0]!.target).toBe(translated.text);
    expect(resolve(rows[0]!.targetTags!, src.sourceCodes!)).toEqual(translated.codes);
  });
});
