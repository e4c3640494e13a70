// beginFileAtomic: writeFileAtomicStream in steps (open and write, end = fsync started, commit =
// rename once synced), with the same checks, errors and leftovers (none).
import { closeSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { beginFileAtomic, openTemp, writeFileAtomicStream } from '../../../src-main/fs-atomic';
import { QalamError } from '../../../src-main/shared/errors';

const root = mkdtempSync(join(tmpdir(), 'qalam-fs-atomic-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => {
  const dir = join(root, String(++n));
  mkdirSync(dir);
  return dir;
};
const bytes = (s: string) => new TextEncoder().encode(s);

/** The error a call throws, as code and params. */
function thrown(f: () => unknown): { code: string; params: unknown } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(QalamError);
    return { code: (e as QalamError).code, params: (e as QalamError).params };
  }
  throw new Error('nothing thrown');
}

describe('beginFileAtomic', () => {
  it('puts the file in place only at commit, with every piece, and leaves nothing else', async () => {
    const dir = freshDir();
    const path = join(dir, 'out.txt');
    writeFileSync(path, 'old');
    const w = beginFileAtomic(path, { overwrite: true });
    w.write(bytes('one '));
    w.write(bytes('two'));
    w.end();
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toHaveLength(2);
    await w.commit();
    expect(readFileSync(path, 'utf8')).toBe('one two');
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('lets a second file be written while the first one syncs, each renamed at its commit', async () => {
    const dir = freshDir();
    const first = beginFileAtomic(join(dir, 'a.tmx'), { overwrite: false });
    first.write(bytes('A'.repeat(100_000)));
    first.end();
    const second = beginFileAtomic(join(dir, 'b.txt'), { overwrite: false });
    second.write(bytes('B'));
    await second.commit();
    expect(readdirSync(dir)).toContain('b.txt');
    expect(readdirSync(dir)).not.toContain('a.tmx');
    await first.commit();
    expect(readdirSync(dir).sort()).toEqual(['a.tmx', 'b.txt']);
    expect(readFileSync(join(dir, 'a.tmx'), 'utf8')).toHaveLength(100_000);
  });

  it('refuses as writeFileAtomicStream refuses, naming the file asked for', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'there.txt'), 'x');
    mkdirSync(join(dir, 'folder'));
    for (const [path, overwrite] of [
      [join(dir, 'missing', 'out.txt'), true],
      [join(dir, 'folder'), true],
      [join(dir, 'there.txt'), false],
      [join(dir, 'there.txt', 'out.txt'), true],
    ] as const) {
      expect(thrown(() => beginFileAtomic(path, { overwrite }))).toEqual(
        thrown(() => writeFileAtomicStream(path, () => undefined, { overwrite })),
      );
    }
    expect(thrown(() => beginFileAtomic(join(dir, 'missing', 'out.txt'), { overwrite: true }))).toEqual({
      code: 'export_failed',
      params: { context: 'missing_folder', file: join(dir, 'missing', 'out.txt'), code: 'ENOENT' },
    });
    expect(readdirSync(dir).sort()).toEqual(['folder', 'there.txt']);
  });

  it('leaves no temporary file when given up, before or after end', async () => {
    const dir = freshDir();
    const early = beginFileAtomic(join(dir, 'early.txt'), { overwrite: true });
    early.write(bytes('x'));
    early.abort();
    expect(readdirSync(dir)).toEqual([]);
    const late = beginFileAtomic(join(dir, 'late.txt'), { overwrite: true });
    late.write(bytes('y'));
    late.end();
    late.abort();
    // The removal waits for the fsync under way.
    for (let i = 0; i < 100 && readdirSync(dir).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(readdirSync(dir)).toEqual([]);
    expect(() => late.write(bytes('z'))).toThrow();
  });
});

describe('openTemp', () => {
  it('creates the temporary file beside the target, exclusively, and takes another name when one is taken', () => {
    const dir = freshDir();
    const path = join(dir, 'out.txt');
    const random = vi.spyOn(Math, 'random').mockReturnValueOnce(0.25).mockReturnValueOnce(0.25).mockReturnValueOnce(0.5);
    try {
      const first = openTemp(path, 0o600);
      closeSync(first.fd);
      expect(basename(first.tmp)).toMatch(/^\.out\.txt\.[0-9a-f]{12}\.tmp$/);
      const second = openTemp(path, 0o600);
      closeSync(second.fd);
      expect(second.tmp).not.toBe(first.tmp);
      expect(readdirSync(dir).sort()).toEqual([basename(first.tmp), basename(second.tmp)].sort());
    } finally {
      random.mockRestore();
    }
  });

  it('never opens a file or a link already under the name, and gives up with EEXIST when every name it tries is taken', () => {
    const dir = freshDir();
    const path = join(dir, 'out.txt');
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep');
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.75);
    try {
      const planted = openTemp(path, 0o600);
      closeSync(planted.fd);
      rmSync(planted.tmp);
      symlinkSync(victim, planted.tmp);
      expect(() => openTemp(path, 0o600)).toThrow(expect.objectContaining({ code: 'EEXIST' }));
      expect(random).toHaveBeenCalledTimes(1 + 16);
      expect(readFileSync(victim, 'utf8')).toBe('keep');
    } finally {
      random.mockRestore();
    }
  });
});
