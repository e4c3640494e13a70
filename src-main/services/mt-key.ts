// Where the machine-translation key lives. In the app: encrypted by the operating system's key
// store (Electron's safeStorage, wired in electron/mt-key.ts) in a file of the data folder that only
// the owner may read. In the CLI and the web preview: the QALAM_MT_KEY environment variable, read
// only. Nothing here ever logs the key or puts it in an error; the renderer only learns `has()`.
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../fs-atomic';
import { QalamError } from '../shared/errors';

export const MT_KEY_ENV = 'QALAM_MT_KEY';
export const MT_KEY_FILE = 'mt-key.bin';

export interface MtKeyStore {
  /** 'env': read from the environment, cannot be changed from the UI. */
  readonly kind: 'encrypted-file' | 'env';
  /** Whether a key is stored, without decrypting it (what settings:get reports). */
  has(): boolean;
  get(): Promise<string | null>;
  /** Stores a key, or removes it with null. */
  set(key: string | null): Promise<void>;
}

export function envKeyStore(env: NodeJS.ProcessEnv = process.env): MtKeyStore {
  const read = () => env[MT_KEY_ENV]?.trim() || null;
  return {
    kind: 'env',
    has: () => read() !== null,
    get: () => Promise.resolve(read()),
    set: () => Promise.reject(new QalamError('mt_key_store', { context: 'env' })),
  };
}

/** The operating system's encryption (the shape of Electron's asynchronous safeStorage API). */
export interface KeyCipher {
  isAvailable(): Promise<boolean>;
  encrypt(plain: string): Promise<Buffer>;
  /** `reEncrypt`: the OS rotated its key; the caller should store the value again. */
  decrypt(encrypted: Buffer): Promise<{ plain: string; reEncrypt: boolean }>;
}

export function encryptedFileKeyStore(path: string, cipher: KeyCipher): MtKeyStore {
  const write = async (key: string) => {
    writeFileAtomic(path, new Uint8Array(await cipher.encrypt(key)), { overwrite: true, mode: 0o600 });
    chmodSync(path, 0o600);
  };
  return {
    kind: 'encrypted-file',
    has: () => existsSync(path),
    async get() {
      if (!existsSync(path) || !(await cipher.isAvailable())) return null;
      try {
        const { plain, reEncrypt } = await cipher.decrypt(readFileSync(path));
        if (reEncrypt && plain) await write(plain);
        return plain || null;
      } catch {
        // Encrypted by another login or machine: as if there were none; storing a new one replaces it.
        return null;
      }
    },
    async set(key) {
      if (key === null) {
        rmSync(path, { force: true });
        return;
      }
      // Never fall back to plain text: without the OS key store the key is not kept at all.
      if (!(await cipher.isAvailable())) throw new QalamError('mt_key_store', { context: 'unavailable' });
      await write(key);
    },
  };
}
