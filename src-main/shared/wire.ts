// Strings both ends of a transport must spell alike. Imports nothing, so the sandboxed preload can
// bundle it.

/** Main → renderer over IPC: every event is sent as `(name, payload)` on this one channel. */
export const IPC_EVENT_CHANNEL = 'qalam:event';

/** The loopback HTTP bridge: `POST {HTTP_INVOKE_PATH}<channel>` answers one contract call. */
export const HTTP_INVOKE_PATH = '/api/invoke/';

/** The loopback HTTP bridge's Server-Sent Events stream (the same events IPC sends). */
export const HTTP_EVENTS_PATH = '/api/events';

/** Non-browser clients of the bridge (the CLI's tests, the bench) send the run's token in this header. */
export const TOKEN_HEADER = 'x-qalam-token';
