// `qalam tm import|export|stats` and `qalam analyze` as a user runs them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_PATH } from '../helpers';
import { ENGLISH, fourParagraphTmx } from '../tm/fixtures';

const BIN = resolve(__dirname, '../../../../bin/qalam.mjs');
const dir = mkdtempSync(join(tmpdir(), 'qalam-tm-cli-'));
const db = join(dir, 'cli.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function qalam(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
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
