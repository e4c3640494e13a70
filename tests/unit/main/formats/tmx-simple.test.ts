// The fast TMX reader must read exactly what the safe streaming reader reads, and step aside
// (null) for everything else, so that every refusal still comes from the safe reader.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eachTmxUnit, eachTmxUnitBytes, parseTmx, parseTmxStreaming } from '../../../../src-main/formats/tmx';
import { fromByteString } from '../../../../src-main/text/utf8';
import { XML_LIMITS } from '../../../../src-main/formats/xml';
import { readSimpleTmx, type SimpleTu } from '../../../../src-main/formats/tmx-simple';
import { QalamError } from '../../../../src-main/shared/errors';
import type { ImportedTmUnit } from '../../../../src-main/formats/model';
import { REPO_ROOT } from './helpers/tools';

const enc = (s: string) => new TextEncoder().encode(s);
/** Whether the fast reader read the file itself. */
const readsItself = (bytes: Uint8Array) => readSimpleTmx(bytes, (tu: SimpleTu) => [tu]) !== null;

/** Both readers' answer: the units, or the error code. */
function outcome(read: (b: Uint8Array) => unknown, bytes: Uint8Array): unknown {
  try {
    return read(bytes);
  } catch (e) {
    if (e instanceof QalamError) return { error: e.code, params: e.params };
    throw e;
  }
}

function same(bytes: Uint8Array): void {
  expect(outcome(parseTmx, bytes)).toEqual(outcome(parseTmxStreaming, bytes));
  sameBytes(bytes);
}

/**
 * eachTmxUnitBytes, where it answers, hands over parseTmx's units with their texts as byte strings.
 * Returns whether it answered.
 */
function sameBytes(bytes: Uint8Array): boolean {
  const seen: ImportedTmUnit[] = [];
  const n = eachTmxUnitBytes(bytes, (source, target, meta) => seen.push({ ...meta, source, target }));
  if (n === null) return false;
  expect(n).toBe(seen.length);
  expect(seen.map((u) => ({ ...u, source: fromByteString(u.source), target: fromByteString(u.target) }))).toEqual(
    parseTmx(bytes),
  );
  return true;
}

const doc = (body: string, head = '<?xml version="1.0" encoding="UTF-8"?>\n') =>
  `${head}<tmx version="1.4"><header srclang="ar" creationtool="t"/><body>${body}</body></tmx>\n`;
const tu = (ar: string, en: string, attrs = '') =>
  `<tu${attrs}><tuv xml:lang="ar"><seg>${ar}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu>`;

