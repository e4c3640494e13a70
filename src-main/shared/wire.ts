// Strings both ends of a transport must spell alike. Imports nothing, so the sandboxed preload can
// bundle it.

/** Main → renderer over IPC: every event is sent as `(name, payload)` on this one channel. */
export const IPC_EVENT_CHANNEL = 'qalam:event';
