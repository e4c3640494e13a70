// `qalam translate`'s own bundle (src-main/cli-translate.ts, out/cli/translate.cjs): it reads the
// arguments as the command's definition does wherever it answers, it answers for plain files with
// the whole CLI's output byte for byte, and for anything else it says nothing and the whole CLI runs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../../../src-main/cli';
import { plainTranslateArgs, type TranslateOptions } from '../../../../src-main/cli-translate';
import { ENGLISH, fourParagraphTmx, paragraphs } from '../tm/fixtures';

const ROOT = resolve(__dirname, '../../../..');

/** What commander hands the translate command's action for these arguments. */
async function commanderReads(argv: string[]): Promise<{ source: string; opts: TranslateOptions }> {
  const program = buildProgram('translate');
  let read: { source: string; opts: TranslateOptions } | undefined;
  program.commands[0]!.action((source: string, opts: TranslateOptions) => {
    read = { source, opts: { ...opts } };
  });
  await program.parseAsync(argv, { from: 'user' });
  return read!;
}

/** A small deterministic generator, so a failing case can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

describe('plainTranslateArgs', () => {
  it('reads what commander reads, in any order and either option form, wherever it answers', async () => {
    const next = random(12);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    let answered = 0;
    for (let n = 0; n < 400; n++) {
      const parts: string[][] = [[pick(['a.txt', 'dir/source file.txt', 'ف.txt', '=x.txt'])]];
      const option = (name: string, value: string) => parts.push(next() < 0.5 ? [name, value] : [`${name}=${value}`]);
      if (next() < 0.95) option('--tm', pick(['m.tmx', 'a=b.tmx', 'ذاكرة.tmx']));
      if (next() < 0.95) option('--out', pick(['o.txt', '/tmp/o.txt', 'o=.txt']));
      if (next() < 0.5) option('--tmx-out', pick(['p.tmx', 'out/p.tmx']));
      if (next() < 0.3) option('--min', pick(['100', '100', '99', '101', '50']));
      if (next() < 0.1) option('--db', 'q.db');
      if (next() < 0.4) parts.push(['--json']);
      if (next() < 0.05)
        parts.push(pick([['--json'], ['extra'], ['--'], ['-h'], ['--help'], ['--tm', 'again.tmx'], ['--mn', '1']]));
      for (let i = parts.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [parts[i], parts[j]] = [parts[j]!, parts[i]!];
      }
      const argv = ['translate', ...parts.flat()];
      const fast = plainTranslateArgs(argv);
      if (fast === null) continue;
      answered++;
      expect(fast, argv.join(' ')).toEqual(await commanderReads(argv));
    }
    // Most generated calls are in the plain shape: the comparison above is not an empty one.
    expect(answered).toBeGreaterThan(150);
  });

  it('leaves to the whole CLI what it does not read the same way, or at all', () => {
    const base = ['translate', 's.txt', '--tm', 'm.tmx', '--out', 'o.txt'];
    expect(plainTranslateArgs(base)).not.toBeNull();
    for (const extra of [
      ['--min', '99'],
      ['--min', '100.0'],
      ['--db', 'x.db'],
      ['--json', '--json'],
      ['--json=yes'],
      ['--tm', 'n.tmx'],
      ['extra.txt'],
      ['--'],
      ['-h'],
      ['--help'],
      ['--version'],
      ['--unknown'],
      ['--tmx-out'],
      ['--tmx-out', '-p.tmx'],
      ['--tmx-out='],
    ]) {
      expect(plainTranslateArgs([...base, ...extra]), extra.join(' ')).toBeNull();
    }
    expect(plainTranslateArgs(['translate', '--tm', 'm.tmx', '--out', 'o.txt'])).toBeNull();
    expect(plainTranslateArgs(['translate', 's.txt', '--out', 'o.txt'])).toBeNull();
    expect(plainTranslateArgs(['translate', 's.txt', '--tm', 'm.tmx'])).toBeNull();
    expect(plainTranslateArgs(['translate', '-s.txt', '--tm', 'm.tmx', '--out', 'o.txt'])).toBeNull();
    expect(plainTranslateArgs(['import', 's.txt', '--tm', 'm.tmx', '--out', 'o.txt'])).toBeNull();
  });
});

describe('the built translate bundle behind bin/qalam.cjs', () => {
  // A copy of the package's layout inside the repository (bin/ beside out/cli/), so the bundles'
  // packages resolve from its node_modules (under out/cli*, which the app's installers leave out). Its out/cli/qalam.mjs stands in front of the whole CLI
  // and says on stderr that it ran.
  const pkg = join(ROOT, 'out', `cli-translate-test-${process.pid}`);
  const cli = join(pkg, 'out', 'cli');
  const bin = join(pkg, 'bin', 'qalam.cjs');
  const dir = mkdtempSync(join(tmpdir(), 'qalam-translate-fast-'));
  const WHOLE = 'the whole CLI ran\n';
  /** Stands for a store of each run's own in both(). */
  const STORE = '<store>';

  beforeAll(() => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), cli], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    mkdirSync(join(pkg, 'bin'));
    copyFileSync(join(ROOT, 'bin', 'qalam.cjs'), bin);
    renameSync(join(cli, 'qalam.mjs'), join(cli, 'whole.mjs'));
    writeFileSync(join(cli, 'qalam.mjs'), `process.stderr.write(${JSON.stringify(WHOLE)});\nawait import('./whole.mjs');\n`);
  }, 60_000);
  afterAll(() => {
    rmSync(pkg, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  /** The files a run wrote, with the TMX's dates (the time of the run) taken out. */
  function written(out: string, tmxOut: string): { out: string; tmx: string | null } {
    return {
      out: readFileSync(out, 'latin1'),
      tmx: existsSync(tmxOut) ? readFileSync(tmxOut, 'latin1').replace(/="\d{8}T\d{6}Z"/g, '="date"') : null,
    };
  }

  /** bin/qalam.cjs, and the whole CLI alone (its run() from whole.mjs), on the same files. */
  function both(source: string, tmx: string, ...more: string[]) {
    const results = (['bin', 'whole'] as const).map((how) => {
      const out = join(dir, `${how}.out.txt`);
      const tmxOut = join(dir, `${how}.project.tmx`);
      rmSync(out, { force: true });
      rmSync(tmxOut, { force: true });
      // Each run its own store (a store keeps the units of the runs before).
      const store = join(dir, `${how}.db`);
      for (const f of [store, `${store}-wal`, `${store}-shm`, `${store}-checked`]) rmSync(f, { force: true });
      const argv = [
        'translate',
        source,
        '--tm',
        tmx,
        '--out',
        out,
        '--tmx-out',
        tmxOut,
        ...more.map((a) => (a === STORE ? store : a)),
      ];
      const r =
        how === 'bin'
          ? spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } })
          : spawnSync(
              process.execPath,
              [
                '--input-type=module',
                '-e',
                `const m = await import(${JSON.stringify(`file://${join(cli, 'whole.mjs')}`)}); process.exitCode = await m.run(${JSON.stringify(argv)});`,
              ],
              { encoding: 'utf8', env: { ...process.env, LANG: 'C' } },
            );
      const files = r.status === 0 ? written(out, tmxOut) : null;
      return { code: r.status, stdout: r.stdout.replaceAll(how === 'bin' ? 'bin.' : 'whole.', 'X.'), stderr: r.stderr, files };
    });
    return { bin: results[0]!, whole: results[1]! };
  }

  const source = join(dir, 'article.txt');
  const tmx = join(dir, 'four.tmx');
  beforeAll(() => {
    writeFileSync(source, `${paragraphs().join('\n')}\n`);
    writeFileSync(tmx, fourParagraphTmx());
  });

  it('is one CommonJS module, without the store, SQLite or another module of its own to load', () => {
    const code = readFileSync(join(cli, 'translate.cjs'), 'utf8');
    expect(code).toMatch(/^\/\/ src-main\/services\/translate\.ts$/m);
    expect(code).not.toMatch(/^\/\/ src-main\/(store\/|services\/(context|documents|tm|io)\.ts)/m);
    expect(code).not.toMatch(/better-sqlite3|require\(["']\.\.?\/|\bimport\s*\(?["']|import\.meta/);
  });

  it('answers without starting the ES module loader (loaded at start-up, it resolves and links nothing)', () => {
    const watch = join(dir, 'watch-loader.cjs');
    writeFileSync(
      watch,
      "process.on('exit', () => process.stderr.write(process.moduleLoadList.some((n) => /esm\\/(module_job|resolve)$/.test(n)) ? 'ES loader' : 'none'));\n",
    );
    const r = spawnSync(
      process.execPath,
      ['-r', watch, bin, 'translate', source, '--tm', tmx, '--out', join(dir, 'loader.txt')],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Wrote /);
    expect(r.stderr).toBe('none');
  });

  it('answers for a plain text and a plain TMX without the whole CLI, with its output byte for byte', () => {
    for (const more of [[], ['--json']]) {
      const { bin: fast, whole } = both(source, tmx, ...more);
      expect(fast.stderr).toBe('');
      expect(fast.code).toBe(0);
      expect(fast).toEqual({ ...whole, stderr: '' });
      expect(fast.files!.out.split('\n')[0]).toBe(Buffer.from(ENGLISH[0]!, 'utf8').toString('latin1'));
    }
  });

  it('leaves anything else to the whole CLI, whose output it is, as when the whole CLI runs alone', () => {
    const crlf = join(dir, 'crlf.txt');
    writeFileSync(crlf, `${paragraphs().join('\r\n')}\r\n`);
    const coded = join(dir, 'coded.tmx');
    writeFileSync(coded, Buffer.from(fourParagraphTmx()).toString('utf8').replace('<seg>', '<seg>&amp; '));
    const cases: [string, string, ...string[]][] = [
      [source, tmx, '--min', '99'],
      [crlf, tmx],
      [source, coded],
      [join(dir, 'missing.txt'), tmx],
      [source, tmx, '--db', STORE],
    ];
    for (const [src, memory, ...more] of cases) {
      const { bin: fallback, whole } = both(src, memory, ...more);
      expect(fallback.stderr.startsWith(WHOLE), `${src} ${more.join(' ')}: ${fallback.stderr}`).toBe(true);
      expect({ ...fallback, stderr: fallback.stderr.slice(WHOLE.length) }).toEqual(whole);
    }
  });
});
