// HTML pages: blocks as pairs with inline markup as codes, and the target page written in the source's layout.
import { describe, expect, it } from 'vitest';
import { MAX_HTML_BYTES, MAX_HTML_DEPTH, parseHtml, writeLayoutHtml } from '../../../../src-main/formats/html';
import type { ExportPair } from '../../../../src-main/formats/model';
import type { InlineCode } from '../../../../src-main/shared/inline';
import { expectQalamError } from './helpers/expect';
import { model, pair } from './helpers/model';

const enc = (s: string) => new TextEncoder().encode(s);

const PAGE = `<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>تقرير &amp; أخبار</title>
<style>p { color: red; }</style><script>if (a < b) { document.write("<p>لا</p>"); }</script></head>
<body dir="rtl" class="page">
<!-- تعليق لا يترجم -->
<h1 id="top">عنوان   التقرير</h1>
<p>قال <b class="name">أحمد</b> إن <a href="https://example.com/?a=1&amp;b=2">الموقع</a><br>جديد <img src="x.png" alt="صورة"></p>
<div class="box">نص مباشر<p>فقرة داخلية</p>ذيل</div>
<ul><li>أ<li>ب</ul>
<table><tr><td>خلية</td><td dir="rtl" lang="ar">يبقى <span dir="rtl">كما</span> هو</td></tr></table>
<pre>سطر ١
  سطر ٢</pre>
</body></html>`;

describe('HTML import', () => {
  const doc = parseHtml(enc(PAGE));

  it('reads each block once, in order, with scripts, styles and comments skipped', () => {
    expect(doc.format).toBe('html');
    expect(doc.name).toBe('تقرير & أخبار');
    expect(doc.paragraphs.map((p) => p.source)).toEqual([
      'تقرير & أخبار',
      'عنوان التقرير',
      'قال أحمد إن الموقع\nجديد',
      'نص مباشر',
      'فقرة داخلية',
      'ذيل',
      'أ',
      'ب',
      'خلية',
      'يبقى كما هو',
      'سطر ١\n  سطر ٢',
    ]);
    expect(doc.paragraphs[0]!.origin).toBe('title');
    expect(doc.paragraphs.slice(1).every((p) => p.origin === undefined)).toBe(true);
    expect(doc.original).toEqual(enc(PAGE));
  });

  it('turns inline markup into codes that keep the original tags', () => {
    const codes = doc.paragraphs[2]!.sourceCodes!;
    expect(codes.map((c) => [c.pos, c.kind, c.type, c.native])).toEqual([
      [4, 'open', 'bold', '<b class="name">'],
      [8, 'close', 'bold', '</b>'],
      [12, 'open', 'link', '<a href="https://example.com/?a=1&amp;b=2">'],
      [18, 'close', 'link', '</a>'],
      [23, 'standalone', 'image', '<img src="x.png" alt="صورة">'],
    ]);
    expect(codes[2]!.attrs).toEqual({ href: 'https://example.com/?a=1&b=2' });
  });

  it('refuses a huge page and a deeply nested one with clear errors', () => {
    expectQalamError(() => parseHtml(new Uint8Array(MAX_HTML_BYTES + 1)), 'import_too_large');
    const deep = '<div>'.repeat(MAX_HTML_DEPTH + 1) + 'نص';
    expect(expectQalamError(() => parseHtml(enc(deep)), 'import_too_deep').params).toEqual({ limit: MAX_HTML_DEPTH });
    // Just under the limit is a page like any other.
    expect(parseHtml(enc('<div>'.repeat(MAX_HTML_DEPTH - 1) + 'نص')).paragraphs.map((p) => p.source)).toEqual(['نص']);
  });

  it('refuses a page without text and one that is not UTF-8', () => {
    expectQalamError(() => parseHtml(enc('<html><body><script>x()</script><!-- -->  </body></html>')), 'import_empty');
    expectQalamError(() => parseHtml(new Uint8Array([0x3c, 0x70, 0x3e, 0xc7, 0xe1])), 'import_encoding');
  });
});

const ENGLISH = [
  'Report & news',
  'Report <title>',
  'Ahmed said the website\nis new',
  'Direct text',
  'Inner paragraph',
  'Tail',
  'A',
  'B',
  'Cell',
  '',
  'Line 1\n  Line 2',
];

