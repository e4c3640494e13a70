// The bilingual review written to a file (streamed from the store) and its optional QA column:
// the same rows as the in-memory export, the QA issues worded as the app words them, and a
// re-import that never takes the QA column for text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readReviewedDocx } from '../../../../src-main/formats/docx-bilingual';
import { exportToFile, renderExport, reviewPreview } from '../../../../src-main/services/io';
import { importDocument } from '../../../../src-main/services/documents';
import { addComment, setResolved } from '../../../../src-main/services/comments';
import { listPairs, setExcluded, setStatus, updateTarget } from '../../../../src-main/services/pairs';
import { fromTagged } from '../../../../src-main/shared/inline';
import { documentChecker, documentQa, setIgnored } from '../../../../src-main/services/qa';
import { latestSnapshot } from '../../../../src-main/store/repos/snapshots';
import { FIXTURES, as, editDocx, importSample, testRuntime, type TestRuntime } from '../helpers';
import { readZipText } from '../formats/helpers/zip';

let rt: TestRuntime;
let documentId: number;

beforeEach(async () => {
  rt = testRuntime();
  const doc = await importSample(rt);
  documentId = doc.id;
  as(rt, 'editor');
  const pairs = listPairs(rt.ctx, doc.id, 0, 100).items;
  for (const p of pairs.slice(0, 6))
    updateTarget(rt.ctx, { pairId: p.id, target: `Paragraph ${p.position + 1}.`, expectedVersion: p.version });
  // Paragraph 2 gets a leftover Arabic question mark and loses the source's numbers.
  const p2 = listPairs(rt.ctx, doc.id, 1, 1).items[0]!;
  updateTarget(rt.ctx, { pairId: p2.id, target: 'Did Russia say so؟', expectedVersion: p2.version });
  const p1 = listPairs(rt.ctx, doc.id, 0, 1).items[0]!;
  setStatus(rt.ctx, { pairId: p1.id, expectedVersion: p1.version, action: 'confirm' });
});
afterEach(() => rt.dispose());

