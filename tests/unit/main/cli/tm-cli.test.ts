// `qalam tm import|export|stats`, `analyze`, `pretranslate` and `translate` as a user runs them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_PATH } from '../helpers';
import { ENGLISH, fourParagraphTmx, paragraphs } from '../tm/fixtures';

const BIN = resolve(__dirname, '../../../../bin/qalam.cjs');
const dir = mkdtempSync(join(tmpdir(), 'qalam-tm-cli-'));
const db = join(dir, 'cli.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function qalam(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', QALAM_CLI_SOURCE: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const withDb = (...args: string[]) => qalam(...args, '--db', db);

describe('qalam tm', () => {
  const tmx = join(dir, 'four.tmx');
  writeFileSync(tmx, fourParagraphTmx());

  it('imports a TMX file, once', () => {
    const r = withDb('tm', 'import', tmx, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ stored: 4, skipped: 0, known: 0 });
    expect(withDb('tm', 'import', tmx).stdout).toMatch(/Stored 0 translation units .*4 already there/);
  });

  it('prints statistics', () => {
    const r = withDb('tm', 'stats');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^4 units: 0 approved, 0 translated, 4 imported\n\s+4\s+file four\.tmx/);
    expect(JSON.parse(withDb('tm', 'stats', '--json').stdout)).toMatchObject({ units: 4, byStatus: { imported: 4 } });
  });

  it('analyses a document against the memory', () => {
    const doc = JSON.parse(withDb('import', SAMPLE_PATH, '--json').stdout) as { id: number };
    const json = JSON.parse(withDb('analyze', String(doc.id), '--json').stdout) as {
      bands: Record<string, { segments: number; words: number }>;
      total: { segments: number };
    };
    expect(json.bands.exact!.segments).toBe(Object.keys(ENGLISH).length);
    expect(json.total.segments).toBe(12);
    const text = withDb('analyze', String(doc.id));
    expect(text.stdout).toMatch(/100%\s+4\s+\d+/);
    expect(text.stdout).toMatch(/total\s+12\s+\d+/);
    expect(withDb('analyze', '999').code).toBe(1);
  });

  it('exports the whole memory as TMX, never overwriting without --force', () => {
    const out = join(dir, 'memory.tmx');
    const r = withDb('tm', 'export', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/4 units/);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('<tmx version="1.4">');
    for (const en of Object.values(ENGLISH)) expect(xml).toContain(en.replace(/&/g, '&amp;'));
    expect(withDb('tm', 'export', '--out', out).code).toBe(1);
    expect(withDb('tm', 'export', '--out', out, '--force').code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(withDb('tm', 'export').code).toBe(2);
  });
});

describe('qalam pretranslate', () => {
  it('fills the paragraphs the memory has at 100%, as one batch, and counts without writing on --dry-run', () => {
    const doc = JSON.parse(withDb('import', SAMPLE_PATH, '--allow-duplicate', '--json').stdout) as { id: number };
    const dry = JSON.parse(withDb('pretranslate', String(doc.id), '--dry-run', '--json').stdout) as {
      filled: number;
      batchId: null;
    };
    expect(dry).toMatchObject({ filled: 4, batchId: null });
    const r = withDb('pretranslate', String(doc.id), '--min', '100');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Filled 4 segments \(4 as Translated, 0 as Draft\); 8 without a match; batch #\d+\.$/m);
    const stats = JSON.parse(withDb('stats', String(doc.id), '--json').stdout) as {
      byStatus: { translated: { segments: number } };
    };
    expect(stats.byStatus.translated.segments).toBe(4);
    expect(withDb('pretranslate', String(doc.id), '--min', '49').code).toBe(1);
  });
});

describe('qalam translate', () => {
  it('imports, applies the memory and writes the target in the source layout, leaving no store behind', () => {
    const tmx = join(dir, 'four.tmx');
    const source = join(dir, 'article.txt');
    // Blank lines and indentation between paragraphs stay as they were.
    const src = paragraphs();
    writeFileSync(source, `${src[0]}\n\n  ${src[1]}\n${src.slice(2).join('\n')}\n`);
    const out = join(dir, 'article.en.txt');
    const tmxOut = join(dir, 'article.tmx');
    const r = qalam('translate', source, '--tm', tmx, '--out', out, '--tmx-out', tmxOut, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ segments: 12, translated: 4, units: 4 });
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines[0]).toBe(ENGLISH[0]);
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe(`  ${src[1]}`);
    expect(lines[4]).toBe(ENGLISH[3]);
    expect(lines[7]).toBe(ENGLISH[6]);
    expect(lines.at(-1)).toBe('');
    const project = readFileSync(tmxOut, 'utf8');
    expect(project.match(/<tu /g)).toHaveLength(4);
    expect(existsSync(join(dir, 'qalam.db'))).toBe(false);
    expect(qalam('translate', source, '--tm', join(dir, 'missing.tmx'), '--out', out).code).toBe(1);
    expect(qalam('translate', source, '--out', out).code).toBe(2);
  });
});