describe('the simple TMX reader', () => {
  it('reads the fixtures as the streaming reader does', () => {
    for (const name of ['other-tools.tmx', 'external-dtd.tmx']) {
      same(new Uint8Array(readFileSync(join(REPO_ROOT, 'tests/fixtures/formats/tmx', name))));
    }
  });

  it('reads plain files itself, with entities, character references, comments, props and dates', () => {
    const bytes = enc(
      doc(
        `\n  <!-- a comment -->\n  ${tu('نص &amp; &lt;رمز&gt; &#1633;&#x662;', 'Text &amp; &quot;quoted&quot; &apos;x&apos; &#13;', ' tuid="1" creationdate="20240102T030405Z" creationid="مترجم"')}\n  <tu srclang="en"><prop type="x">p &amp; q</prop><tuv lang="EN-us"><seg>Back</seg></tuv><tuv lang="ar"><seg>رجوع</seg></tuv></tu>`,
        "\uFEFF<?xml version='1.0' encoding='utf-8' standalone=\"yes\"?>\n",
      ),
    );
    expect(readsItself(bytes)).toBe(true);
    same(bytes);
    expect(parseTmx(bytes)).toEqual([
      {
        source: 'نص & <رمز> ١٢',
        target: 'Text & "quoted" \'x\' \r',
        sourceLang: 'ar',
        targetLang: 'en',
        createdAt: '2024-01-02T03:04:05.000Z',
        author: 'مترجم',
      },
      { source: 'Back', target: 'رجوع', sourceLang: 'EN-us', targetLang: 'ar' },
    ]);
  });

  it('steps aside for anything outside the plain form or that XML reads differently, and the safe reader answers', () => {
    const cases = [
      doc(tu('a', 'b'), '<?xml version="1.0" encoding="ISO-8859-1"?>\n'),
      `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x "boom">]><tmx version="1.4"><header/><body>${tu('&x;', 'b')}</body></tmx>`,
      `<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx version="1.4"><header/><body>${tu('a', 'b')}</body></tmx>`,
      doc(tu('<![CDATA[a < b]]>', 'b')),
      doc(tu('a\r\nb', 'b')),
      doc(tu('a &nbsp; b', 'b')),
      doc(tu('a & b', 'b')),
      doc(tu('a &#0; b', 'b')),
      doc(tu('a \u0001 b', 'b')),
      doc(tu('a <ph x="1">{1}</ph> b', 'b <ph x="1">{1}</ph>')),
      doc(tu('<bpt i="1">&lt;b&gt;</bpt>a<ept i="1">&lt;/b&gt;</ept>', 'b')),
      doc(tu('a', 'b', ' creationid="a>b"')),
      doc(tu('a', 'b', ' a="1" a="2"')),
      doc(tu('a', 'b', ' x:y="1"')),
      doc(tu('a', 'b', ' note="tab\there"')),
      doc(`<tu><tuv xml:lang="ar"><seg/></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`),
      doc(`<tu><tuv xml:lang="ar"><seg></seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`),
      doc(`<tu><tuv xml:lang="ar"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tu></tuv>`),
      doc(`${tu('a', 'b')}<tu><tuv xml:lang="ar"><seg>a</seg>`),
      doc(tu('a', 'b')).replace('</tmx>', '</tmx><tmx/>'),
      doc(tu('a', 'b')).replace('<header', '<header><ude/></header><x').replace('creationtool="t"/>', '/>'),
      doc(tu('a', 'b')).replace('<tmx version="1.4">', '<tmx xmlns="urn:x" version="1.4">'),
      doc(`<tu><tuv xml:lang="ar"><seg>a<!-- c -->b</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`),
      doc(`<!-- a -- b -->${tu('a', 'b')}`),
      // Tags a plain unit's one match takes in, which only the tag's own reading refuses.
      doc(`<tu /><tuv xml:lang="ar"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`),
      doc(`<tu><tuv xml:lang="ar"/><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`),
      doc(`<tu><tuv xml:lang="ar"><seg>a</seg></tuv><tuv xml:lang="en" lang="x" lang="y"><seg>b</seg></tuv></tu>`),
      doc(`<tu><tuv xml:lang="ar"><seg>a</seg></tuv>\r\n<tuv xml:lang="en"><seg>b</seg></tuv></tu>`),
      doc('text between units'),
      '<notmx/>',
      '',
    ];
    for (const c of cases) {
      expect(readsItself(enc(c)), c).toBe(false);
      same(enc(c));
    }
    // Read, but empty: parseTmx leaves the refusal to the safe reader.
    for (const c of [doc(''), doc(tu('', '')), doc(tu('a', ''))]) same(enc(c));
    // Bytes that are not UTF-8.
    const bad = enc(doc(tu('a', 'b')));
    bad[bad.length - 30] = 0xff;
    expect(readsItself(bad)).toBe(false);
    same(bad);
  });

  it('agrees with the streaming reader on generated files', () => {
    const piece = fc.constantFrom(
      'نص',
      'a',
      ' ',
      '&amp;',
      '&lt;',
      '&gt;',
      '&quot;',
      '&#1633;',
      '&#x1F600;',
      '٫',
      '\n',
      '\t',
      'é',
      '>',
      ']]>',
      '&bad;',
      '\r',
      '<b/>',
    );
    const text = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    const unit = fc.record({
      ar: text,
      en: text,
      lang: fc.constantFrom('xml:lang', 'lang'),
      who: fc.constantFrom('', ' creationid="x &amp; y"', " changeid='z'"),
    });
    let simple = 0;
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 5 }), fc.boolean(), (units, comment) => {
        const body = units
          .map((u) => `<tu${u.who}><tuv ${u.lang}="ar"><seg>${u.ar}</seg></tuv><tuv ${u.lang}="en"><seg>${u.en}</seg></tuv></tu>`)
          .join(comment ? '\n<!-- between -->\n' : '\n');
        const bytes = enc(doc(body));
        if (readsItself(bytes)) simple++;
        same(bytes);
      }),
      { numRuns: 400 },
    );
    // Not vacuous: a good share of the generated files took the fast path.
    expect(simple).toBeGreaterThan(20);
  });

  it('reads plain units in one match each, and the rest tag by tag, in step through multi-byte text', () => {
    // Characters of one to four bytes, a BOM, units the match leaves to the loop (a prop, a third
    // variant, a comment inside, a CR between tags) among plain ones, and white space around them.
    const plain = (i: number) => tu(`نص 😀 ${i} &amp; é`, `text ${i} ٫ 😀`, i % 3 === 0 ? ` tuid="${i}"` : '');
    const other = [
      '<tu><prop type="x">p</prop><tuv xml:lang="ar"><seg>أ</seg></tuv><tuv xml:lang="en"><seg>a</seg></tuv></tu>',
      '<tu><tuv xml:lang="ar"><seg>ب</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv><tuv xml:lang="fr"><seg>c</seg></tuv></tu>',
      '<tu><tuv xml:lang="ar"><seg>ج</seg></tuv><!-- c --><tuv xml:lang="en"><seg>c</seg></tuv></tu>',
      '<tu creationid="مترجم"><tuv xml:lang="ar"><seg>د</seg></tuv><tuv xml:lang="en"><seg>d</seg></tuv></tu>',
    ];
    const body = Array.from({ length: 40 }, (_, i) =>
      i % 10 === 9 ? `\n<!-- ${i} -->\n${other[(i / 10) | 0]}` : `\n\t${plain(i)}`,
    );
    const bytes = enc(doc(body.join(''), '\uFEFF<?xml version="1.0"?>\n'));
    expect(readsItself(bytes)).toBe(true);
    same(bytes);
    const units = parseTmx(bytes);
    expect(units).toHaveLength(41);
    expect(units[8]).toEqual({ source: 'نص 😀 8 & é', target: 'text 8 ٫ 😀', sourceLang: 'ar', targetLang: 'en' });
    expect(units[40]).toEqual({ source: 'د', target: 'd', sourceLang: 'ar', targetLang: 'en', author: 'مترجم' });
  });

  it('reads each unit by its own tags: units that share some tags but not others, dates on a tuv', () => {
    // unitsOf keeps its last reading of a unit's tags; a unit with other tags must not take it.
    const body = [
      '<tu><tuv xml:lang="ar"><seg>أ</seg></tuv><tuv xml:lang="en"><seg>a</seg></tuv></tu>',
      '<tu><tuv xml:lang="en"><seg>b</seg></tuv><tuv xml:lang="ar"><seg>ب</seg></tuv></tu>',
      '<tu><tuv xml:lang="ar"><seg>ج</seg></tuv><tuv xml:lang="fr"><seg>c</seg></tuv></tu>',
      '<tu><tuv xml:lang="ar"><seg>د</seg></tuv><tuv xml:lang="en" changedate="20240102T030405Z"><seg>d</seg></tuv></tu>',
      '<tu srclang="en"><tuv xml:lang="ar"><seg>ه</seg></tuv><tuv xml:lang="en"><seg>e</seg></tuv></tu>',
      '<tu><tuv xml:lang="ar"><seg>و</seg></tuv><tuv xml:lang="en"><seg>f</seg></tuv></tu>',
    ].join('\n');
    const bytes = enc(doc(body));
    expect(readsItself(bytes)).toBe(true);
    same(bytes);
    expect(parseTmx(bytes).map((u) => [u.source, u.target, u.targetLang, u.changedAt ?? null])).toEqual([
      ['أ', 'a', 'en', null],
      ['ب', 'b', 'en', null],
      ['ج', 'c', 'fr', null],
      ['د', 'd', 'en', '2024-01-02T03:04:05.000Z'],
      ['e', 'ه', 'ar', null],
      ['و', 'f', 'en', null],
    ]);
  });

  it('recognises a repeated tag by its bytes; the attributes it shares between units cannot be changed', () => {
    // More distinct tags of one length than are remembered (tuid="10"…"99", all the same length),
    // and the same tag with Arabic in an attribute again and again.
    const body = Array.from({ length: 90 }, (_, i) =>
      tu(`نص ${i}`, `text ${i}`, i % 2 === 0 ? ` tuid="${i + 10}"` : ' creationid="مترجم"'),
    ).join('\n');
    const bytes = enc(doc(body));
    expect(readsItself(bytes)).toBe(true);
    same(bytes);
    const tus = readSimpleTmx(bytes, (el: SimpleTu) => [el])!;
    expect(tus.map((el) => el.attrs[0]?.value)).toEqual(
      Array.from({ length: 90 }, (_, i) => (i % 2 === 0 ? String(i + 10) : 'مترجم')),
    );
    expect(Object.isFrozen(tus[1]!.attrs)).toBe(true);
    expect(Object.isFrozen(tus[1]!.attrs[0])).toBe(true);
    expect(tus[1]!.variants.map((v) => v.lang)).toEqual(['ar', 'en']);
  });

  it("steps aside where the safe reader's limits are passed outside segments too", () => {
    // White space between units longer than a text run may be: the safe reader refuses it.
    const long = enc(doc(`${tu('a', 'b')}${' '.repeat(XML_LIMITS.maxTextRun + 1)}${tu('c', 'd')}`));
    expect(readsItself(long)).toBe(false);
    same(long);
    expect(() => parseTmx(long)).toThrow(QalamError);
    // More elements in one unit than a collected element may hold.
    const props = '<prop type="x">p</prop>'.repeat(XML_LIMITS.maxCollectedElements + 1);
    const crowded = enc(doc(`<tu>${props}<tuv xml:lang="ar"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>`));
    expect(readsItself(crowded)).toBe(false);
    same(crowded);
    expect(() => parseTmx(crowded)).toThrow(QalamError);
  });
});

