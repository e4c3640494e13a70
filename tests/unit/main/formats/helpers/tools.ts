// Real third-party tools the format tests check our files against. They are required, not optional:
// a missing tool fails the test with the Debian package to install.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');

export const TOOLS = {
  xmllint: { path: '/usr/bin/xmllint', pkg: 'libxml2-utils' },
  python: { path: '/usr/bin/python3', pkg: 'python3 + translate-toolkit' },
  pofilter: { path: '/usr/bin/pofilter', pkg: 'translate-toolkit' },
  soffice: { path: '/usr/bin/soffice', pkg: 'libreoffice-writer-nogui (or libreoffice-writer)' },
  pdftoppm: { path: '/usr/bin/pdftoppm', pkg: 'poppler-utils' },
  aptGet: { path: '/usr/bin/apt-get', pkg: 'apt' },
} as const;

export function requireTool(name: keyof typeof TOOLS): string {
  const t = TOOLS[name];
  if (!existsSync(t.path)) {
    throw new Error(`Required tool ${t.path} is missing: install the Debian package "${t.pkg}" (CI installs it).`);
  }
  return t.path;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `qalam-${prefix}-`));
}

let schemas: { dir: string; catalog: string } | null = null;

/** Runs scripts/xliff-schemas.sh once per test process (it is idempotent and cached on disk). */
export function xliffSchemas(): { dir: string; catalog: string } {
  if (schemas) return schemas;
  requireTool('aptGet');
  const cache = join(ROOT, 'node_modules/.cache/xliff-schemas');
  const dir = execFileSync('sh', [join(ROOT, 'scripts/xliff-schemas.sh'), cache], { encoding: 'utf8' }).trim();
  schemas = { dir, catalog: join(cache, 'catalog.xml') };
  return schemas;
}

export interface ValidationResult {
  valid: boolean;
  output: string;
}

/** `xmllint --schema` against the OASIS schema, offline, with the catalog resolving xml.xsd. */
export function validateXliff(bytes: Uint8Array, version: '1.2' | '2.0'): ValidationResult {
  const xmllint = requireTool('xmllint');
  const { dir, catalog } = xliffSchemas();
  const xsd = join(dir, version === '1.2' ? 'xliff-core-1.2-strict.xsd' : 'xliff-core-2.0.xsd');
  const file = join(tempDir('xsd'), 'doc.xlf');
  writeFileSync(file, bytes);
  const r = spawnSync(xmllint, ['--nonet', '--noout', '--schema', xsd, file], {
    encoding: 'utf8',
    env: { ...process.env, XML_CATALOG_FILES: catalog },
  });
  return { valid: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Runs Debian's Python (not the first python3 on PATH) with a script; returns parsed JSON stdout. */
export function runPython<T>(script: string, args: string[]): T {
  const python = requireTool('python');
  const r = spawnSync(python, ['-c', script, ...args], { encoding: 'utf8', env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export function run(cmd: string, args: string[], opts: { timeoutMs?: number } = {}): { status: number | null; output: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: opts.timeoutMs ?? 120_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/**
 * LibreOffice headless conversion of several files in one process start (it is slow to start), with a
 * private profile so parallel conversions do not fight over the user installation.
 */
export function sofficeConvert(files: string[], to: string, outDir: string): Promise<void> {
  const soffice = requireTool('soffice');
  const profile = tempDir('lo-profile');
  const args = [
    `-env:UserInstallation=file://${profile}`,
    '--headless',
    '--norestore',
    '--convert-to',
    to,
    '--outdir',
    outDir,
    ...files,
  ];
  return new Promise((resolvePromise, reject) => {
    execFile(soffice, args, { encoding: 'utf8', timeout: 180_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`soffice failed: ${err.message}\n${stdout}${stderr}`));
      else resolvePromise();
    });
  });
}

export const REPO_ROOT = ROOT;
