// The app keeps the machine-translation key encrypted by the operating system's key store
// (Keychain, DPAPI, libsecret/kwallet) through Electron's safeStorage, in a 0600 file of the data
// folder. Linux without a secret service only has Electron's fixed 'basic_text' key, which protects
// nothing: there the key is not stored (the user gets a clear message) rather than kept in the clear.
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { encryptedFileKeyStore, MT_KEY_FILE, type MtKeyStore } from '../services/mt-key';

export function safeStorageKeyStore(dataDir: string): MtKeyStore {
  return encryptedFileKeyStore(join(dataDir, MT_KEY_FILE), {
    isAvailable: async () =>
      (await safeStorage.isAsyncEncryptionAvailable()) &&
      (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    decrypt: async (encrypted) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(encrypted);
      return { plain: result, reEncrypt: shouldReEncrypt };
    },
  });
}
