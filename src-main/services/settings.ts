import type { ParsedInput } from '../shared/contract';
import type { Settings } from '../shared/domain';
import { readSettings, writeSettings } from '../store/repos/settings';
import type { ServiceContext } from './context';

export function getSettings(ctx: ServiceContext): Settings {
  return readSettings(ctx.db);
}

export function updateSettings(ctx: ServiceContext, patch: ParsedInput<'settings:update'>): Settings {
  const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Settings>;
  writeSettings(ctx.db, clean);
  return readSettings(ctx.db);
}
