import type { EventName, Events } from '../shared/contract';

type Listener<E extends EventName> = (payload: Events[E]) => void;

/** Main → renderer notifications; each transport subscribes and forwards. */
export class EventBus {
  private listeners = new Map<EventName, Set<Listener<never>>>();
  // Kept apart from the per-event sets so the bus needs no list of event names: the CLI starts
  // without loading the contract (and zod) at all.
  private anyListeners = new Set<<E extends EventName>(event: E, payload: Events[E]) => void>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  /** Listens to every event: transports forward them all. */
  onAny(listener: <E extends EventName>(event: E, payload: Events[E]) => void): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as Listener<E>)(payload);
    for (const l of this.anyListeners) l(event, payload);
  }

  /**
   * A cancel checkpoint without an event: nothing here; the job worker's bus throws 'cancelled'
   * when the running job was cancelled (a job calls it inside its last write transaction, so a
   * Cancel that arrives after the last progress event still rolls the job back until its commit).
   */
  checkpoint(): void {}
}
