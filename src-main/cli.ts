// `qalam …`: headless commands over the same services as the app.
// Exit codes: 0 ok, 1 the command failed (one line on stderr), 2 usage error.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import {
  ENCODINGS,
  EXPORT_FORMATS,
  STATUSES,
  type DocumentSummary,
  type Encoding,
  type ExportFormat,
  type Stats,
  type TmBand,
  TM_BANDS,
} from './shared/domain';
import type { EventName, TmAnalysis } from './shared/contract';
import { progressOf } from './jobs/types';
import { QalamError, toAppError } from './shared/errors';
import { appVersion } from './app-version';
import { DB_FILE, defaultDataDir } from './paths';
import type { OpenedContext } from './services/context';
import { systemUserName } from './services/user-name';
import type { QaReport } from './shared/qa';
import { parseScore, readInput, translateOutput, translateRequest } from './cli-translate';

// Each command loads the services it uses when it runs (`await import`), and the translated
// messages only when there is something to say: start-up pays for commander and the store alone.
const services = {
  documents: () => import('./services/documents'),
  /** The documents' table alone: `qalam list` needs no import pipeline (services/documents loads it). */
  documentRows: () => import('./store/repos/documents'),
  io: () => import('./services/io'),
  tm: () => import('./services/tm'),
  tmWrites: () => import('./services/tm-writes'),
  translate: () => import('./services/translate'),
  parse: () => import('./services/parse'),
  stats: () => import('./services/stats'),
  qa: () => import('./services/qa'),
  glossary: () => import('./services/glossary'),
  mt: () => import('./services/mt'),
  messages: () => import('./cli-messages'),
};

type Runtime = OpenedContext;

interface Common {
  db?: string;
  json?: boolean;
}

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
/** `qalam qa` found errors: pipelines gate on it. */
const EXIT_QA_ERRORS = 3;

/** Set by a command whose outcome is not a failure but still has its own exit code. */
let commandExitCode = 0;

/** The store, loaded on first use: `qalam translate` without --db needs neither it nor SQLite. */
async function open(opts: Common): Promise<Runtime> {
  const { openContext } = await import('./services/context');
  const dbPath = resolve(opts.db ?? `${defaultDataDir()}/${DB_FILE}`);
  const nativeBinding = sqliteBinding();
  return withProgress(
    openContext({
      dataDir: dirname(dbPath),
      dbPath,
      transport: 'cli',
      ownDataDir: opts.db === undefined,
      ...(nativeBinding ? { nativeBinding } : {}),
    }),
  );
}

/**
 * better-sqlite3's own Node build (build/Release in its package), named so that opening the store
 * does not search for it: without a path better-sqlite3 asks the `bindings` package, which reads
 * a stack trace and tries a dozen folders, about 10 ms of every command's start-up. Built
 * elsewhere, it is found as better-sqlite3 would find it (`bindings`, from the package's folder:
 * the built CLI bundles better-sqlite3's JavaScript, whose own search would start from the bundle).
 */
export function sqliteBinding(packageDir?: string): string | undefined {
  try {
    const dir = packageDir ?? dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
    const file = join(dir, 'build', 'Release', 'better_sqlite3.node');
    if (existsSync(file)) return file;
    const bindings = createRequire(join(dir, 'package.json'))('bindings') as (opts: {
      bindings: string;
      module_root: string;
      path: true;
    }) => string;
    return bindings({ bindings: 'better_sqlite3.node', module_root: dir, path: true });
  } catch {
    return undefined;
  }
}

const PROGRESS_LABEL: Partial<Record<EventName, string>> = {
  'import:progress': 'Importing',
  'export:progress': 'Exporting',
  'tm:progress': 'Matching',
  'qa:progress': 'Checking',
};

/** The progress the app shows for a long job (the same events), as a bar on a terminal's stderr. */
function withProgress(rt: Runtime): Runtime {
  const bars = new Map<EventName, (done: number, total: number) => void>();
  rt.ctx.events.onAny((event, payload) => {
    const p = progressOf(event, payload);
    if (!p) return;
    let bar = bars.get(event);
    if (!bar) bars.set(event, (bar = progressBar(PROGRESS_LABEL[event] ?? event)));
    bar(p.done, p.total);
  });
  return rt;
}

