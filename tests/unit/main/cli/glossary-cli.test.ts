// `qalam glossary list|import|export` as a user runs them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_PATH } from '../helpers';

const BIN = resolve(__dirname, '../../../../bin/qalam.cjs');
const dir = mkdtempSync(join(tmpdir(), 'qalam-glossary-cli-'));
const db = join(dir, 'cli.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function qalam(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--db', db], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', QALAM_CLI_SOURCE: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('qalam glossary', () => {
  const csv = join(dir, 'terms.csv');
  writeFileSync(
    csv,
    'arabic,english,note,forbidden\nقوات حفظ السلام,peacekeeping forces,,no\nالناتو,the Atlantic pact,say NATO,yes\n',
  );
  let doc = 0;

  it('imports a CSV into the glossary the document uses, once', () => {
    doc = (JSON.parse(qalam('import', SAMPLE_PATH, '--json').stdout) as { id: number }).id;
    const r = qalam('glossary', 'import', String(doc), csv, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ added: 2, duplicates: 0, skipped: 0 });
    expect(qalam('glossary', 'import', String(doc), csv).stdout).toMatch(/Added 0 terms \(2 already there/);
  });

  it('lists and searches the terms', () => {
    const r = qalam('glossary', 'list', String(doc));
    expect(r.stdout).toMatch(/^2 terms in the shared glossary\n/);
    expect(r.stdout).toContain('الناتو\tthe Atlantic pact\t(forbidden)\tsay NATO');
    const json = JSON.parse(qalam('glossary', 'list', String(doc), '--query', 'السلام', '--json').stdout) as {
      terms: { target: string }[];
    };
    expect(json.terms.map((t) => t.target)).toEqual(['peacekeeping forces']);
  });

  it('exports TBX by the extension, never overwriting without --force', () => {
    const out = join(dir, 'glossary.tbx');
    const r = qalam('glossary', 'export', String(doc), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 terms/);
    expect(readFileSync(out, 'utf8')).toContain('<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>');
    expect(qalam('glossary', 'export', String(doc), '--out', out).code).toBe(1);
    expect(qalam('glossary', 'export', String(doc), '--out', out, '--force', '--format', 'tsv').code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^\uFEFFarabic\tenglish/);
  });

  it('refuses a bad file with the translated reason and changes nothing', () => {
    const bad = join(dir, 'bad.tbx');
    writeFileSync(bad, '<!DOCTYPE m [<!ENTITY a "a">]><martif>&a;</martif>');
    const r = qalam('glossary', 'import', String(doc), bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unsafe XML/);
    expect(qalam('glossary', 'list', String(doc)).stdout).toMatch(/^2 terms/);
    expect(existsSync(bad)).toBe(true);
  });
});
