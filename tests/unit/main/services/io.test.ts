import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportFormatsFor } from '../../../../src-main/shared/domain';
import { QalamError } from '../../../../src-main/shared/errors';
import { getDocument, importDocument, inspectImport } from '../../../../src-main/services/documents';
import { listHistory } from '../../../../src-main/services/history';
import { renderExport, reviewApply, reviewPreview } from '../../../../src-main/services/io';
import { importTmx } from '../../../../src-main/services/tm';
import { getPair, listPairs, setExcluded, setStatus, updateTarget } from '../../../../src-main/services/pairs';
import { getStats } from '../../../../src-main/services/stats';
import { as, editDocx, importSample, tableCounts, testRuntime, type TestRuntime } from '../helpers';

let rt: TestRuntime;
let documentId: number;

/** The sample article translated by a translator and approved by an editor; the boilerplate excluded. */
async function approvedSample(): Promise<number> {
  const doc = await importSample(rt);
  as(rt, 'editor');
  const pairs = listPairs(rt.ctx, doc.id, 0, 100).items;
  const boiler = pairs[11]!;
  setExcluded(rt.ctx, { pairId: boiler.id, expectedVersion: boiler.version, excluded: true });
  for (const p of pairs.slice(0, 11)) {
    setStatus(rt.ctx, {
      pairId: p.id,
      expectedVersion: p.version,
      action: 'approve',
      overrideQa: true,
      target: `English paragraph ${p.position + 1} & <more>`,
    });
  }
  return doc.id;
}

beforeEach(async () => {
  rt = testRuntime();
  documentId = await approvedSample();
});
afterEach(() => rt.dispose());

describe('exports', () => {
  it('exports the approved sample to every format', async () => {
    expect(getStats(rt.ctx, documentId).finished).toBe(true);
    const offered = exportFormatsFor(getDocument(rt.ctx, documentId));
    expect(offered).toEqual(EXPORT_FORMATS.filter((f) => f !== 'docx-layout' && f !== 'html-layout'));
    for (const format of offered) {
      const { file, fileName } = await renderExport(rt.ctx, { documentId, format });
      expect(file.bytes.length, format).toBeGreaterThan(200);
      expect(fileName.startsWith('news-article-ar'), fileName).toBe(true);
      const head = Buffer.from(file.bytes.subarray(0, 4)).toString('latin1');
      if (format.startsWith('docx')) expect(head).toBe('PK\u0003\u0004');
      const text = Buffer.from(file.bytes).toString('utf8');
      if (format === 'txt' || format === 'md' || format === 'html') {
        expect(text).toContain('English paragraph 11');
        expect(text).not.toContain('تم أضافة تعليقك'); // excluded boilerplate left out
      }
    }
  });

  it('refuses a layout export of a document whose file was not kept, or is of another format', async () => {
    for (const format of ['docx-layout', 'html-layout'] as const) {
      await expect(renderExport(rt.ctx, { documentId, format })).rejects.toMatchObject({ code: 'export_no_skeleton' });
    }
  });

  it('re-imports its own XLIFF 2.0 and CSV exports by content, with statuses', async () => {
    for (const format of ['xliff20', 'xliff12', 'csv'] as const) {
      const { file } = await renderExport(rt.ctx, { documentId, format });
      const doc = await importDocument(rt.ctx, { fileName: `renamed-${format}.dat`, bytes: file.bytes });
      expect(doc.format).toBe(format);
      expect(doc.stats.byStatus.approved.segments, format).toBe(11);
      expect(doc.stats.excluded.segments, format).toBe(1);
    }
  });

  it('stores TMX units in translation memory, once', async () => {
    const { file } = await renderExport(rt.ctx, { documentId, format: 'tmx' });
    // The approved pairs are in this store's memory already: the same units are not stored twice.
    expect(await importTmx(rt.ctx, 'memory.tmx', file.bytes)).toEqual({ stored: 0, skipped: 11, known: 11 });
    const other = testRuntime();
    try {
      expect(await importTmx(other.ctx, 'memory.tmx', file.bytes)).toEqual({ stored: 11, skipped: 0, known: 0 });
      expect(await importTmx(other.ctx, 'memory.tmx', file.bytes)).toEqual({ stored: 0, skipped: 11, known: 11 });
    } finally {
      other.dispose();
    }
  });

  it('the TMX preview counts what the import then reports: units already in memory, not "already translated"', async () => {
    const { file } = await renderExport(rt.ctx, { documentId, format: 'tmx' });
    const other = testRuntime();
    try {
      const first = await inspectImport(other.ctx, { fileName: 'memory.tmx', bytes: file.bytes });
      expect(first).toMatchObject({ format: 'tmx', paragraphs: 11, translated: 0, alreadyKnown: 0 });
      const stored = await importTmx(other.ctx, 'memory.tmx', file.bytes);
      expect(stored.known).toBe(first.alreadyKnown);
      expect(stored.stored).toBe(11);
      const again = await inspectImport(other.ctx, { fileName: 'memory.tmx', bytes: file.bytes });
      expect(again.alreadyKnown).toBe(11);
      expect((await importTmx(other.ctx, 'memory.tmx', file.bytes)).known).toBe(again.alreadyKnown);
    } finally {
      other.dispose();
    }
  });
});