describe('bilingual review written to a file', () => {
  it('streams the same rows and header as the in-memory export, and records the export snapshot', async () => {
    const path = join(rt.dir, 'review.docx');
    const r = await exportToFile(rt.ctx, { documentId, format: 'docx-bilingual' }, path);
    const bytes = new Uint8Array(readFileSync(path));
    expect(r.bytes).toBe(bytes.length);
    expect(readdirSync(rt.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const { file } = await renderExport(rt.ctx, { documentId, format: 'docx-bilingual' });
    expect(await readReviewedDocx(bytes)).toEqual(await readReviewedDocx(file.bytes));
    // Only the export time differs between the two.
    const withoutTime = (xml: string) => xml.replace(/Exported: [^<]*/, '');
    expect(withoutTime(await readZipText(bytes, 'word/document.xml'))).toBe(
      withoutTime(await readZipText(file.bytes, 'word/document.xml')),
    );
    expect(latestSnapshot(rt.db, documentId)?.size).toBe(12);
  });

  it('refuses to replace an existing file and leaves no snapshot or temporary file', async () => {
    const path = join(rt.dir, 'review.docx');
    await exportToFile(rt.ctx, { documentId, format: 'docx-bilingual' }, path);
    const count = () => rt.db.prepare('SELECT count(*) FROM export_snapshots').pluck().get();
    const before = count();
    await expect(exportToFile(rt.ctx, { documentId, format: 'docx-bilingual' }, path)).rejects.toMatchObject({
      code: 'file_exists',
    });
    expect(count()).toBe(before);
    expect(readdirSync(rt.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('bilingual review rows with their comments', () => {
  it('streams comments, statuses, inline codes and RTL text as the in-memory export writes them', async () => {
    as(rt, 'editor');
    const xlf = new Uint8Array(readFileSync(join(FIXTURES, 'formats/xliff/inline-12.xlf')));
    const doc = await importDocument(rt.ctx, { fileName: 'inline-12.xlf', bytes: xlf });
    const fresh = (i: number) => listPairs(rt.ctx, doc.id, i, 1).items[0]!;
    // A target with inline codes (tag tokens in the English column).
    const coded = fromTagged('Maria {1}Zakharova{/1} said{2/}her country is not an aggressor.', fresh(0).sourceCodes!);
    updateTarget(rt.ctx, {
      pairId: fresh(0).id,
      target: coded.text,
      targetCodes: coded.codes,
      expectedVersion: fresh(0).version,
    });
    for (const i of [1, 2, 3])
      updateTarget(rt.ctx, { pairId: fresh(i).id, target: `Paragraph ${i}.`, expectedVersion: fresh(i).version });
    // Comments: an Arabic one (a right-to-left paragraph), a thread with a reply, a resolved one (left
    // out), and a rejection with its reason, category and severity.
    addComment(rt.ctx, { pairId: fresh(0).id, body: 'ترجمة جيدة' });
    const root = addComment(rt.ctx, { pairId: fresh(1).id, body: 'Check the name.' });
    addComment(rt.ctx, { pairId: fresh(1).id, body: 'Checked & fixed <now>.', parentId: root.id });
    addComment(rt.ctx, { pairId: fresh(1).id, body: 'A later note.' });
    const done = addComment(rt.ctx, { pairId: fresh(2).id, body: 'Resolved remark' });
    setResolved(rt.ctx, done.id, true);
    setStatus(rt.ctx, {
      pairId: fresh(3).id,
      expectedVersion: fresh(3).version,
      action: 'reject',
      comment: 'Wrong tense',
      category: 'accuracy',
      severity: 'major',
    });
    setStatus(rt.ctx, { pairId: fresh(2).id, expectedVersion: fresh(2).version, action: 'approve' });
    setExcluded(rt.ctx, { pairId: fresh(4).id, expectedVersion: fresh(4).version, excluded: true });

    const path = join(rt.dir, 'commented.docx');
    await exportToFile(rt.ctx, { documentId: doc.id, format: 'docx-bilingual' }, path);
    const streamed = await readZipText(new Uint8Array(readFileSync(path)), 'word/document.xml');
    const { file } = await renderExport(rt.ctx, { documentId: doc.id, format: 'docx-bilingual' });
    const withoutTime = (xml: string) => xml.replace(/Exported: [^<]*/, '');
    expect(withoutTime(streamed)).toBe(withoutTime(await readZipText(file.bytes, 'word/document.xml')));
    // What the rows hold, in order: the open comments oldest first, escaped; the resolved one left out.
    expect(streamed).toContain('<w:p><w:pPr><w:bidi/></w:pPr>');
    expect(streamed).toContain('ترجمة جيدة');
    const thread = ['Check the name.', 'Checked &amp; fixed &lt;now&gt;.', 'A later note.'].map((t) => streamed.indexOf(t));
    expect(thread.every((at, i) => at > 0 && (i === 0 || at > thread[i - 1]!))).toBe(true);
    expect(streamed).not.toContain('Resolved remark');
    expect(streamed).toContain('(Accuracy, Major)');
    expect(streamed).toContain('Reason: ');
    expect(streamed).toContain('Wrong tense');
    expect(streamed).toContain('>{1}</w:t>');
    expect(streamed).toContain('>{2/}</w:t>');
    // The excluded pair has no row; the re-import reads the coded target back unchanged.
    const rows = await readReviewedDocx(new Uint8Array(readFileSync(path)));
    expect(rows.map((r) => r.pairId)).not.toContain(fresh(4).id);
    const preview = await reviewPreview(rt.ctx, doc.id, 'commented.docx', new Uint8Array(readFileSync(path)));
    expect(preview.changes).toEqual([]);
  });
});

describe('the QA column', () => {
  it('lists each pair’s standing QA issues in a sixth column, only when asked', async () => {
    const path = join(rt.dir, 'qa.docx');
    await exportToFile(rt.ctx, { documentId, format: 'docx-bilingual', qaColumn: true }, path);
    const xml = await readZipText(new Uint8Array(readFileSync(path)), 'word/document.xml');
    expect(xml.match(/<w:gridCol /g)?.length).toBe(6);
    expect(xml).toContain('>QA</w:t>');
    expect(xml).toContain('Arabic script left in the English: ؟');
    expect(xml).toContain('Error: </w:t>');
    const plain = await readZipText(
      (await renderExport(rt.ctx, { documentId, format: 'docx-bilingual' })).file.bytes,
      'word/document.xml',
    );
    expect(plain.match(/<w:gridCol /g)?.length).toBe(5);
    expect(plain).not.toContain('Arabic script left in the English');
    // The in-memory export (the app's download) carries it too.
    const inMemory = await renderExport(rt.ctx, { documentId, format: 'docx-bilingual', qaColumn: true });
    expect(await readZipText(inMemory.file.bytes, 'word/document.xml')).toContain('Arabic script left in the English: ؟');
  });

  it('streamed with the rows, holds documentQa’s issues: consistency, numbers, Arabic left in, marks “not an error”', async () => {
    // Repeated sources translated two ways, a repeated target for two sources, numbers, a left-over ؟
    // and a warning marked "not an error": the document-wide figures and the marks all play a part.
    const text = [
      'وقع الاتفاق في عام ٢٠٢٣.',
      'هل انتهت المحادثات؟',
      'وقع الاتفاق في عام ٢٠٢٣.',
      'قالت شبكة CNN إن الرئيس وصل.',
      'جملة أخرى.',
    ]
      .concat(Array.from({ length: 30 }, (_, i) => `فقرة رقم ${i} عن المحادثات الطويلة في المدينة.`))
      .join('\n');
    const doc = await importDocument(rt.ctx, { fileName: 'qa-stream.txt', bytes: new TextEncoder().encode(text) });
    const pairs = listPairs(rt.ctx, doc.id, 0, 100).items;
    const targets = [
      'It was signed in 2022.',
      'Have the talks ended؟',
      'The agreement was signed in 2023.',
      'The president arrived, the network said.',
      'It was signed in 2022.',
    ];
    // Read again before each write: a translation may propagate to the repeated source.
    const fresh = (i: number) => listPairs(rt.ctx, doc.id, i, 1).items[0]!;
    targets.forEach((target, i) => updateTarget(rt.ctx, { pairId: fresh(i).id, target, expectedVersion: fresh(i).version }));
    for (let i = 5; i < pairs.length; i++) {
      const p = fresh(i);
      updateTarget(rt.ctx, {
        pairId: p.id,
        target: `Paragraph number ${i - 5} about the long talks.`,
        expectedVersion: p.version,
      });
    }
    setIgnored(rt.ctx, pairs[3]!.id, 'latin-missing', true);
    const report = documentQa(rt.ctx, doc.id);
    const checks = new Set(report.pairs.flatMap((p) => p.issues.map((i) => i.check)));
    for (const c of [
      'inconsistent-target',
      'inconsistent-source',
      'number-missing',
      'arabic-in-target',
      'latin-missing',
    ] as const)
      expect(checks).toContain(c);
    const check = documentChecker(rt.ctx, doc.id);
    const streamed = listPairs(rt.ctx, doc.id, 0, 100)
      .items.map((p) => ({ pairId: p.id, position: p.position, issues: check(p) }))
      .filter((p) => p.issues.length > 0);
    expect(streamed).toEqual(report.pairs);
    // The file written from the store and the in-memory export (documentQa's report) have the same QA column.
    const path = join(rt.dir, 'qa-stream.docx');
    await exportToFile(rt.ctx, { documentId: doc.id, format: 'docx-bilingual', qaColumn: true }, path);
    const { file } = await renderExport(rt.ctx, { documentId: doc.id, format: 'docx-bilingual', qaColumn: true });
    const withoutTime = (xml: string) => xml.replace(/Exported: [^<]*/, '');
    const xml = await readZipText(new Uint8Array(readFileSync(path)), 'word/document.xml');
    expect(withoutTime(xml)).toBe(withoutTime(await readZipText(file.bytes, 'word/document.xml')));
    expect(xml).toContain('Warning: </w:t>');
  });

  it('is ignored by the re-import: an edited QA cell changes nothing, an edited English cell is found', async () => {
    const { file } = await renderExport(rt.ctx, { documentId, format: 'docx-bilingual', qaColumn: true });
    const untouched = await reviewPreview(rt.ctx, documentId, 'same.docx', file.bytes);
    expect(untouched.changes).toEqual([]);
    expect(untouched.unknownRows).toEqual([]);
    const edited = await editDocx(file.bytes, {
      'Arabic script left in the English: ؟': 'the reviewer typed here',
      'Paragraph 4.': 'Reviewed paragraph 4.',
    });
    const preview = await reviewPreview(rt.ctx, documentId, 'edited.docx', edited);
    expect(preview.changes.map((c) => [c.position, c.after])).toEqual([[3, 'Reviewed paragraph 4.']]);
  });
});

describe('target DOCX written to a file', () => {
  it('streams the same document as the in-memory export, all pairs or approved only', async () => {
    for (const approvedOnly of [false, true]) {
      const path = join(rt.dir, `target-${approvedOnly}.docx`);
      const r = await exportToFile(rt.ctx, { documentId, format: 'docx', approvedOnly }, path);
      const bytes = new Uint8Array(readFileSync(path));
      expect(r.bytes).toBe(bytes.length);
      const { file } = await renderExport(rt.ctx, { documentId, format: 'docx', approvedOnly });
      const xml = await readZipText(bytes, 'word/document.xml');
      expect(xml).toBe(await readZipText(file.bytes, 'word/document.xml'));
      // No pair of the sample is approved: approved only, the document is one empty paragraph.
      if (approvedOnly) expect(xml).not.toContain('Paragraph 4.');
      else expect(xml).toContain('Paragraph 4.');
    }
    expect(readdirSync(rt.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