describe('eachTmxUnitBytes', () => {
  it('reads files of bare plain units as byte strings, and nothing else', () => {
    const piece = fc.oneof(
      { arbitrary: fc.constantFrom('نص', 'a', ' ', 'é', '😀', '>', '٫', '\n', '\t', 'Z', '"', '\uFFFD'), weight: 30 },
      { arbitrary: fc.constantFrom('\uFFFE', '&amp;', ']', '\u0001'), weight: 1 },
    );
    const text = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
    const unit = fc.record({
      ar: text,
      en: text,
      lang: fc.constantFrom('xml:lang', 'lang'),
      who: fc.constantFrom(
        '',
        ' creationid="x &amp; y"',
        " changedate='20240102T030405Z'",
        ' creationid="مترجم"',
        ' srclang="en"',
      ),
      gap: fc.constantFrom('\n', '\n  ', '', '\n<!-- c -->\n'),
    });
    let answered = 0;
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 5 }), fc.boolean(), (units, bom) => {
        const body = units
          .map(
            (u) =>
              `${u.gap}<tu${u.who}><tuv ${u.lang}="ar"><seg>${u.ar}</seg></tuv><tuv ${u.lang}="en"><seg>${u.en}</seg></tuv></tu>`,
          )
          .join('');
        const bytes = enc(doc(body, bom ? '\uFEFF<?xml version="1.0"?>\n' : undefined));
        if (sameBytes(bytes)) answered++;
      }),
      { numRuns: 1500 },
    );
    // Not a test that passes by never answering.
    expect(answered).toBeGreaterThan(100);
    // Not bare, or not a plain unit: left to eachTmxUnit.
    for (const c of [
      doc(tu('a &amp; b', 'b')),
      doc(tu('a ] b', 'b')),
      doc(tu('a \uFFFE b', 'b')),
      doc(tu('a', 'b', ' creationid="مترجم"')),
      doc(
        `${tu('a', 'b')}<tu><prop type="x">p</prop><tuv xml:lang="ar"><seg>أ</seg></tuv><tuv xml:lang="en"><seg>a</seg></tuv></tu>`,
      ),
      doc(''),
    ])
      expect(
        eachTmxUnitBytes(enc(c), () => undefined),
        c,
      ).toBeNull();
    expect(sameBytes(enc(doc(`${tu('نص 😀', 'text é')}\n${tu('ب', 'b', ' tuid="2" changedate="20240102T030405Z"')}`)))).toBe(
      true,
    );
    // Units that repeat the tags before them are matched with those tags as they are: characters a
    // regular expression reads otherwise stand for themselves, so a unit whose tags only look alike
    // is read with its own.
    const specials = ' creationid="a.b*c(d)[e]$f^g|h+i?j{1}\\k/"';
    const alike = ' creationid="aXb*c(d)[e]$f^g|h+i?j{1}\\k/"';
    for (const [these, other] of [
      [specials, alike],
      [' creationid="a.b+"', ' creationid="aXbb"'],
    ])
      expect(
        sameBytes(enc(doc([tu('أ', 'a', these), tu('ب', 'b', these), tu('ت', 'c', other), tu('ث', 'd', these)].join('\n')))),
      ).toBe(true);
    expect(
      sameBytes(enc(doc([tu('أ', 'a'), tu('ب', 'b'), tu('ت', 'c'), tu('ث', 'd', ' creationid="x"'), tu('ج', 'e')].join('')))),
    ).toBe(true);
  });
});

