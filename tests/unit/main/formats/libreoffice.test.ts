// LibreOffice opens our DOCX files: converted to text, every Arabic and English paragraph is there;
// a review it re-saves and a document it writes read back correctly. The bilingual review of the sample article is also rendered to PDF and PNG (test-results/) so a
// person can check that the Arabic is right-aligned and shaped.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocx } from '../../../../src-main/formats/docx';
import { readReviewedDocx, writeBilingualDocx } from '../../../../src-main/formats/docx-bilingual';
import { writeTargetDocx } from '../../../../src-main/formats/docx-target';
import { countWords } from '../../../../src-main/text/words';
import { comment, model, pair } from './helpers/model';
import { REPO_ROOT, requireTool, run, sofficeConvert, tempDir } from './helpers/tools';

const article = readFileSync(join(REPO_ROOT, 'tests/fixtures/news-article-ar.txt'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '');
const FAKE_ENGLISH = [
  'Russian Foreign Ministry spokeswoman Maria Zakharova said her country is not an aggressor.',
  'Russia Today reported that this came in response to Western statements.',
  'Zakharova said: "Statements that Russia is an aggressor are nonsense."',
];
const sample = model(
  article.map((source, i) => {
    const target = `${i + 1}. ${FAKE_ENGLISH[i % FAKE_ENGLISH.length]}`;
    return pair(i + 1, {
      source,
      target,
      sourceWords: countWords(source),
      targetWords: countWords(target),
      status: (['approved', 'translated', 'draft', 'rejected'] as const)[i % 4],
      rejectionReason: i % 4 === 3 ? 'Terminology' : null,
      comments: i === 1 ? [comment(1, { body: 'Check the channel name', category: 'terminology', severity: 'minor' })] : [],
    });
  }),
  {
    document: {
      id: 1,
      name: 'news-article-ar',
      fileName: 'news-article-ar.txt',
      sourceLang: 'ar',
      targetLang: 'en',
      createdAt: '2024-03-05T07:08:09.000Z',
    },
  },
);

/** LibreOffice's text export may wrap or re-space table cells: compare on collapsed white space. */
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

// The three conversions are started together (each with its own profile): LibreOffice spends most of
// its time starting up, and the suite has to stay fast.
const dir = tempDir('lo');
const resaved = join(dir, 'resaved');
const rendered = join(dir, 'rendered');
beforeAll(async () => {
  requireTool('soffice');
  requireTool('pdftoppm');
  const review = await writeBilingualDocx(sample);
  writeFileSync(join(dir, 'review.docx'), review);
  writeFileSync(join(dir, 'target.docx'), await writeTargetDocx(sample));
  writeFileSync(join(dir, 'article.txt'), readFileSync(join(REPO_ROOT, 'tests/fixtures/news-article-ar.txt')));
  mkdirSync(resaved);
  mkdirSync(rendered);
  writeFileSync(join(rendered, 'news-article-review.docx'), review);
  await Promise.all([
    sofficeConvert([join(dir, 'review.docx'), join(dir, 'target.docx')], 'txt:Text', dir),
    // A reviewer re-saving our review, and an article typed into Writer.
    sofficeConvert([join(dir, 'review.docx'), join(dir, 'article.txt')], 'docx:MS Word 2007 XML', resaved),
    sofficeConvert([join(rendered, 'news-article-review.docx')], 'pdf', rendered),
  ]);
}, 240_000);

describe('LibreOffice reads our DOCX', () => {
  it('finds every Arabic source and English target paragraph in the bilingual review', () => {
    const txt = squash(readFileSync(join(dir, 'review.txt'), 'utf8'));
    for (const p of sample.pairs) {
      expect(txt).toContain(squash(p.source));
      expect(txt).toContain(squash(p.target));
      expect(txt).toContain(String(p.id));
    }
    expect(txt).toContain('Arabic source');
    expect(txt).toContain('Check the channel name');
  });

  it('finds every English paragraph, and nothing Arabic, in the target document', () => {
    const lines = readFileSync(join(dir, 'target.txt'), 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '');
    expect(lines).toEqual(sample.pairs.map((p) => p.target));
  });
});

describe('DOCX saved by LibreOffice', () => {
  it('reads back the targets of a bilingual review re-saved by LibreOffice', async () => {
    const rows = await readReviewedDocx(new Uint8Array(readFileSync(join(resaved, 'review.docx'))));
    expect(rows.map((r) => [r.pairId, r.source, r.target])).toEqual(sample.pairs.map((p) => [p.id, p.source, p.target]));
  });

  it('imports a LibreOffice document as one paragraph per line of the article', async () => {
    const doc = await parseDocx(new Uint8Array(readFileSync(join(resaved, 'article.docx'))));
    expect(doc.paragraphs.map((p) => p.source)).toEqual(article);
  });
});

describe('LibreOffice renders the bilingual review', () => {
  it('produces a PDF and PNG pages of the sample article in test-results/', () => {
    const pdf = join(rendered, 'news-article-review.pdf');
    expect(existsSync(pdf)).toBe(true);
    const out = join(REPO_ROOT, 'test-results/formats');
    mkdirSync(out, { recursive: true });
    const r = run(requireTool('pdftoppm'), ['-png', '-r', '80', pdf, join(out, 'news-article-review')]);
    expect(r.output).toBe('');
    const pages = readdirSync(out).filter((f) => /^news-article-review-\d+\.png$/.test(f));
    expect(pages.length).toBeGreaterThan(0);
  });
});
