import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, type EventName, type Events } from '../../../../src-main/shared/contract';
import { EventBus } from '../../../../src-main/services/events';

describe('EventBus', () => {
  it('hands every event of the contract to onAny listeners, and stops when unsubscribed', () => {
    const bus = new EventBus();
    const seen: EventName[] = [];
    const off = bus.onAny((name) => seen.push(name));
    for (const name of EVENT_NAMES) bus.emit(name, {} as Events[typeof name]);
    expect(seen).toEqual(EVENT_NAMES);
    off();
    bus.emit('pairs:changed', { documentId: 1, pairIds: [] });
    expect(seen).toHaveLength(EVENT_NAMES.length);
  });
});
