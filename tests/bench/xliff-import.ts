// Importing a 100 MB XLIFF 1.2 file through the CLI, in its own process, so peak memory is the whole
// process's (GNU time's maximum resident set size), as a user running `qalam import` would see it.
// Runs alone with `npx tsx tests/bench/xliff-import.ts [MB]`; `npm run bench` runs it too.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateParagraphs, round } from './store';

export interface XliffImportBench {
  fileMb: number;
  units: number;
  exitCode: number | null;
  /** Whole-process peak resident set size of `qalam import`. */
  peakRssMb: number;
  wallSeconds: number;
  /** What the CLI printed on failure (a refusal is a result too). */
  stderr: string;
}

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/**
 * Writes an XLIFF 1.2 file of about `mb` megabytes the way real tools do: Arabic sources, English
 * targets with a state, a note now and then, inline codes in some units. Written in pieces, so the
 * generator itself stays small.
 */
export function writeBigXliff(path: string, mb: number): number {
  const fd = openSync(path, 'w');
  // Sentence-sized segments (3 to 25 words), as CAT tools write them: many small units.
  const paragraphs = generateParagraphs(2000, 11).map((p, i) =>
    p
      .split(' ')
      .slice(0, 3 + (i % 23))
      .join(' '),
  );
  const enc = new TextEncoder();
  let written = 0;
  let buf: string[] = [];
  const flush = () => {
    const bytes = enc.encode(buf.join(''));
    writeSync(fd, bytes);
    written += bytes.length;
    buf = [];
  };
  buf.push(
    '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n',
    '  <file original="big.txt" source-language="ar" target-language="en" datatype="plaintext">\n    <body>\n',
  );
  const target = mb * 1024 * 1024;
  let units = 0;
  while (written < target) {
    for (let k = 0; k < 500; k++, units++) {
      const source = paragraphs[units % paragraphs.length]!;
      const inline = units % 7 === 0 ? ` <g id="b${units}">bold</g> <x id="x${units}"/>` : '';
      const note = units % 11 === 0 ? `\n        <note from="reviewer">Check the name in unit ${units}.</note>` : '';
      buf.push(
        `      <trans-unit id="u${units}">\n`,
        `        <source xml:lang="ar">${source}${inline}</source>\n`,
        `        <target xml:lang="en" state="translated">Segment ${units}: the spokeswoman said so.${inline}</target>${note}\n`,
        '      </trans-unit>\n',
      );
    }
    flush();
  }
  buf.push('    </body>\n  </file>\n</xliff>\n');
  flush();
  closeSync(fd);
  return units;
}

export function benchXliffImport(mb: number, log: (s: string) => void): XliffImportBench {
  const dir = mkdtempSync(join(tmpdir(), 'qalam-bench-xliff-'));
  try {
    const file = join(dir, 'big.xlf');
    log(`writing a ${mb} MB XLIFF`);
    const units = writeBigXliff(file, mb);
    log(`importing it with qalam import (${units} units)`);
    const r = spawnSync(
      '/usr/bin/time',
      ['-v', process.execPath, join(ROOT, 'bin/qalam.cjs'), 'import', file, '--db', join(dir, 'qalam.db'), '--json'],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const timeReport = r.stderr ?? '';
    const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(timeReport)?.[1] ?? NaN);
    const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(timeReport);
    const wallSeconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
    const exitCode = Number(/Exit status: (\d+)/.exec(timeReport)?.[1] ?? r.status);
    return {
      fileMb: round(statSync(file).size / 1048576),
      units,
      exitCode,
      peakRssMb: round(rssKb / 1024),
      wallSeconds: round(wallSeconds),
      stderr: exitCode === 0 ? '' : timeReport.split('\n\tCommand being timed')[0]!.trim().slice(0, 2000),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const mb = Number(process.argv[2] ?? 100);
  const result = benchXliffImport(mb, (s) => process.stderr.write(`  … ${s}\n`));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
