import { afterEach, describe, expect, it } from 'vitest';
import { deleteDocument, importDocument } from '../../../../src-main/services/documents';
import * as glossary from '../../../../src-main/services/glossary';
import { listPairs, setStatus } from '../../../../src-main/services/pairs';
import * as qa from '../../../../src-main/services/qa';
import type { QalamError } from '../../../../src-main/shared/errors';
import { as, importSample, testRuntime, type TestRuntime } from '../helpers';

let rt: TestRuntime;
afterEach(() => rt?.dispose());

const enc = (s: string) => new TextEncoder().encode(s);

async function setup() {
  rt = testRuntime();
  as(rt, 'translator');
  const doc = await importSample(rt);
  const other = await importDocument(rt.ctx, { fileName: 'other.txt', bytes: enc('وقعت روسيا معاهدة السلام.') });
  return { doc, other };
}

async function refusal(fn: () => unknown): Promise<{ code: string; params?: Record<string, unknown> }> {
  try {
    await fn();
  } catch (e) {
    return { code: (e as QalamError).code, params: (e as QalamError).params };
  }
  throw new Error('not refused');
}

const GLOSSARY_CSV = [
  'arabic,english,note,forbidden',
  'قوات حفظ السلام,peacekeeping forces,,no',
  'معاهدة الأمن الجماعي,Collective Security Treaty,CSTO,no',
  'الناتو,NATO,,no',
  'الناتو,the Atlantic pact,say NATO,yes',
].join('\n');

