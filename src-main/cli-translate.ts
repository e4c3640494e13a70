// `qalam translate` as nearly every pipeline calls it — a plain UTF-8 text, a TMX of plain units,
// no store, the 100% threshold — loaded on its own: scripts/build-cli.mjs bundles this file with
// what it uses into one CommonJS module (out/cli/translate.cjs), which bin/qalam.cjs requires
// before the whole CLI (so the call never starts Node's ES module loader). It reads the arguments
// only in the plain shape the command's own definition (cli.ts) reads the same way, and answers
// only when the byte path does (services/translate.ts translatePlainOnly); for anything else it
// answers null, writes nothing to stdout or stderr, and the whole CLI runs the command again from
// the start, with its checks, its errors and its messages. tests/unit/main/cli/translate-fast.test.ts holds both to the same output.
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { QalamError } from './shared/errors';
import type { TranslateRequest, TranslateResult } from './services/translate';
import { systemUserName } from './services/user-name';

/** The options of `qalam translate` (cli.ts defines them), as this reader takes them. */
export interface TranslateOptions {
  db?: string;
  json?: boolean;
  tm: string;
  out: string;
  tmxOut?: string;
  min: string;
}

/** The file's path and bytes, refused over 256 MB as an import is. */
export function readInput(file: string): { path: string; bytes: Uint8Array } {
  const path = resolve(file);
  const stats = statSync(path);
  // Reading a folder fails with EISDIR but without its path: said here with it.
  if (stats.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR', path });
  if (stats.size > 256 * 1024 * 1024) throw new QalamError('import_too_large', { limitMb: 256 });
  // A Buffer is a Uint8Array already: copying it would hold the file twice.
  return { path, bytes: readFileSync(path) };
}

/** `--min`: a whole score from 50 to 101. */
export function parseScore(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 50 || n > 101) throw new QalamError('bad_input', { field: '--min' });
  return n;
}

/**
 * The translate command's request, built in a function of its own: the files' bytes are then held
 * by the request alone, which the store-less run empties as it reads each (TranslateRequest), so a
 * large memory is not held to the end. (Built inside the async action, the values would stay in
 * its suspended frame while it awaits the translation.)
 */
export function translateRequest(source: string, opts: TranslateOptions): TranslateRequest {
  const input = readInput(source);
  const memory = readInput(opts.tm);
  return {
    fileName: basename(input.path),
    bytes: input.bytes,
    tmFileName: basename(memory.path),
    tmBytes: memory.bytes,
    out: resolve(opts.out),
    tmxOut: opts.tmxOut ? resolve(opts.tmxOut) : undefined,
    minScore: parseScore(opts.min),
    withoutStore: !opts.db,
  };
}

/** What the command prints when it is done: the result as JSON with --json, else one line. */
export function translateOutput(r: TranslateResult, json: boolean | undefined): string {
  return json
    ? `${JSON.stringify(r, null, 2)}\n`
    : `Wrote ${r.out}: ${r.translated} of ${r.segments} segments translated from ${r.units} memory units.\n`;
}

/** The options that take a value, by name, and the flag; nothing else is read here. */
const VALUE_OPTIONS: Readonly<Record<string, keyof TranslateOptions>> = {
  '--tm': 'tm',
  '--out': 'out',
  '--tmx-out': 'tmxOut',
  '--min': 'min',
};

/**
 * `translate <source> --tm <file> --out <file> [--tmx-out <file>] [--min 100] [--json]`, each option
 * once, as `--name value` or `--name=value`, in any order: the source and the options as the
 * command's definition reads them. Null for anything else (help, --db, another score, an option
 * twice or unknown, a value or a source that starts with '-', `--`, a second argument), which the
 * whole CLI reads.
 */
export function plainTranslateArgs(argv: readonly string[]): { source: string; opts: TranslateOptions } | null {
  if (argv[0] !== 'translate') return null;
  let source: string | undefined;
  const opts: Partial<TranslateOptions> = {};
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      if (source !== undefined || arg === '') return null;
      source = arg;
      continue;
    }
    if (arg === '--json') {
      if (opts.json) return null;
      opts.json = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const field = Object.hasOwn(VALUE_OPTIONS, name) ? VALUE_OPTIONS[name]! : undefined;
    if (field === undefined || opts[field] !== undefined) return null;
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '' || value.startsWith('-')) return null;
    (opts as Record<string, string>)[field] = value;
  }
  if (source === undefined || opts.tm === undefined || opts.out === undefined) return null;
  if (opts.min !== undefined && opts.min !== '100') return null;
  return { source, opts: { ...opts, tm: opts.tm, out: opts.out, min: '100' } };
}

/**
 * The command in its common case: the exit code once it has written the files and said so, or null
 * (nothing said) when the whole CLI is to run it: the arguments are not in the plain shape, the
 * files are not plain (or the run would need the store), or anything went wrong, which the whole
 * CLI then meets again and reports as it always does.
 */
export async function runPlainTranslate(argv: readonly string[]): Promise<number | null> {
  const args = plainTranslateArgs(argv);
  if (args === null) return null;
  try {
    const { translatePlainOnly } = await import('./services/translate');
    const r = await translatePlainOnly(translateRequest(args.source, args.opts), {
      name: systemUserName() ?? '',
      now: () => new Date().toISOString(),
    });
    if (r === null) return null;
    process.stdout.write(translateOutput(r, args.opts.json));
    return 0;
  } catch {
    return null;
  }
}
