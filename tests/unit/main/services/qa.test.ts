import { afterEach, describe, expect, it } from 'vitest';
import { bulkApprove, listPairs, setStatus, updateTarget } from '../../../../src-main/services/pairs';
import { listHistory } from '../../../../src-main/services/history';
import * as qa from '../../../../src-main/services/qa';
import { importDocument } from '../../../../src-main/services/documents';
import { as, testRuntime, type TestRuntime } from '../helpers';

let rt: TestRuntime;
afterEach(() => rt?.dispose());

const ARTICLE = ['وقع الاتفاق في عام ٢٠٢٣ بحضور ٣ وزراء.', 'هل انتهت المحادثات؟', 'قالت شبكة CNN إن الرئيس وصل إلى أستانا.'].join(
  '\n',
);

async function setup() {
  rt = testRuntime();
  as(rt, 'translator');
  const doc = await importDocument(rt.ctx, { fileName: 'qa.txt', bytes: new TextEncoder().encode(ARTICLE) });
  const pairs = listPairs(rt.ctx, doc.id, 0, 10).items;
  return { doc, pairs };
}

function translate(pairId: number, version: number, target: string) {
  return setStatus(rt.ctx, { pairId, expectedVersion: version, action: 'confirm', target });
}

describe('QA service', () => {
  it('checks a pair as stored and as being typed', async () => {
    const { pairs } = await setup();
    const p = translate(pairs[0]!.id, pairs[0]!.version, 'The agreement was signed in 2022 in the presence of three ministers.');
    expect(qa.checkPairQa(rt.ctx, p.id).issues.map((i) => i.check)).toEqual(['number-missing', 'number-extra']);
    const draft = 'The agreement was signed in 2023 in the presence of three ministers.';
    expect(qa.checkPairQa(rt.ctx, p.id, draft).issues).toEqual([]);
  });

  it('reports a document: counts per check, pairs in order, exit-worthy errors', async () => {
    const { doc, pairs } = await setup();
    translate(pairs[0]!.id, pairs[0]!.version, 'The agreement was signed in 2022 by three ministers.');
    translate(pairs[1]!.id, pairs[1]!.version, 'Have the talks ended؟');
    const report = qa.documentQa(rt.ctx, doc.id);
    expect(report.errors).toBe(3); // missing 2023, Arabic ؟ left in, the untranslated third paragraph
    expect(report.pairs.map((p) => p.position)).toEqual([pairs[0]!.position, pairs[1]!.position, pairs[2]!.position]);
    expect(report.byCheck.find((c) => c.check === 'arabic-in-target')).toMatchObject({ issues: 1, pairs: 1, severity: 'error' });
  });

  it('a warning marked "not an error" stays ignored until the text changes; errors cannot be ignored', async () => {
    const { pairs } = await setup();
    let p = translate(pairs[2]!.id, pairs[2]!.version, 'The president arrived in Astana, the network said.');
    expect(qa.checkPairQa(rt.ctx, p.id).issues.map((i) => i.check)).toEqual(['latin-missing']);
    const after = qa.setIgnored(rt.ctx, p.id, 'latin-missing', true);
    expect(after.issues[0]!.ignored).toMatchObject({ by: 'Tariq Translator' });
    expect(() => qa.setIgnored(rt.ctx, p.id, 'number-missing', true)).toThrow(/bad_input/);
    p = updateTarget(rt.ctx, {
      pairId: p.id,
      expectedVersion: p.version,
      target: 'The president arrived in Astana, the channel said.',
    });
    expect(qa.checkPairQa(rt.ctx, p.id).issues[0]!.ignored).toBeUndefined();
  });

  it('a profile switches checks off for one document', async () => {
    const { doc, pairs } = await setup();
    translate(pairs[0]!.id, pairs[0]!.version, 'Signed in 2022.');
    qa.setQaProfile(rt.ctx, doc.id, ['number-missing', 'number-extra']);
    expect(qa.getQaProfile(rt.ctx, doc.id).disabled).toEqual(['number-missing', 'number-extra']);
    expect(qa.checkPairQa(rt.ctx, pairs[0]!.id).issues.map((i) => i.check)).not.toContain('number-missing');
  });

  it('spelling uses the en-US dictionary and the words the user added', async () => {
    const { pairs } = await setup();
    const p = translate(pairs[1]!.id, pairs[1]!.version, 'Have the tallks ended?');
    expect(qa.checkPairQa(rt.ctx, p.id).issues.map((i) => [i.check, i.params.words])).toEqual([['spelling', 'tallks']]);
    qa.addUserWord(rt.ctx, 'tallks');
    expect(qa.checkPairQa(rt.ctx, p.id).issues).toEqual([]);
    expect(qa.removeUserWord(rt.ctx, 'tallks').words).toEqual([]);
  });

  it('approving over a QA error asks first (refused without override), and the override is in the history', async () => {
    const { pairs } = await setup();
    const p = translate(pairs[0]!.id, pairs[0]!.version, 'The agreement was signed in 2022 by three ministers.');
    as(rt, 'editor');
    expect(() => setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'approve' })).toThrow(/qa_errors/);
    const approved = setStatus(rt.ctx, { pairId: p.id, expectedVersion: p.version, action: 'approve', overrideQa: true });
    expect(approved.status).toBe('approved');
    expect(listHistory(rt.ctx, p.id).find((r) => r.kind === 'approve')!.note).toBe('QA override: number-missing');
  });

  it('bulk approval leaves pairs with QA errors out unless the editor includes them', async () => {
    const { doc, pairs } = await setup();
    translate(pairs[0]!.id, pairs[0]!.version, 'The agreement was signed in 2022 by three ministers.');
    translate(pairs[1]!.id, pairs[1]!.version, 'Have the talks ended?');
    as(rt, 'editor');
    expect(bulkApprove(rt.ctx, { documentId: doc.id, dryRun: true })).toMatchObject({ count: 1, withQaErrors: 1 });
    expect(bulkApprove(rt.ctx, { documentId: doc.id })).toMatchObject({ count: 1, pairIds: [pairs[1]!.id] });
    expect(bulkApprove(rt.ctx, { documentId: doc.id, includeQaErrors: true })).toMatchObject({
      count: 1,
      pairIds: [pairs[0]!.id],
    });
  });
});
