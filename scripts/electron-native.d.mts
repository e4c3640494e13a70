// Types for electron-native.mjs (plain JS so that `npm start` needs no TypeScript loader).
import type { SpawnSyncOptions } from 'node:child_process';

export declare const ELECTRON_HEADERS_URL: string;

export declare class NativeBuildError extends Error {
  constructor(message: string, attempts: string[], logFile: string);
  readonly attempts: string[];
  /** The tools' full output. */
  readonly logFile: string;
}

export interface RunResult {
  status: number | null;
  stderr?: string | Buffer | null;
  stdout?: string | Buffer | null;
  error?: Error;
}

export interface EnsureOptions {
  root: string;
  electronVersion: string;
  arch?: string;
  platform?: string;
  log?: (line: string) => void;
  run?: (cmd: string, args: string[], opts: SpawnSyncOptions) => RunResult;
}

export declare function ensureElectronSqlite(opts: EnsureOptions): string;