function out(opts: Common, json: unknown, text: string): void {
  process.stdout.write(opts.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
}

/** A progress bar on stderr, only for a terminal and only when there is enough to wait for. */
function progressBar(label: string): (done: number, total: number) => void {
  if (!process.stderr.isTTY) return () => {};
  return (done, total) => {
    if (total < 5000) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (done === total) process.stderr.write('\n');
  };
}

function docLine(d: DocumentSummary): string {
  const s = d.stats;
  const pct = s.total.words > 0 ? Math.round((s.byStatus.approved.words / s.total.words) * 100) : 0;
  return `${String(d.id).padStart(4)}  ${d.name}  (${s.total.segments} segments, ${s.total.words} words, ${pct}% approved${s.finished ? ', finished' : ''})`;
}

function statsTable(s: Stats): string {
  const rows = STATUSES.map(
    (st) => `  ${st.padEnd(11)} ${String(s.byStatus[st].segments).padStart(8)} ${String(s.byStatus[st].words).padStart(10)}`,
  );
  return [
    `  ${'status'.padEnd(11)} ${'segments'.padStart(8)} ${'words'.padStart(10)}`,
    ...rows,
    `  ${'excluded'.padEnd(11)} ${String(s.excluded.segments).padStart(8)} ${String(s.excluded.words).padStart(10)}`,
    `  ${'total'.padEnd(11)} ${String(s.total.segments).padStart(8)} ${String(s.total.words).padStart(10)}`,
  ].join('\n');
}

const BAND_LABEL: Record<TmBand, string> = {
  context: 'context 101%',
  exact: '100%',
  repetition: 'repetitions',
  fuzzy95: '95–99%',
  fuzzy85: '85–94%',
  fuzzy75: '75–84%',
  fuzzy50: '50–74%',
  none: 'no match',
};

function analysisTable(a: TmAnalysis): string {
  const row = (label: string, c: { segments: number; words: number }) =>
    `  ${label.padEnd(13)} ${String(c.segments).padStart(8)} ${String(c.words).padStart(10)}`;
  return [
    `  ${'match'.padEnd(13)} ${'segments'.padStart(8)} ${'words'.padStart(10)}`,
    ...TM_BANDS.map((b) => row(BAND_LABEL[b], a.bands[b])),
    row('total', a.total),
    `  (against ${a.memoryUnits} memory units)`,
  ].join('\n');
}

function parseId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new QalamError('bad_input', { field: 'DOC' });
  return n;
}

/** The top-level commands, each defined by buildProgram only when asked for (or when none is named). */
export const COMMANDS = [
  'import',
  'list',
  'stats',
  'export',
  'tm',
  'glossary',
  'analyze',
  'pretranslate',
  'mt',
  'translate',
  'qa',
] as const;

/**
 * The program, with every command or only `only`: a call that names its command does not pay for
 * defining the others (commander builds each option and argument object up front).
 */
