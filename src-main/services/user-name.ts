// Who the operating system says is at the keyboard, when that names a person: without the store,
// so `qalam translate` without one (services/translate.ts) loads neither the store nor SQLite.
import { userInfo } from 'node:os';

/** Accounts that name a machine role, not a person. */
const SYSTEM_ACCOUNTS = new Set(['root', 'admin', 'administrator', 'user', 'nobody', 'system', 'guest', 'daemon', 'www-data']);

/** A login name fit to stand for a person, or null. */
export function personName(login: string | undefined | null): string | null {
  const name = (login ?? '').trim();
  if (name === '' || SYSTEM_ACCOUNTS.has(name.toLowerCase())) return null;
  return name;
}

let cachedName: string | null | undefined;
/** The operating system's user name when it names a person (see personName). */
export function systemUserName(): string | null {
  if (cachedName === undefined) {
    try {
      cachedName = personName(userInfo().username);
    } catch {
      cachedName = null;
    }
  }
  return cachedName;
}
