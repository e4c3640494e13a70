// The one door into the services: validate against the contract, run the handler, return a Result.
import { contract, type Channel, type Output } from '../shared/contract';
import { fail, ok, toAppError, type Result } from '../shared/errors';
import type { ServiceContext } from '../services/context';
import { handlers as defaultHandlers, type Handlers } from '../services/handlers';

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export function createDispatch(
  ctx: ServiceContext,
  handlers: Handlers = defaultHandlers,
  log: (e: unknown) => void = logInternal,
): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) return fail('bad_input', { field: 'channel' });
    // Async: a large file's base64 is checked in slices between other requests (contract.ts isBase64).
    const parsed = await contract[channel].input.safeParseAsync(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('bad_input', { field: issue?.path.join('.') || '(input)' });
    }
    try {
      const handler = handlers[channel] as (c: ServiceContext, i: unknown) => Output<Channel> | Promise<Output<Channel>>;
      return ok(await handler(ctx, parsed.data));
    } catch (e) {
      const err = toAppError(e);
      if (err.code === 'internal') log(e);
      return { ok: false, error: err };
    }
  };
}

function logInternal(e: unknown): void {
  console.error('[qalam] internal error:', e);
}