describe('glossary store and service', () => {
  it('adds, lists, searches on folded Arabic and English, edits and deletes; who and when are kept', async () => {
    const { doc } = await setup();
    expect(glossary.listTerms(rt.ctx, doc.id)).toMatchObject({ scope: 'shared', total: 0, terms: [] });
    const t = glossary.addTerm(rt.ctx, doc.id, { source: '  مجلس   الأمن ', target: 'Security Council', note: 'UN' });
    expect(t).toMatchObject({
      source: 'مجلس الأمن',
      target: 'Security Council',
      note: 'UN',
      forbidden: false,
      createdBy: 'Tariq Translator',
    });
    glossary.addTerm(rt.ctx, doc.id, { source: 'السَّلام', target: 'peace' });
    const list = glossary.listTerms(rt.ctx, doc.id);
    expect(list.total).toBe(2);
    expect(glossary.listTerms(rt.ctx, doc.id, 'السلام').terms.map((x) => x.target)).toEqual(['peace']); // harakat folded
    expect(glossary.listTerms(rt.ctx, doc.id, 'council').terms.map((x) => x.target)).toEqual(['Security Council']);
    expect(glossary.listTerms(rt.ctx, doc.id, '%').terms).toEqual([]); // LIKE wildcards are literal

    const edited = glossary.editTerm(rt.ctx, t.id, { source: 'مجلس الأمن', target: 'UN Security Council', forbidden: false });
    expect(edited).toMatchObject({ target: 'UN Security Council', note: '', createdAt: t.createdAt });
    expect(edited.updatedAt > t.updatedAt).toBe(true);
    const version = glossary.listTerms(rt.ctx, doc.id).version;
    glossary.deleteTerm(rt.ctx, t.id);
    expect(glossary.listTerms(rt.ctx, doc.id)).toMatchObject({ total: 1, version: version + 1 });
    expect((await refusal(() => glossary.deleteTerm(rt.ctx, t.id))).code).toBe('not_found');
    expect((await refusal(() => glossary.addTerm(rt.ctx, doc.id, { source: ' ', target: 'x' }))).params).toEqual({
      field: 'source',
    });
  });

  it('one glossary shared by all documents, or a document its own: the user picks per document', async () => {
    const { doc, other } = await setup();
    glossary.addTerm(rt.ctx, doc.id, { source: 'السلام', target: 'peace' });
    expect(glossary.listTerms(rt.ctx, other.id).total).toBe(1); // shared by default
    expect(glossary.setScope(rt.ctx, doc.id, 'document')).toMatchObject({ scope: 'document', total: 0 });
    glossary.addTerm(rt.ctx, doc.id, { source: 'روسيا', target: 'Russia' });
    expect(glossary.listTerms(rt.ctx, doc.id).terms.map((x) => x.target)).toEqual(['Russia']);
    expect(glossary.listTerms(rt.ctx, other.id).terms.map((x) => x.target)).toEqual(['peace']);
    // Switching back keeps the document's own terms for later.
    glossary.setScope(rt.ctx, doc.id, 'shared');
    expect(glossary.listTerms(rt.ctx, doc.id).terms.map((x) => x.target)).toEqual(['peace']);
    glossary.setScope(rt.ctx, doc.id, 'document');
    expect(glossary.listTerms(rt.ctx, doc.id).terms.map((x) => x.target)).toEqual(['Russia']);
    // A deleted document takes its own glossary with it, never the shared one.
    deleteDocument(rt.ctx, doc.id);
    expect(rt.db.prepare('SELECT count(*) FROM glossary_terms').pluck().get()).toBe(1);
  });

  it('imports CSV into the glossary in use, skips what it already has, and a bad file changes nothing', async () => {
    const { doc } = await setup();
    expect(await glossary.importGlossary(rt.ctx, doc.id, 'terms.csv', enc(GLOSSARY_CSV))).toEqual({
      added: 4,
      duplicates: 0,
      skipped: 0,
    });
    expect(await glossary.importGlossary(rt.ctx, doc.id, 'terms.csv', enc(GLOSSARY_CSV + '\nالسلام,peace'))).toEqual({
      added: 1,
      duplicates: 4,
      skipped: 0,
    });
    const before = glossary.listTerms(rt.ctx, doc.id);
    const bad = `${GLOSSARY_CSV}\nالسلام,${'x'.repeat(600)}`;
    expect((await refusal(() => glossary.importGlossary(rt.ctx, doc.id, 'bad.csv', enc(bad)))).params).toMatchObject({
      context: 'glossary_too_long',
      line: 6,
    });
    const hostile = '<!DOCTYPE m [<!ENTITY a "aaaa">]><martif>&a;</martif>';
    expect((await refusal(() => glossary.importGlossary(rt.ctx, doc.id, 'x.tbx', enc(hostile)))).code).toBe('import_unsafe_xml');
    expect(glossary.listTerms(rt.ctx, doc.id)).toEqual(before);
  });

  it('exports CSV, TSV and TBX that import back into another glossary unchanged', async () => {
    const { doc, other } = await setup();
    await glossary.importGlossary(rt.ctx, doc.id, 'terms.csv', enc(GLOSSARY_CSV));
    glossary.setScope(rt.ctx, other.id, 'document');
    const strip = (terms: glossary.TermInput[]) =>
      terms.map(({ source, target, note, forbidden }) => ({ source, target, note, forbidden }));
    for (const format of ['csv', 'tsv', 'tbx'] as const) {
      const file = await glossary.renderGlossary(rt.ctx, doc.id, format);
      expect(file.fileName).toBe(`glossary-shared.${format}`);
      const result = await glossary.importGlossary(rt.ctx, other.id, file.fileName, file.bytes);
      expect(result.added + result.duplicates).toBe(4);
      expect(strip(glossary.listTerms(rt.ctx, other.id).terms)).toEqual(strip(glossary.listTerms(rt.ctx, doc.id).terms));
    }
    const exported = await glossary.exportGlossary(rt.ctx, other.id, 'tbx', false);
    expect(exported).toMatchObject({ fileName: 'glossary-other.tbx', mime: 'application/x-tbx+xml', cancelled: false });
  });

  it('recognises terms in the sample article through attached clitics, with ranges of the original text', async () => {
    const { doc } = await setup();
    await glossary.importGlossary(rt.ctx, doc.id, 'terms.csv', enc(GLOSSARY_CSV));
    const pairs = listPairs(rt.ctx, doc.id, 0, 20).items;
    const hits = glossary.findTerms(
      rt.ctx,
      doc.id,
      pairs.map((p) => p.id),
    );
    const text = (i: number) => (hits.pairs[pairs[i]!.id] ?? []).map((h) => pairs[i]!.source.slice(h.start, h.end));
    expect(text(0)).toEqual(['وقوات حفظ السلام']); // the whole word, clitic included
    expect(text(4)).toEqual(['معاهدة الأمن الجماعي', 'قوات حفظ السلام']);
    expect(text(9)).toEqual(['والناتو']);
    expect(hits.pairs[pairs[9]!.id]![0]).toMatchObject({ target: 'NATO' }); // the forbidden row is not a translation to offer
    expect(hits.pairs[pairs[1]!.id]).toHaveLength(1);
    // Another document's pairs are not answered.
    expect(glossary.findTerms(rt.ctx, doc.id + 1, [pairs[0]!.id]).pairs).toEqual({});
  });

  it('builds the recognition index once per glossary version', async () => {
    const { doc, other } = await setup();
    glossary.addTerm(rt.ctx, doc.id, { source: 'السلام', target: 'peace' });
    const first = glossary.glossaryIndex(rt.ctx, doc.id);
    expect(glossary.glossaryIndex(rt.ctx, other.id)).toBe(first); // the same shared glossary
    glossary.addTerm(rt.ctx, doc.id, { source: 'روسيا', target: 'Russia' });
    const second = glossary.glossaryIndex(rt.ctx, doc.id);
    // An added term joins the index at the new version; nothing is built again.
    expect(second!.version).toBe(first!.version + 1);
    expect(second!.index).toBe(first!.index);
    expect(second!.index.find('زار روسيا')).toHaveLength(1);
    expect(second!.englishWords.has('russia')).toBe(true);
    expect(first!.englishWords.has('russia')).toBe(false);
    // An edit rebuilds it.
    const russia = glossary.listTerms(rt.ctx, doc.id, 'روسيا').terms[0]!;
    glossary.editTerm(rt.ctx, russia.id, { source: 'موسكو', target: 'Moscow' });
    const edited = glossary.glossaryIndex(rt.ctx, doc.id);
    expect(edited!.index).not.toBe(second!.index);
    expect(edited!.index.find('زار روسيا')).toEqual([]);
    expect(edited!.index.find('زار موسكو')).toHaveLength(1);
    // An import bumps the version once for all its terms.
    await glossary.importGlossary(rt.ctx, doc.id, 'more.csv', enc('الناتو,NATO\nجنيف,Geneva\n'));
    const third = glossary.glossaryIndex(rt.ctx, doc.id);
    expect(third!.version).toBe(edited!.version + 1);
    expect(third!.index.find('في جنيف والناتو')).toHaveLength(2);
  });
});

