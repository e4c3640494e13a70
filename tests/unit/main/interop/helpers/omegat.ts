// OmegaT (Debian's 3.6) run headless in console mode on throw-away projects. Like the format tests'
// third-party tools it is required, not optional: a missing OmegaT fails with the package to install.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../formats/helpers/tools';

export const OMEGAT = {
  /** The Debian launcher; we start the jar ourselves to add -Djava.awt.headless=true (see runOmegat). */
  launcher: '/usr/bin/omegat',
  jar: '/usr/share/omegat/OmegaT.jar',
  java: '/usr/bin/java',
  pkg: 'omegat',
} as const;

/** Seconds one OmegaT start may take before it is killed (it takes 3–5 s on an idle machine). */
export const OMEGAT_TIMEOUT_MS = 60_000;

export function requireOmegat(): void {
  for (const path of [OMEGAT.launcher, OMEGAT.jar]) {
    if (!existsSync(path)) {
      throw new Error(`Required tool ${path} is missing: install the Debian package "${OMEGAT.pkg}" (CI installs it).`);
    }
  }
  if (!existsSync(OMEGAT.java)) {
    throw new Error(`${OMEGAT.java} is missing: install the Debian package "${OMEGAT.pkg}" (it pulls in a Java runtime).`);
  }
}

export interface ProjectOptions {
  sourceLang: string;
  targetLang: string;
}

/**
 * A fresh OmegaT project folder with the standard layout, whole-paragraph segments (no sentence
 * segmentation) and plain-text files read and written as UTF-8, one segment per line.
 */
export function createProject(prefix: string, opts: ProjectOptions): string {
  const dir = tempDir(`omegat-${prefix}`);
  for (const sub of ['source', 'target', 'tm/auto', 'omegat', 'glossary', 'dictionary'])
    mkdirSync(join(dir, sub), { recursive: true });
  // The elements of OmegaT 3.6's schemas/project_properties.xsd; __DEFAULT__ means the standard folders.
  writeFileSync(
    join(dir, 'omegat.project'),
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>${opts.sourceLang}</source_lang>
    <target_lang>${opts.targetLang}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneArabicTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`,
  );
  // Project-specific filter settings (other filters keep their defaults). The text filter's default is
  // one segment per block between empty lines, which makes the whole article one segment; Qalam's
  // paragraphs are lines.
  writeFileSync(
    join(dir, 'omegat/filters.xml'),
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<filters>
  <filter className="org.omegat.filters2.text.TextFilter" enabled="true">
    <files sourceFilenameMask="*.txt" targetFilenamePattern="\${filename}" sourceEncoding="UTF-8" targetEncoding="UTF-8"/>
    <option name="segmentOn" value="BREAKS"/>
  </filter>
</filters>
`,
  );
  return dir;
}

export interface OmegatRun {
  args: string[];
  status: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** stdout and stderr, interleaved as they came. */
  output: string;
  ms: number;
}

/**
 * Starts OmegaT on a project. Headless (`-Djava.awt.headless=true`, no DISPLAY): on an error OmegaT
 * 3.6 shows a Swing dialog, which on a desktop would wait for a click until the timeout. Its
 * configuration and Java's user.home go to a private temporary folder, so the user's own OmegaT
 * settings neither leak in nor get written. Never rejects: the caller asserts on the result.
 */
export function runOmegat(
  project: string,
  mode: string,
  extra: string[] = [],
  timeoutMs = OMEGAT_TIMEOUT_MS,
): Promise<OmegatRun> {
  const home = tempDir('omegat-home');
  const args = [
    '-Djava.awt.headless=true',
    `-Duser.home=${home}`,
    '-jar',
    OMEGAT.jar,
    project,
    `--mode=${mode}`,
    `--config-dir=${join(home, 'config')}`,
    '--disable-project-locking',
    '--no-team',
    ...extra,
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, LC_ALL: 'C.UTF-8' };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const started = Date.now();
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const child = spawn(OMEGAT.java, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const done = (status: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      clearTimeout(timer);
      rmSync(home, { recursive: true, force: true });
      if (error) output += `\n[spawn error] ${error.message}`;
      resolve({ args, status, signal, timedOut, output, ms: Date.now() - started });
    };
    child.on('error', (e) => done(null, null, e));
    child.on('close', (status, signal) => done(status, signal));
  });
}

/** A run's command line and the interesting part of its log, for failure messages. */
export function describeRun(run: OmegatRun): string {
  const log = run.output
    .split('\n')
    .filter((l) => !l.includes('PLUGIN_LOAD_OK'))
    .slice(-60)
    .join('\n');
  const how = run.timedOut
    ? `killed after ${run.ms} ms (timeout)`
    : `exit ${run.status}${run.signal ? ` signal ${run.signal}` : ''} after ${run.ms} ms`;
  return `java ${run.args.join(' ')}\n${how}\n--- OmegaT output (plugin lines left out) ---\n${log}`;
}

export interface ProjectStats {
  total: number;
  remaining: number;
  /** Segments per source file; OmegaT leaves out files it found nothing to translate in. */
  files: Record<string, { total: number; remaining: number }>;
}

/** Reads omegat/project_stats.txt, which console-translate writes (tab-separated, padded columns). */
export function readStats(project: string): ProjectStats {
  const path = join(project, 'omegat/project_stats.txt');
  if (!existsSync(path)) throw new Error(`OmegaT wrote no ${path}`);
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const cells = (l: string) => l.split('\t').map((c) => c.trim());
  const row = (label: string) => {
    const l = lines.find((x) => x.startsWith(label));
    if (!l) throw new Error(`no "${label}" row in ${path}`);
    return Number(cells(l)[1]);
  };
  const files: ProjectStats['files'] = {};
  const at = lines.findIndex((l) => l.startsWith('Individual File Statistics'));
  for (const l of at < 0 ? [] : lines.slice(at + 3)) {
    const c = cells(l);
    if (c.length < 3 || c[0] === '') continue;
    files[c[0]!] = { total: Number(c[1]), remaining: Number(c[2]) };
  }
  return { total: row('Total:'), remaining: row('Remaining:'), files };
}
