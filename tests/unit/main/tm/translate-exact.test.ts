// `qalam translate` without a store (translateTextExact) must write what the store path writes:
// the same target text and the same project TMX, byte for byte, whatever the memory holds.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openContext } from '../../../../src-main/services/context';
import { translateFile, translatePlainBytes } from '../../../../src-main/services/translate';
import fc from 'fast-check';
import type { QalamError } from '../../../../src-main/shared/errors';
import { sampleText } from '../helpers';
import { paragraphs } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'qalam-translate-exact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function tmx(units: { ar: string; en: string; changed?: string }[]): Uint8Array {
  const tus = units
    .map(
      (u) =>
        `<tu${u.changed ? ` changedate="${u.changed}"` : ''}><tuv xml:lang="ar"><seg>${xml(u.ar)}</seg></tuv><tuv xml:lang="en"><seg>${xml(u.en)}</seg></tuv></tu>`,
    )
    .join('\n');
  return new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="paragraph" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/><body>\n${tus}\n</body></tmx>\n`,
  );
}

async function run(withoutStore: boolean, source: string, memory: Uint8Array, minScore: number) {
  const opened = openContext({ dataDir: dir, dbPath: ':memory:', transport: 'cli' });
  opened.ctx.now = () => '2026-03-04T05:06:07.000Z';
  const tag = `${withoutStore ? 'lean' : 'store'}-${minScore}`;
  try {
    const r = await translateFile(opened.ctx, {
      fileName: 'article.txt',
      bytes: new TextEncoder().encode(source),
      tmFileName: 'memory.tmx',
      tmBytes: memory,
      out: join(dir, `${tag}.txt`),
      tmxOut: join(dir, `${tag}.tmx`),
      minScore,
      withoutStore,
    });
    return {
      result: { ...r, out: null, tmxOut: null, documentId: null },
      text: readFileSync(join(dir, `${tag}.txt`), 'utf8'),
      tmx: readFileSync(join(dir, `${tag}.tmx`), 'utf8'),
    };
  } finally {
    opened.close();
  }
}

describe('translate without a store', () => {
  const ps = paragraphs();
  // Repeated paragraphs, a diacritised variant (same folded source, other spelling), numbers in
  // Arabic-Indic digits against Latin ones, several units for one source (the latest change wins,
  // then the later unit), a duplicate and an empty unit, and paragraphs the memory does not know.
  const source = `${sampleText()}\n\n${ps[0]}\n\n${ps[1]!.replace('ا', 'أ')}\n\nفي عام ٢٠٢٢ وقع الاتفاق.\n\nفقرة لا تعرفها الذاكرة.\n`;
  const memory = tmx([
    { ar: ps[0]!, en: 'First, older.', changed: '20240101T000000Z' },
    { ar: ps[0]!, en: 'First, newer.', changed: '20250101T000000Z' },
    { ar: ps[1]!, en: 'Second.' },
    { ar: ps[1]!, en: 'Second.' },
    { ar: ps[2]!, en: 'Third, one.' },
    { ar: ps[2]!, en: 'Third, two.' },
    { ar: 'في عام 2022 وقع الاتفاق.', en: 'The agreement was signed in 2022.' },
    { ar: ps[3]!, en: '' },
    { ar: `${ps[4]} ١٢`, en: 'Not this one: another number.' },
  ]);

  for (const minScore of [100, 101]) {
    it(`writes the store path's target text and project TMX at ${minScore}%`, async () => {
      const store = await run(false, source, memory, minScore);
      const lean = await run(true, source, memory, minScore);
      expect(lean.result).toEqual(store.result);
      expect(lean.text).toBe(store.text);
      expect(lean.tmx).toBe(store.tmx);
      if (minScore === 100) {
        expect(store.result.translated).toBeGreaterThanOrEqual(5);
        expect(store.text).toContain('First, newer.');
        expect(store.text).toContain('Third, two.');
        expect(store.text).toContain('The agreement was signed in 2022.');
      } else expect(store.result.translated).toBe(0);
    });
  }
});