describe('QA with a stored glossary', () => {
  it('a recognised term whose English is missing, a forbidden term used, the glossary English spelled right', async () => {
    const { doc } = await setup();
    await glossary.importGlossary(rt.ctx, doc.id, 'terms.csv', enc(GLOSSARY_CSV));
    glossary.addTerm(rt.ctx, doc.id, { source: 'الأجهزة الأمنية', target: 'siloviki' });
    const pair = listPairs(rt.ctx, doc.id, 0, 20).items[9]!;
    const checks = (target: string) => qa.checkPairQa(rt.ctx, pair.id, target).issues;
    const bad = checks('Russia, the US, 9 and 10 January 2022, Geneva, the Atlantic pact, siloviki, Brussels, Moscow, Vienna.');
    expect(bad.find((i) => i.check === 'term-missing')).toMatchObject({ params: { source: 'والناتو', term: 'NATO' } });
    expect(bad.find((i) => i.check === 'term-forbidden')).toMatchObject({ params: { term: 'the Atlantic pact' } });
    expect(bad.find((i) => i.check === 'spelling')).toBeUndefined(); // 'siloviki' is a glossary word
    const good = checks('Russia, the US, 9 and 10 January 2022, Geneva, NATO, Brussels, Moscow, Vienna.');
    expect(good.map((i) => i.check)).not.toContain('term-missing');
    expect(good.map((i) => i.check)).not.toContain('term-forbidden');

    // A stored, confirmed target appears in the document report too.
    const saved = setStatus(rt.ctx, {
      pairId: pair.id,
      expectedVersion: pair.version,
      action: 'confirm',
      target: 'The Atlantic pact met in Brussels.',
    });
    const report = qa.documentQa(rt.ctx, doc.id);
    expect(report.pairs.find((p) => p.pairId === saved.id)!.issues.map((i) => i.check)).toEqual(
      expect.arrayContaining(['term-missing', 'term-forbidden']),
    );
  });

  it('without the glossary word, spelling flags it: the acceptance comes from the glossary', async () => {
    const { doc } = await setup();
    const pair = listPairs(rt.ctx, doc.id, 0, 20).items[0]!;
    glossary.addTerm(rt.ctx, doc.id, { source: 'السلام', target: 'peace' });
    // The index is cached now: the next term joins it in place, and its words must reach the speller.
    expect(qa.checkPairQa(rt.ctx, pair.id, 'The siloviki said so.').issues.map((i) => i.check)).toContain('spelling');
    glossary.addTerm(rt.ctx, doc.id, { source: 'الأجهزة الأمنية', target: 'siloviki' });
    expect(qa.checkPairQa(rt.ctx, pair.id, 'The siloviki said so.').issues.map((i) => i.check)).not.toContain('spelling');
  });
});
