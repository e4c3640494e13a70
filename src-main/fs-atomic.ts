import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync, existsSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { QalamError } from './shared/errors';

/**
 * Writes through a temporary file in the same folder and renames it into place, so a crash never
 * leaves a half-written export. Refuses to replace an existing file unless told to.
 */
export function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  opts: { overwrite: boolean; /** File mode (before umask); 0600 for what only the owner may read. */ mode?: number },
): void {
  if (!opts.overwrite && existsSync(path)) throw new QalamError('file_exists', { file: basename(path) });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', opts.mode ?? 0o666);
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
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
}