function pairsFor(over: (p: ExportPair, i: number) => Partial<ExportPair> = () => ({})): ExportPair[] {
  const doc = parseHtml(enc(PAGE));
  return doc.paragraphs.map((p, i) => {
    let targetCodes: InlineCode[] = [];
    if (i === 2) {
      const [bo, bc, lo, lc, img] = p.sourceCodes!;
      targetCodes = [
        { ...bo!, pos: 0 },
        { ...bc!, pos: 5 },
        { ...lo!, pos: 15 },
        { ...lc!, pos: 22 },
        { ...img!, pos: 29 },
      ];
    }
    const base = pair(i + 1, {
      position: i,
      source: p.source,
      target: ENGLISH[i]!,
      sourceCodes: p.sourceCodes ?? null,
      targetCodes,
      status: 'approved',
    });
    return { ...base, ...over(base, i) };
  });
}

const write = (pairs: ExportPair[], approvedOnly = false) =>
  new TextDecoder().decode(
    writeLayoutHtml(
      model(pairs, { original: { format: 'html', bytes: enc(PAGE) }, options: { approvedOnly, markUntranslated: false } }),
    ),
  );

describe('HTML target in the page layout', () => {
  it('splices the English into the page: tags put back, everything else byte for byte, English and left to right', () => {
    const out = write(pairsFor());
    expect(out).toContain('<html lang="en" dir="ltr">');
    expect(out).toContain('<title>Report &amp; news</title>');
    expect(out).toContain('<body dir="ltr" class="page">');
    expect(out).toContain('<h1 id="top">Report &lt;title&gt;</h1>');
    expect(out).toContain(
      '<p><b class="name">Ahmed</b> said the <a href="https://example.com/?a=1&amp;b=2">website</a><br>is new<img src="x.png" alt="صورة"></p>',
    );
    expect(out).toContain('<div class="box">Direct text<p>Inner paragraph</p>Tail</div>');
    expect(out).toContain('<ul><li>A<li>B</ul>');
    expect(out).toContain('<pre>Line 1\n  Line 2</pre>');
    // Untouched: the head's style and script, the comment, the doctype.
    expect(out).toContain('<style>p { color: red; }</style><script>if (a < b) { document.write("<p>لا</p>"); }</script>');
    expect(out).toContain('<!-- تعليق لا يترجم -->');
    expect(out.startsWith('<!DOCTYPE html>\n')).toBe(true);
  });

  it('keeps an untranslated block in Arabic, marked right to left, and reads the page back as the English', () => {
    const out = write(pairsFor());
    expect(out).toContain('<td dir="rtl" lang="ar">يبقى <span dir="rtl">كما</span> هو</td>');
    const back = parseHtml(enc(out));
    expect(back.paragraphs.map((p) => p.source)).toEqual(ENGLISH.map((e) => (e === '' ? 'يبقى كما هو' : e)));
    expect(back.paragraphs[2]!.sourceCodes!.map((c) => [c.pos, c.kind, c.type])).toEqual([
      [0, 'open', 'bold'],
      [5, 'close', 'bold'],
      [15, 'open', 'link'],
      [22, 'close', 'link'],
      [29, 'standalone', 'image'],
    ]);
  });

  it('with "approved only", leaves out what is not approved; writes unbalanced and foreign codes safely', () => {
    const out = write(
      pairsFor((p, i) => {
        if (i === 1) return { status: 'translated' };
        if (i !== 2) return {};
        const [bo, , , lc] = p.sourceCodes!;
        // An open never closed, a close never opened, and a code from another format.
        return {
          targetCodes: [
            { ...lc!, pos: 1 },
            { ...bo!, pos: 6 },
            { pos: 8, kind: 'standalone', id: 'xliff-9', type: 'ph' },
          ],
        };
      }),
      true,
    );
    expect(out).toContain('<h1 id="top"></h1>');
    expect(out).toContain('<p>Ahmed <b class="name">said the website<br>is new</b></p>');
  });

  it('refuses a page that is not the one the pairs came from', () => {
    expectQalamError(
      () => writeLayoutHtml(model(pairsFor(), { original: { format: 'html', bytes: enc(PAGE.replace('ذيل', 'آخر')) } })),
      'export_skeleton_mismatch',
    );
    expectQalamError(() => writeLayoutHtml(model(pairsFor())), 'export_no_skeleton');
  });
});
