import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_PATH, encodeSingleByte, sampleText } from '../helpers';
import { openRuntime } from '../../../../src-main/runtime';
import { listPairs, setStatus } from '../../../../src-main/services/pairs';

const BIN = resolve(__dirname, '../../../../bin/qalam.cjs');
const dir = mkdtempSync(join(tmpdir(), 'qalam-cli-'));
const db = join(dir, 'cli.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function qalam(...args: string[]) {
  return qalamIn('C', ...args);
}

function qalamIn(lang: string, ...args: string[]) {
  // The sources under test, not a build that may be older (tests/unit/main/cli/built.test.ts runs the build).
  const env = { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '', QALAM_CLI_SOURCE: '1' };
  const r = spawnSync(process.execPath, [BIN, ...args, '--db', db], { encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('qalam CLI', () => {
  it('imports the sample article: 12 paragraphs, and refuses a second import without --allow-duplicate', () => {
    const first = qalam('import', SAMPLE_PATH, '--json');
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout) as { id: number; stats: { total: { segments: number; words: number } } };
    expect(doc.stats.total.segments).toBe(12);

    const again = qalam('import', SAMPLE_PATH);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/already imported.*--allow-duplicate/);
  });

  it('imports the article re-encoded as windows-1256 with the same text', () => {
    const file = join(dir, 'article-1256.txt');
    writeFileSync(file, encodeSingleByte(sampleText(), 'windows-1256'));
    const r = qalam('import', file, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { encoding: string; stats: { total: { segments: number; words: number } } };
    expect(doc.encoding).toBe('windows-1256');
    expect(doc.stats.total).toEqual({ segments: 12, words: 349 });
  });

  it('lists documents and prints statistics, as text and as JSON', () => {
    const list = qalam('list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/news-article-ar .*12 segments, 349 words/);
    const stats = JSON.parse(qalam('stats', '1', '--json').stdout) as {
      byStatus: { new: { segments: number } };
      finished: boolean;
    };
    expect(stats.byStatus.new.segments).toBe(12);
    expect(stats.finished).toBe(false);
  });

  it('refuses an XLIFF over a reading cap with one translated line that says which cap', () => {
    const file = join(dir, 'huge-unit.xlf');
    const text = 'x'.repeat(9 * 1024 * 1024);
    writeFileSync(
      file,
      `<xliff version="1.2"><file source-language="ar" target-language="en"><body><trans-unit id="1"><source>${text}</source></trans-unit></body></file></xliff>`,
    );
    const en = qalamIn('C', 'import', file);
    expect(en.code).toBe(1);
    expect(en.stderr.trim().split('\n')).toHaveLength(1);
    expect(en.stderr).toMatch(/^qalam: Near line 1 the file has more than 8,388,608 characters without any markup/);
    const ar = qalamIn('ar_SA.UTF-8', 'import', file);
    expect(ar.stderr).toMatch(/^qalam: قرب السطر 1 يحوي الملف أكثر من \S+ حرف/);
  });

  it('fails with one clear line and a non-zero exit on bad input', () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const r = qalam('import', empty);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('qalam: The file contains no text to translate.');
    // A file that cannot be read: named, in the user's language.
    const missing = join(dir, 'missing.txt');
    expect(qalam('import', missing)).toMatchObject({
      code: 1,
      stderr: `qalam: Could not read ${missing}: there is no such file.\n`,
    });
    expect(qalamIn('ar_EG.UTF-8', 'import', missing)).toMatchObject({
      code: 1,
      stderr: `qalam: تعذّرت قراءة ${missing}: لا يوجد ملف بهذا الاسم.\n`,
    });
    expect(qalam('import', dir)).toMatchObject({
      code: 1,
      stderr: `qalam: Could not read ${dir}: that is a folder, not a file.\n`,
    });
    expect(qalam('translate', dir, '--tm', missing, '--out', join(dir, 'out.txt'))).toMatchObject({
      code: 1,
      stderr: `qalam: Could not read ${dir}: that is a folder, not a file.\n`,
    });
    expect(qalam('stats', '999').code).toBe(1);
    expect(qalam('stats', 'abc').code).toBe(1);
    expect(qalam('frobnicate').code).toBe(2);
    expect(qalam('export', '1', '--format', 'pdf', '--out', join(dir, 'x.pdf')).code).toBe(2);
  });

  it('a paragraph over the limit is named with its number, first words and the limit, in English and Arabic', () => {
    const file = join(dir, 'long-line.txt');
    writeFileSync(file, ['فقرة أولى.', 'فقرة ثانية.', `CNN قالت ${'وبناءة '.repeat(16_000)}`.slice(0, 110_000)].join('\n'));
    const en = qalamIn('C', 'import', file);
    expect(en.code).toBe(1);
    expect(en.stderr.trim()).toBe(
      'qalam: Paragraph 3 (“CNN قالت وبناءة وبناءة وبناءة وبناءة…”) has 109,999 characters; a paragraph may have at most 100,000. Split it into shorter paragraphs and import the file again.',
    );
    const ar = qalamIn('ar_EG.UTF-8', 'import', file);
    expect(ar.code).toBe(1);
    expect(ar.stderr).toContain('عدد أحرف الفقرة 3 («CNN قالت وبناءة');
    expect(ar.stderr).toContain('الحد الأقصى لعدد أحرف الفقرة الواحدة 100,000');
  });

  it('exports atomically and never overwrites without --force', () => {
    const out = join(dir, 'out.xlf');
    expect(qalam('export', '1', '--format', 'xliff20', '--out', out).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('urn:oasis:names:tc:xliff:document:2.0');
    const again = qalam('export', '1', '--format', 'xliff20', '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists.*--force/);
    expect(qalam('export', '1', '--format', 'xliff20', '--out', out, '--force').code).toBe(0);
  });

  it.each([
    // Tests run as root, who ignores folder permissions: /sys refuses even root (EACCES).
    [
      'a read-only folder',
      () => '/sys/kernel/qalam-export.docx',
      /the folder is read-only or you may not write there/,
      /للقراءة فقط/,
    ],
    ['a folder as the target', () => dir, /that is a folder\. Choose a file name\./, /هذا مجلد/],
    ['a missing folder', () => join(dir, 'no-such-folder', 'out.docx'), /its folder does not exist/, /مجلده غير موجود/],
    [
      'a path through a file',
      () => join(dir, 'cli.db', 'out.docx'),
      /part of that path is a file, not a folder/,
      /ملف وليس مجلدًا/,
    ],
  ])('a failed export into %s is one translated line naming the target, no stack', (_what, target, en, ar) => {
    for (const force of [[], ['--force']]) {
      const r = qalamIn('C', 'export', '1', '--format', 'docx', '--out', target(), ...force);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^qalam: Could not write ${target().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
      expect(r.stderr).toMatch(en);
      expect(r.stderr).not.toMatch(/\.tmp|\n\s+at /);
    }
    const inArabic = qalamIn('ar_EG.UTF-8', 'export', '1', '--format', 'docx', '--out', target());
    expect(inArabic.stderr).toMatch(/^qalam: تعذّرت كتابة /);
    expect(inArabic.stderr).toMatch(ar);
  });

  it('exports CSV spreadsheet-safe by default, and as it is with --csv-raw', () => {
    const file = join(dir, 'formulas.csv');
    writeFileSync(file, 'source,target\nمرحبا,"=HYPERLINK(""http://x"")"\n');
    const imported = qalam('import', file, '--json');
    expect(imported.code).toBe(0);
    const { id } = JSON.parse(imported.stdout) as { id: number };
    const safe = join(dir, 'safe.csv');
    const raw = join(dir, 'raw.csv');
    expect(qalam('export', String(id), '--format', 'csv', '--out', safe).code).toBe(0);
    expect(qalam('export', String(id), '--format', 'csv', '--out', raw, '--csv-raw').code).toBe(0);
    expect(readFileSync(safe, 'utf8')).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(readFileSync(raw, 'utf8')).toContain(`,"=HYPERLINK(""http://x"")",`);
  });
});

describe('qalam qa', () => {
  it('prints the report and exits 3 while errors stand, 0 once none do (a pipeline gate)', () => {
    const file = join(dir, 'qa.txt');
    writeFileSync(file, 'وقع الاتفاق في عام ٢٠٢٣.\nهل انتهت المحادثات؟\n');
    const doc = JSON.parse(qalam('import', file, '--json').stdout) as { id: number };
    const withErrors = qalam('qa', String(doc.id));
    expect(withErrors.code).toBe(3);
    expect(withErrors.stdout).toMatch(/^2 Error · 0 Warning/);
    expect(withErrors.stdout).toMatch(/#1 +error +The translation is empty\./);
    const json = JSON.parse(qalam('qa', String(doc.id), '--json').stdout) as { errors: number; byCheck: { check: string }[] };
    expect(json.errors).toBe(2);
    expect(json.byCheck.map((c) => c.check)).toEqual(['empty-target']);
    const arabic = qalamIn('ar_EG.UTF-8', 'qa', String(doc.id));
    expect(arabic.stdout).toContain('الترجمة فارغة.');

    // Translated correctly, through the same store: no error stands, exit 0.
    const rt = openRuntime({ dataDir: dir, dbPath: db, transport: 'cli' });
    try {
      const [first, second] = listPairs(rt.ctx, doc.id, 0, 10).items;
      setStatus(rt.ctx, {
        pairId: first!.id,
        expectedVersion: first!.version,
        action: 'confirm',
        target: 'The agreement was signed in 2023.',
      });
      setStatus(rt.ctx, {
        pairId: second!.id,
        expectedVersion: second!.version,
        action: 'confirm',
        target: 'Have the talks ended?',
      });
    } finally {
      rt.close();
    }
    const clean = qalam('qa', String(doc.id));
    expect(clean.stdout).toMatch(/^0 Error · 0 Warning/);
    expect(clean.code).toBe(0);
  });

  it('is a usage error without a document, and a failure for an unknown one', () => {
    expect(qalam('qa').code).toBe(2);
    expect(qalam('qa', '999').code).toBe(1);
  });

  it('an unknown document is named as one, in English and Arabic', () => {
    expect(qalam('export', '999', '--format', 'txt', '--out', join(dir, 'none.txt'))).toMatchObject({
      code: 1,
      stderr: 'qalam: This document no longer exists: it may have been deleted.\n',
    });
    expect(qalamIn('ar_EG.UTF-8', 'stats', '999').stderr).toBe('qalam: لم يعد هذا المستند موجودًا: ربما حُذف.\n');
  });
});