describe('eachTmxUnit', () => {
  it('hands over the units parseTmx reads, one at a time', () => {
    const bytes = enc(doc([tu('أ', 'a'), tu('ب', 'b', ' changedate="20240102T030405Z"'), tu('ج', 'c')].join('\n')));
    const seen: unknown[] = [];
    const restart = () => {
      throw new Error('no restart expected');
    };
    expect(eachTmxUnit(bytes, (u) => seen.push(u), restart)).toBe(3);
    expect(seen).toEqual(parseTmx(bytes));
  });

  it('starts over with the safe reader when the fast one gives up part-way', () => {
    // Two plain units, then an empty segment the fast reader leaves to the safe one.
    const bytes = enc(
      doc(
        `${tu('أ', 'a')}\n${tu('ب', 'b')}\n<tu><tuv xml:lang="ar"><seg></seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>\n${tu('ج', 'c')}`,
      ),
    );
    let seen: unknown[] = [];
    let restarts = 0;
    const n = eachTmxUnit(
      bytes,
      (u) => seen.push(u),
      () => {
        restarts++;
        seen = [];
      },
    );
    expect(restarts).toBe(1);
    expect(n).toBe(3);
    expect(seen).toEqual(parseTmxStreaming(bytes));
  });

  it('refuses what parseTmx refuses', () => {
    for (const c of [doc(''), '<notmx/>']) {
      expect(() =>
        eachTmxUnit(
          enc(c),
          () => undefined,
          () => undefined,
        ),
      ).toThrow(QalamError);
    }
  });
});
