import { EVENT_NAMES, type EventName, type Events } from '../shared/contract';

type Listener<E extends EventName> = (payload: Events[E]) => void;

/** Main → renderer notifications; each transport subscribes and forwards. */
export class EventBus {
  private listeners = new Map<EventName, Set<Listener<never>>>();

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
    const offs = EVENT_NAMES.map(<E extends EventName>(e: E) => this.on(e, (p: Events[E]) => listener(e, p)));
    return () => offs.forEach((off) => off());
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as Listener<E>)(payload);
  }
}
