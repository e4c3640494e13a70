// The CLI as `npm install` / `npm run build` builds it (scripts/build-cli.mjs): it runs, loads the
// format code only when a command needs it, and answers in the same translated words as the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PATH } from '../helpers';
import { ENGLISH, fourParagraphTmx, paragraphs } from '../tm/fixtures';

const ROOT = resolve(__dirname, '../../../..');
// Inside the repository, so the build's packages resolve from its node_modules like out/cli's do.
const OUT = join(ROOT, 'out', `cli-test-${process.pid}`);
const ENTRY = join(OUT, 'qalam.mjs');
const dir = mkdtempSync(join(tmpdir(), 'qalam-built-cli-'));
const db = join(dir, 'cli.db');

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), OUT], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}, 60_000);
afterAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

function qalam(lang: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [ENTRY, ...args, '--db', db], {
    encoding: 'utf8',
    env: { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file the entry loads before running anything: its static imports, followed through the chunks. */
function staticGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.includes(file)) continue;
    files.push(file);
    const code = readFileSync(file, 'utf8');
    // Static imports only: `import … from "x"` and `import "x"`, never `import("x")`.
    for (const m of code.matchAll(/^import\s*(?:[^"'();]*?\sfrom\s*)?["']([^"']+)["'];?$/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.add(spec.split('/')[0]!);
    }
  }
  return { files, packages };
}

describe('the built CLI', () => {
  it('is one ES module whose start-up loads neither the store, the format libraries nor the contract', () => {
    expect(existsSync(ENTRY)).toBe(true);
    const { files, packages } = staticGraph(ENTRY);
    expect(files.length).toBeGreaterThan(1);
    for (const heavy of [
      'better-sqlite3',
      'docx',
      'mammoth',
      'jszip',
      'nspell',
      'dictionary-en',
      'zod',
      'i18next',
      'saxes',
      'htmlparser2',
    ]) {
      expect(packages.has(heavy), heavy).toBe(false);
    }
  });

  it('prints the version it was built with', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = spawnSync(process.execPath, [ENTRY, flag], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${pkg.version}\n`);
    }
  });

  it('bundles better-sqlite3 into the store chunk (no CommonJS files to resolve and lex), and `translate` without a store never loads it', () => {
    const chunks = readdirSync(join(OUT, 'chunks')).map((f) => join(OUT, 'chunks', f));
    const store = chunks.find((f) => readFileSync(f, 'utf8').includes('// src-main/store/connection.ts'))!;
    expect(readFileSync(store, 'utf8')).toMatch(/^\/\/ \S*node_modules\/better-sqlite3\/lib\/database\.js$/m);
    for (const chunk of [ENTRY, ...chunks]) expect(staticGraph(chunk).packages.has('better-sqlite3'), chunk).toBe(false);
    const translate = chunks.find((f) => /\/translate-[^/]*\.mjs$/.test(f))!;
    expect(translate).toBeDefined();
    expect(staticGraph(translate).files).not.toContain(store);
  });

  it('opens the store with better-sqlite3 named by path: the `bindings` search is not loaded', () => {
    const r = spawnSync(process.execPath, [ENTRY, 'list', '--db', join(dir, 'bindings.db')], {
      encoding: 'utf8',
      env: { ...process.env, NODE_DEBUG: 'module' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('No documents.\n');
    // NODE_DEBUG=module names every CommonJS module loaded: better-sqlite3, not bindings.
    expect(r.stderr).toMatch(/better-sqlite3/);
    expect(r.stderr).not.toMatch(/REQUEST bindings /);
  });

  it('starts without node:child_process (commander loads it only to run executable subcommands) or node:crypto (loaded by the commands that hash)', () => {
    const script = `const m = await import(${JSON.stringify(pathToFileURL(ENTRY).href)});
process.exitCode = await m.run(['list', '--db', ${JSON.stringify(join(dir, 'child.db'))}]);
process.on('exit', () => process.stderr.write(process.moduleLoadList.filter((n) => /^NativeModule (child_process|crypto)$/.test(n)).join(',') || 'not loaded'));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('No documents.\n');
    expect(r.stderr).toBe('not loaded');
  });

  it('loads the XML parser (saxes) only when a file needs it: not with the TMX reader', () => {
    const chunks = readdirSync(join(OUT, 'chunks')).map((f) => join(OUT, 'chunks', f));
    const tmx = chunks.find((f) => readFileSync(f, 'utf8').includes('// src-main/formats/tmx.ts'))!;
    expect(tmx).toBeDefined();
    expect(staticGraph(tmx).packages.has('saxes')).toBe(false);
  });

  it('lists, imports, exports a DOCX (format code loaded on use) and reports stats', () => {
    expect(qalam('C', 'list')).toMatchObject({ code: 0, stdout: 'No documents.\n' });
    const imported = qalam('C', 'import', SAMPLE_PATH, '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect((JSON.parse(imported.stdout) as { stats: { total: { segments: number } } }).stats.total.segments).toBe(12);
    const docx = join(dir, 'out.docx');
    const exported = qalam('C', 'export', '1', '--format', 'docx', '--out', docx);
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    expect(qalam('C', 'stats', '1').stdout).toMatch(/total\s+12/);
  });

  it('translates below 100% without --db (a store in memory, better-sqlite3 named by path as for a store on disk)', () => {
    const source = join(dir, 'below.txt');
    const tmx = join(dir, 'below.tmx');
    const src = paragraphs();
    writeFileSync(source, `${src.join('\n')}\n`);
    writeFileSync(tmx, fourParagraphTmx());
    const out = join(dir, 'below.en.txt');
    const r = spawnSync(process.execPath, [ENTRY, 'translate', source, '--tm', tmx, '--out', out, '--min', '99', '--json'], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ segments: 12, translated: 4 });
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe(ENGLISH[0]);
  });

  it('says what went wrong in one translated line, in Arabic when LANG is Arabic', () => {
    const en = qalam('C', 'stats', '99');
    expect(en.code).toBe(1);
    expect(en.stderr).toMatch(/^qalam: .+\n$/);
    const ar = qalam('ar_EG.UTF-8', 'stats', '99');
    expect(ar.code).toBe(1);
    expect(ar.stderr).toMatch(/^qalam: .*[\u0600-\u06ff].*\n$/);
  });
});
