// The target-only DOCX written as a stream (WordprocessingML text into a streaming zip, no document
// model): well-formed parts, the English alone, the untranslated markers, and bytes leaving the
// writer while the paragraphs are still being read.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseXml, type XmlElement, elements } from '../../../../src-main/formats/xml';
import { PIECE_BYTES } from '../../../../src-main/formats/docx-ooxml';
import { streamTargetDocx, writeTargetDocx } from '../../../../src-main/formats/docx-target';
import type { TargetBlock } from '../../../../src-main/formats/target-text';
import { model, pair } from './helpers/model';
import { readZipText } from './helpers/zip';

function all(el: XmlElement, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of elements(el)) {
    if (c.local === local) out.push(c);
    out.push(...all(c, local));
  }
  return out;
}

const text = (el: XmlElement) => (el.children[0]?.type === 'text' ? el.children[0].text : '');

describe('target-only DOCX (streamed)', () => {
  it('is a package whose every part is well-formed XML, with the English paragraphs and italic markers', async () => {
    const bytes = writeTargetDocx(
      model(
        [
          pair(1, { target: 'First & <one>', status: 'approved' }),
          pair(2, { source: 'بلا ترجمة', target: '' }),
          pair(3, { source: 'مستبعد', excluded: true }),
          pair(4, { target: 'tab\there\nline', status: 'draft' }),
        ],
        { options: { approvedOnly: false, markUntranslated: true, csvRaw: false } },
      ),
      { untranslated: '[not yet: {{source}}]' },
    );
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'docProps/app.xml',
        'docProps/core.xml',
        'word/_rels/document.xml.rels',
        'word/document.xml',
        'word/settings.xml',
        'word/styles.xml',
      ].sort(),
    );
    for (const name of names) {
      const part = await zip.file(name)!.async('uint8array');
      expect(() => parseXml(part), name).not.toThrow();
    }
    const root = parseXml(new TextEncoder().encode(await readZipText(bytes, 'word/document.xml')));
    const paragraphs = all(root, 'p');
    expect(paragraphs.map((p) => all(p, 't').map(text).join(''))).toEqual([
      'First & <one>',
      '[not yet: بلا ترجمة]',
      'tabhereline',
    ]);
    expect(all(paragraphs[2]!, 'tab')).toHaveLength(1);
    expect(all(paragraphs[2]!, 'br')).toHaveLength(1);
    expect(all(paragraphs[1]!, 'i')).toHaveLength(1);
    expect(all(paragraphs[0]!, 'i')).toHaveLength(0);
    expect(await readZipText(bytes, 'docProps/core.xml')).toContain('<dc:title>');
  });

  it('has one empty paragraph when nothing is written', async () => {
    const bytes = writeTargetDocx(model([pair(1, { excluded: true })]));
    const root = parseXml(new TextEncoder().encode(await readZipText(bytes, 'word/document.xml')));
    expect(all(root, 'p')).toHaveLength(1);
    expect(all(root, 'sectPr')).toHaveLength(1);
  });

  it('hands the zip out while the paragraphs are still being read (no document held)', () => {
    let read = 0;
    let readWhenFirstBytesLeft = -1;
    const paragraphs = 4000;
    function* blocks(): Generator<TargetBlock> {
      for (; read < paragraphs;) {
        read++;
        // About 2.5 KB of XML a paragraph: the document is several deflate pieces long.
        yield { kind: 'text', text: `Paragraph ${read} `.repeat(150) };
      }
    }
    let bytes = 0;
    streamTargetDocx({ title: 'T', exportedAt: '2024-03-05T07:08:09.000Z' }, blocks(), (chunk) => {
      // The small parts come first: count from the first chunk of the document's own deflated XML.
      bytes += chunk.length;
      if (readWhenFirstBytesLeft < 0 && bytes > 4096 && read > 0) readWhenFirstBytesLeft = read;
    });
    expect(paragraphs * 2500).toBeGreaterThan(4 * PIECE_BYTES);
    expect(readWhenFirstBytesLeft).toBeGreaterThan(0);
    expect(readWhenFirstBytesLeft).toBeLessThan(paragraphs / 2);
  });
});
