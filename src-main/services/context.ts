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

/** Who is acting: the name and role from settings. Every revision and comment records them. */
export function actor(ctx: ServiceContext, settings: Settings = readSettings(ctx.db)): Actor {
  return { name: settings.userName || fallbackName(), role: settings.role };
}

let cachedName: string | undefined;
function fallbackName(): string {
  if (cachedName === undefined) {
    try {
      cachedName = userInfo().username || 'user';
    } catch {
      cachedName = 'user';
    }
  }
  return cachedName;
}
