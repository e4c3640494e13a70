import type { ParsedInput } from '../shared/contract';
import type { Settings } from '../shared/domain';
import { readSettings, writeSettings } from '../store/repos/settings';
import type { ServiceContext } from './context';

/** The stored settings and whether a machine-translation key is stored: never the key itself. */
export function getSettings(ctx: ServiceContext): Settings {
  return { ...readSettings(ctx.db), mtHasKey: ctx.mtKey.has() };
}

export function updateSettings(ctx: ServiceContext, patch: ParsedInput<'settings:update'>): Settings {
  const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Settings>;
  writeSettings(ctx.db, clean);
  return getSettings(ctx);
}