describe('translate without a store, written in pieces', () => {
  it('writes a text of many 32K-character batches byte for byte as the source with its paragraphs replaced', async () => {
    // Indentation, CRLF and LF breaks, paragraphs the memory does not know, and English with a
    // surrogate pair, over about 200K characters: several batches, each ending at a paragraph edge.
    const lines: string[] = [];
    const expected: string[] = [];
    const units: { ar: string; en: string }[] = [];
    for (let i = 0; i < 4000; i++) {
      const ar = `فقرة طويلة بعض الشيء عن موضوع رقم ${'أبجد'.repeat(1 + (i % 5))} ${i}`;
      const indent = i % 7 === 0 ? '  ' : '';
      const end = i % 2 === 0 ? '\r\n' : '\n';
      lines.push(`${indent}${ar}${end}`);
      if (i % 3 === 0) expected.push(`${indent}${ar}${end}`);
      else {
        const en = `Paragraph ${i} 📘 translated.`;
        units.push({ ar, en });
        expected.push(`${indent}${en}${end}`);
      }
    }
    const source = lines.join('');
    expect(source.length).toBeGreaterThan(3 * 65_536);
    const lean = await run(true, source, tmx(units), 100);
    expect(lean.result.translated).toBe(units.length);
    expect(readFileSync(join(dir, 'lean-100.txt'))).toEqual(Buffer.from(expected.join(''), 'utf8'));
  });
});

