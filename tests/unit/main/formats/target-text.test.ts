import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  escapeMarkdownLine,
  escapeMarkdownParagraph,
  targetBlocks,
  writeTargetHtml,
  writeTargetMarkdown,
  writeTargetTxt,
} from '../../../../src-main/formats/target-text';
import type { ExportModel } from '../../../../src-main/formats/model';
import { model, pair } from './helpers/model';

const dec = (b: Uint8Array) => new TextDecoder().decode(b);

const pairs = [
  pair(1, { status: 'approved', target: 'First <b>"approved"</b> & done' }),
  pair(2, { status: 'translated', target: 'Second, only translated' }),
  pair(3, { status: 'new', target: '', source: 'بلا ترجمة' }),
  pair(4, { status: 'approved', target: 'Excluded boilerplate', excluded: true }),
  pair(5, { status: 'approved', target: 'Line one\nLine two' }),
];
const withOptions = (approvedOnly: boolean, markUntranslated: boolean): ExportModel =>
  model(pairs, { options: { approvedOnly, markUntranslated } });

describe('which pairs a target document holds', () => {
  it.each([
    [false, false, ['t:First <b>"approved"</b> & done', 't:Second, only translated', 't:Line one\nLine two']],
    [false, true, ['t:First <b>"approved"</b> & done', 't:Second, only translated', 'u:بلا ترجمة', 't:Line one\nLine two']],
    [true, false, ['t:First <b>"approved"</b> & done', 't:Line one\nLine two']],
    [true, true, ['t:First <b>"approved"</b> & done', 'u:مرحبا 2', 'u:بلا ترجمة', 't:Line one\nLine two']],
  ])('approvedOnly=%s markUntranslated=%s (excluded always left out)', (approvedOnly, mark, expected) => {
    const blocks = targetBlocks(withOptions(approvedOnly, mark)).map((b) =>
      b.kind === 'text' ? `t:${b.text}` : `u:${b.source}`,
    );
    expect(blocks).toEqual(expected);
  });
});

describe('plain text', () => {
  it('writes one paragraph per line with blank lines between, and the marker template', () => {
    const txt = dec(writeTargetTxt(withOptions(true, true), { untranslated: '[TODO {{source}}]' }));
    expect(txt).toBe('First <b>"approved"</b> & done\n\n[TODO مرحبا 2]\n\n[TODO بلا ترجمة]\n\nLine one\nLine two\n');
  });

  it('uses the English default marker', () => {
    expect(
      dec(writeTargetTxt(model([pair(1, { target: '' })], { options: { approvedOnly: false, markUntranslated: true } }))),
    ).toBe('[untranslated: مرحبا 1]\n');
  });
});

describe('HTML', () => {
  const html = dec(
    writeTargetHtml(
      model(pairs, {
        options: { approvedOnly: false, markUntranslated: true },
        document: { ...model([]).document, name: 'News <script>alert(1)</script>' },
      }),
    ),
  );

  it('is an LTR English HTML5 page with a charset, an escaped title and no scripts', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en" dir="ltr">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>News &lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('escapes every text and keeps line breaks visible', () => {
    expect(html).toContain('<p>First &lt;b&gt;&quot;approved&quot;&lt;/b&gt; &amp; done</p>');
    expect(html).toContain('<p>Line one<br>\nLine two</p>');
    expect(html).not.toContain('Excluded boilerplate');
  });

  it('sets the Arabic source of a marker apart', () => {
    expect(html).toContain('<p class="untranslated">[untranslated: <bdi lang="ar" dir="rtl">بلا ترجمة</bdi>]</p>');
  });

  it('replaces characters HTML cannot show', () => {
    expect(escapeHtml('a\u0000b\u0001c\r\nd')).toBe('a\ufffdb\ufffdc<br>\nd');
  });
});

describe('Markdown', () => {
  it.each([
    ['# not a heading', '\\# not a heading'],
    ['> not a quote', '\\> not a quote'],
    ['- not a list', '\\- not a list'],
    ['+ not a list', '\\+ not a list'],
    ['1. not a list', '1\\. not a list'],
    ['12) not a list', '12\\) not a list'],
    ['===', '\\==='],
    ['    not code', '&#32;&#32;&#32;&#32;not code'],
    ['\tnot code', '&#9;not code'],
    ['*a* _b_ `c` [d](e) <f> a|b ~~g~~ &amp; \\', '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> a\\|b \\~\\~g\\~\\~ \\&amp; \\\\'],
    ['trailing  ', 'trailing&#32;&#32;'],
    ['نص عربي - ليس قائمة', 'نص عربي - ليس قائمة'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMarkdownLine(input)).toBe(expected);
  });

  it('turns line breaks inside a paragraph into hard breaks', () => {
    expect(escapeMarkdownParagraph('one\r\n# two\rthree')).toBe('one\\\n\\# two\\\nthree');
  });

  it('writes paragraphs separated by blank lines, excluded pairs left out', () => {
    const md = dec(writeTargetMarkdown(withOptions(false, false)));
    expect(md).toBe('First \\<b\\>"approved"\\</b\\> \\& done\n\nSecond, only translated\n\nLine one\\\nLine two\n');
  });
});
