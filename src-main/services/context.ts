import { userInfo } from 'node:os';
import type { Role, Settings } from '../shared/domain';
import type { Db } from '../store/connection';
import { readSettings } from '../store/repos/settings';
import { EventBus } from './events';

/** What the desktop shell can do that a browser cannot; the web preview leaves these out. */
export interface Host {
  pickImportFile?(): Promise<{ fileName: string; bytes: Uint8Array } | null>;
  /** Shows a save dialog and writes atomically; null when the user cancels. */
  saveFile?(suggestedName: string, bytes: Uint8Array): Promise<string | null>;
  openExternal?(url: string): Promise<boolean>;
}

export interface ServiceContext {
  db: Db;
  dataDir: string;
  events: EventBus;
  host: Host;
  transport: 'ipc' | 'http' | 'cli';
  now(): string;
}

export interface Actor {
  name: string;
  role: Role;
}

export function createContext(opts: {
  db: Db;
  dataDir: string;
  host?: Host;
  transport: ServiceContext['transport'];
  now?: () => string;
}): ServiceContext {
  return {
    db: opts.db,
    dataDir: opts.dataDir,
    events: new EventBus(),
    host: opts.host ?? {},
    transport: opts.transport,
    now: opts.now ?? (() => new Date().toISOString()),
  };
}

/**
 * Who is acting: the name and role from settings, else the operating system's user name. Every
 * revision and comment records them, and exports write the name into XLIFF notes and TMX
 * creationid: an account that names no person ("root") is never written; the name stays empty.
 */
export function actor(ctx: ServiceContext, settings: Settings = readSettings(ctx.db)): Actor {
  return { name: settings.userName.trim() || systemUserName() || '', role: settings.role };
}

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