describe('translate without a store, plain files read as bytes', () => {
  it('writes what the store path writes, for generated plain texts and memories', async () => {
    // Paragraphs with and without diacritics, numbers in either digits, XML's special characters,
    // quotes, astral characters; blank lines and indentation between them.
    // XML's special characters and empty targets rarely: a memory with any is not read as bytes.
    const word = fc.oneof(
      {
        arbitrary: fc.constantFrom(
          'قال',
          'المتحدث',
          'إن',
          'ان',
          'الوفد',
          'وصل',
          'كَتَبَ',
          'كتب',
          'كـــتب',
          'وبالوفد',
          '٢٠٢٢',
          '۲۰۲۲',
          '٣٫٥٪',
          '2022',
          '“نص”',
          '😀',
          'é',
          'A',
        ),
        weight: 60,
      },
      { arbitrary: fc.constantFrom('&', '<b>'), weight: 1 },
    );
    const paragraph = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
    const english = fc.oneof(
      { arbitrary: fc.constantFrom('Said.', 'Year 2022 😀', ' ', 'Wrote', 'The delegation, co.'), weight: 30 },
      { arbitrary: fc.constantFrom('', 'The delegation & <b>co</b>.'), weight: 1 },
    );
    const gen = fc.record({
      paragraphs: fc.array(
        fc.record({ text: paragraph, indent: fc.constantFrom('', '  ', '\t'), gap: fc.constantFrom('\n', '\n\n') }),
        {
          minLength: 1,
          maxLength: 8,
        },
      ),
      units: fc.array(
        fc.record({ ar: paragraph, en: english, changed: fc.constantFrom(undefined, '20240101T000000Z', '20250101T000000Z') }),
        {
          minLength: 1,
          maxLength: 8,
        },
      ),
      reuse: fc.array(fc.nat(), { maxLength: 4 }),
    });
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(gen, async ({ paragraphs: ps, units, reuse }) => {
        // Units whose source is one of the paragraphs, so most are found.
        const all = [...units, ...reuse.map((k, i) => ({ ar: ps[k % ps.length]!.text, en: `Reused ${i}.`, changed: undefined }))];
        const source = ps.map((p) => `${p.indent}${p.text}${p.gap}`).join('');
        const memory = tmx(all);
        const plain = await translatePlainBytes(
          {
            fileName: 'article.txt',
            bytes: new TextEncoder().encode(source),
            tmFileName: 'memory.tmx',
            tmBytes: memory,
            out: join(dir, 'probe.txt'),
            minScore: 100,
            withoutStore: true,
          },
          { name: 'x', now: () => '2026-03-04T05:06:07.000Z' },
        );
        if (plain) answered++;
        const outcome = (withoutStore: boolean) =>
          run(withoutStore, source, memory, 100).catch((e: unknown) => ({ error: (e as { code?: string }).code ?? String(e) }));
        expect(await outcome(true)).toEqual(await outcome(false));
      }),
      { numRuns: 60 },
    );
    // The plain path answered for these files (the comparison above is of its outputs).
    expect(answered).toBeGreaterThan(20);
  });

  it("escapes in the project TMX a paragraph found by its folded form, which is not the unit's text", async () => {
    // A form feed inside a paragraph folds to a space: the paragraph takes the unit's target, and
    // XML cannot carry the form feed as it is. The unit's own source is written as it is.
    const source = 'كتب\fقال\nقال المتحدث\n';
    const memory = tmx([
      { ar: 'كتب قال', en: 'Wrote, said.' },
      { ar: 'قال المتحدث', en: 'The speaker said.' },
    ]);
    const plain = await translatePlainBytes(
      {
        fileName: 'article.txt',
        bytes: new TextEncoder().encode(source),
        tmFileName: 'memory.tmx',
        tmBytes: memory,
        out: join(dir, 'probe.txt'),
        tmxOut: join(dir, 'probe.tmx'),
        minScore: 100,
        withoutStore: true,
      },
      { name: 'x', now: () => '2026-03-04T05:06:07.000Z' },
    );
    expect(plain?.translated).toBe(2);
    expect(readFileSync(join(dir, 'probe.tmx'), 'utf8')).toContain('<seg>كتب<ph type="x-qalam-cp">000C</ph>قال</seg>');
    const store = await run(false, source, memory, 100);
    const lean = await run(true, source, memory, 100);
    expect(lean).toEqual(store);
  });

  it('writes the target even when the project TMX cannot be written (and nothing when the target cannot), leaving no temporary file', async () => {
    const source = `${paragraphs().join('\n')}\n`;
    const memory = tmx(
      paragraphs()
        .slice(0, 3)
        .map((ar, i) => ({ ar, en: `English ${i}.` })),
    );
    const where = mkdtempSync(join(dir, 'errors-'));
    const attempt = (out: string, tmxOut: string) =>
      translatePlainBytes(
        {
          fileName: 'article.txt',
          bytes: new TextEncoder().encode(source),
          tmFileName: 'memory.tmx',
          tmBytes: memory,
          out,
          tmxOut,
          minScore: 100,
          withoutStore: true,
        },
        { name: 'x', now: () => '2026-03-04T05:06:07.000Z' },
      ).catch((e: unknown) => e as QalamError);
    const ok = await attempt(join(where, 'ok.txt'), join(where, 'ok.tmx'));
    expect(ok).toMatchObject({ translated: 3 });
    const noTmx = await attempt(join(where, 'target.txt'), join(where, 'missing', 'project.tmx'));
    expect(noTmx).toMatchObject({
      code: 'export_failed',
      params: { context: 'missing_folder', file: join(where, 'missing', 'project.tmx') },
    });
    expect(readFileSync(join(where, 'target.txt'), 'utf8')).toBe(readFileSync(join(where, 'ok.txt'), 'utf8'));
    const noTarget = await attempt(join(where, 'missing', 'target.txt'), join(where, 'project.tmx'));
    expect(noTarget).toMatchObject({
      code: 'export_failed',
      params: { context: 'missing_folder', file: join(where, 'missing', 'target.txt') },
    });
    for (let i = 0; i < 100 && readdirSync(where).some((f) => f.endsWith('.tmp')); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(readdirSync(where).sort()).toEqual(['ok.tmx', 'ok.txt', 'target.txt']);
  });

  it('writes a unit whose segments hold a bare `>` as the store path does', async () => {
    // XML lets `>` stand unescaped in text; the TMX writer escapes it.
    const source = 'قال المتحدث > نعم\n';
    const memory = new TextEncoder().encode(
      '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ar"/><body>\n<tu><tuv xml:lang="ar"><seg>قال المتحدث > نعم</seg></tuv><tuv xml:lang="en"><seg>He said > yes</seg></tuv></tu>\n</body></tmx>\n',
    );
    const store = await run(false, source, memory, 100);
    const lean = await run(true, source, memory, 100);
    expect(lean).toEqual(store);
    expect(store.tmx).toContain('He said &gt; yes');
  });
});
