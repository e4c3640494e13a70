import { close, closeSync, existsSync, fsync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { QalamError } from './shared/errors';

/**
 * Opens a new temporary file beside `path` for writing: `.name.<12 hex digits>.tmp`, created
 * exclusively (O_EXCL: never an existing file, nor a link planted under that name), another name
 * tried when one is taken. The digits come from Math.random, not node:crypto (loading it was ~5 ms
 * of a command's start): exclusive creation is what keeps the file safe, and a name someone
 * guesses and takes first only costs another try.
 */
export function openTemp(path: string, mode: number): { tmp: string; fd: number } {
  for (let attempt = 1; ; attempt++) {
    const tmp = join(dirname(path), `.${basename(path)}.${tempSuffix()}.tmp`);
    try {
      return { tmp, fd: openSync(tmp, 'wx', mode) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt === TEMP_ATTEMPTS) throw e;
    }
  }
}
const TEMP_ATTEMPTS = 16;
const tempSuffix = () => (Math.floor(Math.random() * 2 ** 48) + 2 ** 48).toString(16).slice(1);

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
    const { tmp, fd } = openTemp(path, opts.mode ?? 0o666);
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

/** A file being written by beginFileAtomic. */
export interface AtomicFileWriter {
  /** Writes a piece, as writeFileAtomicStream's `write` does. */
  write(bytes: Uint8Array): void;
  /** No more pieces: the fsync starts on libuv's thread pool while the caller goes on. */
  end(): void;
  /**
   * end(), then, once the fsync is done, the rename into place. Rejects, leaving no temporary file,
   * when a write, the fsync or the rename failed.
   */
  commit(): Promise<void>;
  /** Gives up: the temporary file is removed. */
  abort(): void;
}

/**
 * writeFileAtomicStream in steps, for a caller that writes two files: the first file's fsync (the
 * slowest step of writing it) runs on libuv's thread pool while the second is produced and written.
 * Each file is still renamed into place only once every piece is written and synced. Opening
 * happens here, with writeFileAtomicStream's checks and errors; so do failed writes, named after
 * the file asked for.
 */
export function beginFileAtomic(path: string, opts: { overwrite: boolean; mode?: number }): AtomicFileWriter {
  let tmp: string;
  let fd: number;
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    if (!opts.overwrite && existsSync(path)) throw new QalamError('file_exists', { file: basename(path) });
    ({ tmp, fd } = openTemp(path, opts.mode ?? 0o666));
  } catch (e) {
    throw writeError(e, path);
  }
  let synced: Promise<void> | undefined;
  let done = false;
  const discard = () => {
    done = true;
    closeSync(fd);
    rmSync(tmp, { force: true });
  };
  const writer: AtomicFileWriter = {
    write(bytes) {
      if (synced || done) throw new Error('beginFileAtomic: a write after end or abort');
      try {
        let off = 0;
        while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      } catch (e) {
        discard();
        throw writeError(e, path);
      }
    },
    end() {
      if (done) throw new Error('beginFileAtomic: end after abort');
      synced ??= new Promise<void>((resolve, reject) => fsync(fd, (e) => (e ? reject(e) : resolve())));
      // Looked at by commit(); a file abandoned after end() is not an unhandled failure.
      synced.catch(() => undefined);
    },
    async commit() {
      writer.end();
      try {
        await synced;
      } catch (e) {
        discard();
        throw writeError(e, path);
      }
      done = true;
      try {
        await new Promise<void>((resolve, reject) => close(fd, (e) => (e ? reject(e) : resolve())));
        renameSync(tmp, path);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw writeError(e, path);
      }
    },
    abort() {
      if (done) return;
      // After end(), once the fsync is over: the descriptor is not closed under it.
      if (synced) void synced.then(discard, discard);
      else discard();
    },
  };
  return writer;
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
