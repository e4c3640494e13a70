import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import type * as NodeCrypto from 'node:crypto';
import { createRequire } from 'node:module';
import { QalamError } from './shared/errors';

/**
 * node:crypto, loaded by the first write: importing this module (the store's context does, for the
 * machine-translation key) costs a command that writes nothing, such as `qalam list`, nothing.
 */
let nodeCrypto: typeof NodeCrypto | undefined;
function randomHex(bytes: number): string {
  nodeCrypto ??= createRequire(import.meta.url)('node:crypto') as typeof NodeCrypto;
  return nodeCrypto.randomBytes(bytes).toString('hex');
}

/**
 * Writes through a temporary file in the same folder and renames it into place, so a crash never
 * leaves a half-written export. Refuses to replace an existing file unless told to.
 */
export function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  opts: { overwrite: boolean; /** File mode (before umask); 0600 for what only the owner may read. */ mode?: number },
): void {
  writeFileAtomicStream(path, (write) => write(bytes), opts);
}

/**
 * The same, for content produced in pieces: `produce` calls `write` with each piece in order, and
 * the file appears under its name only once every piece is on disk. A throw from `produce` leaves
 * no file (and no temporary file) behind.
 */
export function writeFileAtomicStream(
  path: string,
  produce: (write: (bytes: Uint8Array) => void) => void,
  opts: { overwrite: boolean; mode?: number },
): void {
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    if (!opts.overwrite && existsSync(path)) throw new QalamError('file_exists', { file: basename(path) });
    const tmp = join(dirname(path), `.${basename(path)}.${randomHex(6)}.tmp`);
    const fd = openSync(tmp, 'wx', opts.mode ?? 0o666);
    try {
      produce((bytes) => {
        let off = 0;
        while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      });
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw e;
    }
    closeSync(fd);
    try {
      renameSync(tmp, path);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  } catch (e) {
    throw writeError(e, path);
  }
}

/** What a failed write means to the user, named after the file they asked for, never our temporary one. */
const WRITE_FAILURES: Record<string, string> = {
  ENOENT: 'missing_folder',
  ENOTDIR: 'not_folder',
  EISDIR: 'is_folder',
  EACCES: 'read_only',
  EPERM: 'read_only',
  EROFS: 'read_only',
  ENOSPC: 'disk_full',
  EDQUOT: 'disk_full',
  EFBIG: 'disk_full',
};

function writeError(e: unknown, path: string): Error {
  if (e instanceof QalamError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code ?? '';
  return new QalamError('export_failed', { context: WRITE_FAILURES[code] ?? 'io', file: path, code: code || 'unknown' });
}