export function buildProgram(only?: (typeof COMMANDS)[number]): Command {
  const want = (name: (typeof COMMANDS)[number]) => only === undefined || only === name;
  const program = new Command('qalam')
    .description('Qalam: review Arabic→English translations paragraph by paragraph')
    .version(appVersion(), '-V, --version', 'the version of Qalam')
    .showHelpAfterError()
    .exitOverride();
  const common = (cmd: Command) =>
    cmd
      .option('--db <path>', `database file (default: ${defaultDataDir()}/${DB_FILE})`)
      .option('--json', 'machine-readable output');

  if (want('import')) {
    common(
      program
        .command('import')
        .description('import a document (plain text, DOCX, XLIFF 1.2/2.0, CSV) or a TMX file into translation memory')
        .argument('<file>')
        .addOption(new Option('--encoding <encoding>', 'text encoding, instead of detecting it').choices(ENCODINGS))
        .option('--name <name>', 'document name (default: the file name)')
        .option('--allow-duplicate', 'import even if the same file was imported before'),
    ).action(async (file: string, opts: Common & { encoding?: Encoding; name?: string; allowDuplicate?: boolean }) => {
      const { path, bytes } = readInput(file);
      const rt = await open(opts);
      try {
        if ((await (await services.parse()).detectImportFormat(basename(path), bytes)) === 'tmx') {
          const r = await (await services.tm()).importTmx(rt.ctx, basename(path), bytes);
          out(opts, r, `Stored ${r.stored} translation units in translation memory (${r.known} already there).`);
          return;
        }
        const doc = await (
          await services.documents()
        ).importDocument(rt.ctx, {
          fileName: basename(path),
          bytes,
          ...(opts.encoding ? { encoding: opts.encoding } : {}),
          ...(opts.name ? { name: opts.name } : {}),
          allowDuplicate: opts.allowDuplicate ?? false,
        });
        out(
          opts,
          doc,
          `Imported #${doc.id} ${doc.name}: ${doc.stats.total.segments} paragraphs, ${doc.stats.total.words} words (${doc.format}${doc.encoding ? `, ${doc.encoding}` : ''}).`,
        );
      } finally {
        rt.close();
      }
    });
  }

  if (want('list')) {
    common(program.command('list').description('list imported documents')).action(async (opts: Common) => {
      const { listDocuments } = await services.documentRows();
      const rt = await open(opts);
      try {
        const docs = listDocuments(rt.ctx.db);
        out(opts, docs, docs.length === 0 ? 'No documents.' : docs.map(docLine).join('\n'));
      } finally {
        rt.close();
      }
    });
  }

  if (want('stats')) {
    common(program.command('stats').description('segments and words per status').argument('<doc>', 'document id')).action(
      async (doc: string, opts: Common) => {
        const { getStats } = await services.stats();
        const rt = await open(opts);
        try {
          const s = getStats(rt.ctx, parseId(doc));
          out(opts, s, `${statsTable(s)}${s.finished ? '\n  finished: every segment approved' : ''}`);
        } finally {
          rt.close();
        }
      },
    );
  }

  if (want('export')) {
    common(
      program
        .command('export')
        .description('export a document')
        .argument('<doc>', 'document id')
        .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).makeOptionMandatory())
        .requiredOption('--out <file>', 'output file (never overwritten unless --force)')
        .option('--approved-only', 'only approved translations')
        .option('--csv-raw', 'CSV: write cells starting with = + - @ tab or CR as they are (no apostrophe guard)')
        .option('--qa-column', "docx-bilingual: add a column with each pair's QA issues")
        .option('--force', 'replace an existing file'),
    ).action(
      async (
        doc: string,
        opts: Common & {
          format: ExportFormat;
          out: string;
          approvedOnly?: boolean;
          csvRaw?: boolean;
          qaColumn?: boolean;
          force?: boolean;
        },
      ) => {
        const { exportToFile } = await services.io();
        const rt = await open(opts);
        try {
          const target = resolve(opts.out);
          const r = await exportToFile(
            rt.ctx,
            {
              documentId: parseId(doc),
              format: opts.format,
              approvedOnly: opts.approvedOnly ?? false,
              csvRaw: opts.csvRaw ?? false,
              qaColumn: opts.qaColumn ?? false,
            },
            target,
            opts.force ?? false,
          );
          out(opts, { file: target, bytes: r.bytes }, `Wrote ${target} (${r.bytes} bytes).`);
        } finally {
          rt.close();
        }
      },
    );
  }

  if (want('tm')) {
    // translation memory
    const tmCmd = program.command('tm').description('translation memory: import, export, statistics');
    common(tmCmd.command('import').description('add the units of a TMX file to translation memory').argument('<file>')).action(
      async (file: string, opts: Common) => {
        const { path, bytes } = readInput(file);
        const tm = await services.tm();
        const rt = await open(opts);
        try {
          const r = await tm.importTmx(rt.ctx, basename(path), bytes);
          out(opts, r, `Stored ${r.stored} translation units in translation memory (${r.known} already there).`);
        } finally {
          rt.close();
        }
      },
    );
    common(
      tmCmd
        .command('export')
        .description('write the whole translation memory as TMX 1.4b')
        .requiredOption('--out <file>', 'output file (never overwritten unless --force)')
        .option('--force', 'replace an existing file'),
    ).action(async (opts: Common & { out: string; force?: boolean }) => {
      const tm = await services.tm();
      const rt = await open(opts);
      try {
        const target = resolve(opts.out);
        const r = await tm.exportMemoryToFile(rt.ctx, target, opts.force ?? false);
        out(opts, { file: target, ...r }, `Wrote ${target}: ${r.units} units (${r.bytes} bytes).`);
      } finally {
        rt.close();
      }
    });
    common(tmCmd.command('stats').description('units in translation memory, by status and origin')).action(
      async (opts: Common) => {
        const tm = await services.tm();
        const rt = await open(opts);
        try {
          const s = tm.getMemoryStats(rt.ctx);
          out(
            opts,
            s,
            [
              `${s.units} units: ${s.byStatus.approved} approved, ${s.byStatus.translated} translated, ${s.byStatus.imported} imported`,
              ...s.origins.map(
                (o) =>
                  `  ${String(o.units).padStart(8)}  ${o.kind === 'tmx' ? 'file' : 'document'} ${o.name}${o.kind === 'document' && !o.documentExists ? ' (deleted)' : ''}`,
              ),
            ].join('\n'),
          );
        } finally {
          rt.close();
        }
      },
    );
  }

  if (want('glossary')) {
    // glossary
    const glossaryCmd = program
      .command('glossary')
      .description("a document's glossary (its own or the shared one): list, import, export");
    common(
      glossaryCmd
        .command('list')
        .description('the terms of the glossary the document uses')
        .argument('<doc>', 'document id')
        .option('--query <text>', 'only terms whose Arabic (folded), English or note contains this'),
    ).action(async (doc: string, opts: Common & { query?: string }) => {
      const glossary = await services.glossary();
      const rt = await open(opts);
      try {
        const list = glossary.listTerms(rt.ctx, parseId(doc), opts.query ?? '', 20_000);
        out(
          opts,
          list,
          [
            `${list.total} terms in the ${list.scope === 'shared' ? 'shared glossary' : "document's own glossary"}${opts.query ? `, ${list.terms.length} matching` : ''}`,
            ...list.terms.map(
              (t) => `  ${t.source}\t${t.target}${t.forbidden ? '\t(forbidden)' : ''}${t.note ? `\t${t.note}` : ''}`,
            ),
          ].join('\n'),
        );
      } finally {
        rt.close();
      }
    });
    common(
      glossaryCmd
        .command('import')
        .description('add the terms of a CSV, TSV or TBX file to the glossary the document uses')
        .argument('<doc>', 'document id')
        .argument('<file>'),
    ).action(async (doc: string, file: string, opts: Common) => {
      const { path, bytes } = readInput(file);
      const glossary = await services.glossary();
      const rt = await open(opts);
      try {
        const r = await glossary.importGlossary(rt.ctx, parseId(doc), basename(path), bytes);
        out(opts, r, `Added ${r.added} terms (${r.duplicates} already there, ${r.skipped} entries skipped).`);
      } finally {
        rt.close();
      }
    });
    common(
      glossaryCmd
        .command('export')
        .description('write the glossary the document uses as CSV, TSV or TBX (by the file extension unless --format)')
        .argument('<doc>', 'document id')
        .requiredOption('--out <file>', 'output file (never overwritten unless --force)')
        .addOption(new Option('--format <format>', 'file format').choices(['csv', 'tsv', 'tbx']))
        .option('--force', 'replace an existing file'),
    ).action(async (doc: string, opts: Common & { out: string; format?: 'csv' | 'tsv' | 'tbx'; force?: boolean }) => {
      const glossary = await services.glossary();
      const rt = await open(opts);
      try {
        const target = resolve(opts.out);
        const ext = /\.(csv|tsv|tbx)$/i.exec(target)?.[1]?.toLowerCase() as 'csv' | 'tsv' | 'tbx' | undefined;
        const r = await glossary.exportGlossaryToFile(
          rt.ctx,
          parseId(doc),
          opts.format ?? ext ?? 'tbx',
          target,
          opts.force ?? false,
        );
        out(opts, { file: target, ...r }, `Wrote ${target}: ${r.terms} terms (${r.bytes} bytes).`);
      } finally {
        rt.close();
      }
    });
  }

  if (want('analyze')) {
    common(
      program
        .command('analyze')
        .description('words and segments per translation-memory match band')
        .argument('<doc>', 'document id'),
    ).action(async (doc: string, opts: Common) => {
      const tm = await services.tm();
      const rt = await open(opts);
      try {
        const a = tm.analyze(rt.ctx, parseId(doc));
        out(opts, a, analysisTable(a));
      } finally {
        rt.close();
      }
    });
  }

  if (want('pretranslate')) {
    common(
      program
        .command('pretranslate')
        .description('fill empty translations from translation memory (one batch, undoable)')
        .argument('<doc>', 'document id')
        .option('--min <score>', 'lowest match score to fill, 50–101; below 100 fills as Draft', '100')
        .option('--dry-run', 'count only, change nothing'),
    ).action(async (doc: string, opts: Common & { min: string; dryRun?: boolean }) => {
      const { pretranslate } = await services.tmWrites();
      const rt = await open(opts);
      try {
        const r = pretranslate(rt.ctx, {
          documentId: parseId(doc),
          minScore: parseScore(opts.min),
          dryRun: opts.dryRun ?? false,
        });
        out(
          opts,
          r,
          `${opts.dryRun ? 'Would fill' : 'Filled'} ${r.filled} segments (${r.translated} as Translated, ${r.draft} as Draft); ${r.unmatched} without a match${r.batchId ? `; batch #${r.batchId}` : ''}.`,
        );
      } finally {
        rt.close();
      }
    });
  }

  if (want('mt')) {
    common(
      program
        .command('mt')
        .description(
          'machine-translate the empty segments through the provider set in Settings (key from QALAM_MT_KEY); one undoable batch',
        )
        .argument('<doc>', 'document id')
        .option('--dry-run', 'count the segments and characters that would be sent; send nothing')
        .option('--allow', "allow this document's text to be sent to the provider (recorded on the document, as in the app)"),
    ).action(async (doc: string, opts: Common & { dryRun?: boolean; allow?: boolean }) => {
      const mt = await services.mt();
      const rt = await open(opts);
      const documentId = parseId(doc);
      // Ctrl+C stops sending; what has arrived is still filled as the batch (as Cancel in the app).
      const stop = () => void mt.cancel(rt.ctx, documentId);
      process.once('SIGINT', stop);
      try {
        if (opts.allow) mt.setAllowed(rt.ctx, documentId, true);
        if (opts.dryRun) {
          const e = await mt.estimate(rt.ctx, documentId);
          out(
            opts,
            e,
            `${e.segments} empty segments (${e.chars} characters); would send ${e.sendSegments} segments, ${e.sendChars} characters.`,
          );
          return;
        }
        const r = await mt.pretranslate(rt.ctx, documentId);
        out(
          opts,
          r,
          `${r.cancelled ? 'Cancelled. ' : ''}Filled ${r.filled} segments as Draft; sent ${r.sentChars} characters in ${r.requests} requests, ${r.fromCache} from the cache${r.batchId ? `; batch #${r.batchId}` : ''}.`,
        );
      } finally {
        process.removeListener('SIGINT', stop);
        rt.close();
      }
    });
  }

  if (want('translate')) {
    common(
      program
        .command('translate')
        .description('import a document, apply a TMX memory and write the translated document (like OmegaT console-translate)')
        .argument('<source>', 'source document')
        .requiredOption('--tm <file>', 'TMX translation memory')
        .requiredOption('--out <file>', 'target document (replaced if it exists)')
        .option('--tmx-out <file>', 'also write the translations as TMX')
        .option('--min <score>', 'lowest match score to apply, 50–101', '100'),
    ).action(async (source: string, opts: Common & { tm: string; out: string; tmxOut?: string; min: string }) => {
      const req = translateRequest(source, opts);
      const { translateFile, translateWithoutStore } = await services.translate();
      const done = (r: Awaited<ReturnType<typeof translateFile>>) => {
        process.stdout.write(translateOutput(r, opts.json));
      };
      // Without --db the run leaves nothing behind: a pipeline step, not a library entry. A plain
      // text needs no store at all (what an empty store's settings would name: the system user).
      const lean = opts.db
        ? null
        : await translateWithoutStore(req, { name: systemUserName() ?? '', now: () => new Date().toISOString() });
      if (lean) return done(lean);
      // The in-memory store opens SQLite as open() does: found through `bindings` from the built
      // bundle's folder, better-sqlite3's addon is not found at all.
      const nativeBinding = sqliteBinding();
      const rt = opts.db
        ? await open(opts)
        : withProgress(
            (await import('./services/context')).openContext({
              dataDir: tmpdir(),
              dbPath: ':memory:',
              transport: 'cli',
              ...(nativeBinding ? { nativeBinding } : {}),
            }),
          );
      try {
        done(await translateFile(rt.ctx, req));
      } finally {
        rt.close();
      }
    });
  }

  if (want('qa')) {
    common(
      program
        .command('qa')
        .description(`quality checks of a document; exit code ${EXIT_QA_ERRORS} when errors stand, 0 otherwise`)
        .argument('<doc>', 'document id'),
    ).action(async (doc: string, opts: Common) => {
      const { documentQa } = await services.qa();
      const { message } = await services.messages();
      const rt = await open(opts);
      try {
        const report = documentQa(rt.ctx, parseId(doc));
        out(opts, report, qaText(report, message));
        if (report.errors > 0) commandExitCode = EXIT_QA_ERRORS;
      } finally {
        rt.close();
      }
    });
  }

  return program;
}

