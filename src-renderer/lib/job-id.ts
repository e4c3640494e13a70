/** A fresh name for a long job (docs/ARCHITECTURE.md, "Long jobs"): the caller follows and cancels it by this name. */
export function newJobId(kind: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${kind}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