describe('bilingual review round trip', () => {
  it('previews changes with conflicts, applies the accepted ones as revisions after a backup', async () => {
    const { file } = await renderExport(rt.ctx, { documentId, format: 'docx-bilingual' });
    const pairs = listPairs(rt.ctx, documentId, 0, 100).items;
    // Meanwhile in Qalam: paragraph 3 is reopened and changed.
    const p3 = pairs[2]!;
    const reopened = setStatus(rt.ctx, {
      pairId: p3.id,
      expectedVersion: p3.version,
      action: 'reopen',
      comment: 'Client feedback',
    });
    updateTarget(rt.ctx, { pairId: p3.id, target: 'Changed in Qalam', expectedVersion: reopened.version });
    // In Word: the reviewer edits paragraphs 2 and 3.
    const reviewed = await editDocx(file.bytes, {
      'English paragraph 2 &amp; &lt;more&gt;': 'Reviewed paragraph 2',
      'English paragraph 3 &amp; &lt;more&gt;': 'Reviewed paragraph 3',
    });
    const before = tableCounts(rt);
    const preview = await reviewPreview(rt.ctx, documentId, 'reviewed.docx', reviewed);
    expect(tableCounts(rt)).toEqual(before); // a preview writes nothing
    expect(preview.changes.map((c) => [c.position, c.before, c.after, c.conflict, c.locked])).toEqual([
      [1, 'English paragraph 2 & <more>', 'Reviewed paragraph 2', false, true],
      [2, 'English paragraph 3 & <more>', 'Reviewed paragraph 3', true, false],
    ]);
    expect(preview.unchanged).toBe(9);
    expect(preview.unknownRows).toEqual([]);
    expect(preview.missingPairIds).toEqual([]);
    expect(preview.reordered).toBe(false);

    // The editor takes the reviewer's version of paragraph 3 (the conflict) back to 'translated'.
    const r = reviewApply(rt.ctx, { documentId, token: preview.token, pairIds: [p3.id], status: 'translated' });
    expect(r.applied).toBe(1);
    expect(existsSync(r.backupPath)).toBe(true);
    // The owner's alone (issue 8.14), written through a temporary file that is gone afterwards.
    expect(statSync(r.backupPath).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(r.backupPath)).mode & 0o777).toBe(0o700);
    expect(readdirSync(dirname(r.backupPath)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const backup = JSON.parse(readFileSync(r.backupPath, 'utf8')) as { pairs: { id: number; target: string }[] };
    expect(backup.pairs.find((p) => p.id === p3.id)?.target).toBe('Changed in Qalam');
    const after = getPair(rt.ctx, p3.id);
    expect(after.target).toBe('Reviewed paragraph 3');
    expect(after.status).toBe('translated');
    const last = listHistory(rt.ctx, p3.id).at(-1)!;
    expect([last.kind, last.author, last.note]).toEqual(['replace', 'Eda Editor', 'reviewed.docx']);
    // A token is used once.
    expect(() => reviewApply(rt.ctx, { documentId, token: preview.token, pairIds: [p3.id], status: 'translated' })).toThrow(
      QalamError,
    );
  });

  it('reports rows it cannot match and refuses approved (locked) pairs', async () => {
    const { file } = await renderExport(rt.ctx, { documentId, format: 'docx-bilingual' });
    const pairs = listPairs(rt.ctx, documentId, 0, 100).items;
    const reviewed = await editDocx(file.bytes, {
      [`>${pairs[0]!.id}<`]: '>999999<',
      'English paragraph 2 &amp; &lt;more&gt;': 'Reviewed paragraph 2',
    });
    const preview = await reviewPreview(rt.ctx, documentId, 'reviewed.docx', reviewed);
    expect(preview.unknownRows).toEqual([1]);
    expect(preview.missingPairIds).toEqual([pairs[0]!.id]);
    try {
      reviewApply(rt.ctx, { documentId, token: preview.token, pairIds: [pairs[1]!.id], status: 'translated' });
      expect.unreachable();
    } catch (e) {
      expect((e as QalamError).code).toBe('locked');
    }
    expect(getPair(rt.ctx, pairs[1]!.id).target).toBe('English paragraph 2 & <more>');
  });
});