function qaText(r: QaReport, message: (key: string, params?: Record<string, string | number>) => string): string {
  const lines = [
    `${r.errors} ${message('qa.severity.error')} · ${r.warnings} ${message('qa.severity.warning')}${r.ignored ? ` · ${r.ignored} ignored` : ''}`,
    ...r.byCheck.map((c) => `  ${message(`qa.name.${c.check}`).padEnd(34)} ${String(c.issues).padStart(6)}  (${c.severity})`),
  ];
  for (const p of r.pairs) {
    for (const i of p.issues) {
      if (!i.ignored) lines.push(`#${p.position + 1}  ${i.severity.padEnd(7)}  ${message(`qa.check.${i.check}`, i.params)}`);
    }
  }
  return lines.join('\n');
}

/** Node's codes for a file that cannot be read, and their translated messages (errors.*). */
const READ_FAILURES: ReadonlyMap<string, string> = new Map([
  ['ENOENT', 'read_failed_missing'],
  ['EISDIR', 'read_failed_is_folder'],
  ['EACCES', 'read_failed_denied'],
]);

export async function run(argv: string[]): Promise<number> {
  commandExitCode = 0;
  try {
    const named = COMMANDS.find((c) => c === argv[0]);
    await buildProgram(named).parseAsync(argv, { from: 'user' });
    return commandExitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors; commander has already printed the usage problem.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help'
        ? 0
        : EXIT_USAGE;
    }
    // A file the command was given that cannot be read (writes come back as export_failed errors).
    const fsCode = (e as { code?: string }).code;
    const unreadable = fsCode === undefined ? undefined : READ_FAILURES.get(fsCode);
    if (unreadable !== undefined) {
      const { message } = await services.messages();
      process.stderr.write(`qalam: ${message(`errors.${unreadable}`, { file: (e as { path?: string }).path ?? '' })}\n`);
      return EXIT_FAILED;
    }
    const err = toAppError(e);
    if (err.code === 'internal') console.error(e);
    const hint =
      err.code === 'import_duplicate'
        ? ' (--allow-duplicate imports it again)'
        : err.code === 'file_exists'
          ? ' (--force replaces it)'
          : '';
    const { errorMessage } = await services.messages();
    process.stderr.write(`qalam: ${errorMessage(err)}${hint}\n`);
    return EXIT_FAILED;
  }
}

// Run as the program: through bin/qalam.cjs (npx qalam, or a link named qalam), or the sources.
const invokedDirectly = process.argv[1] !== undefined && /(?:cli\.ts|qalam(?:\.[cm]js)?)$/.test(process.argv[1]);
if (invokedDirectly) {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
