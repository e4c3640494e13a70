// Short messages at the edge of the window: errors from the main process (translated) and
// confirmations. Errors stay until dismissed; information fades.
import type { AppError } from '../../src-main/shared/errors';
import { errorMessage } from '../lib/i18n.svelte';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

class Notices {
  items = $state<Notice[]>([]);
  private next = 1;

  private timers = new Map<number, ReturnType<typeof setTimeout>>();

  info(text: string): void {
    // The same message again restarts its clock instead of stacking a copy.
    const same = this.items.find((n) => n.kind === 'info' && n.text === text);
    const id = same?.id ?? this.next++;
    if (!same) this.items.push({ id, kind: 'info', text });
    clearTimeout(this.timers.get(id));
    this.timers.set(
      id,
      setTimeout(() => this.dismiss(id), 4000),
    );
  }

  error(error: AppError): void {
    this.items.push({ id: this.next++, kind: 'error', text: errorMessage(error) });
    if (this.items.length > 5) this.items.shift();
  }

  dismiss(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.items = this.items.filter((n) => n.id !== id);
  }
}

export const notices = new Notices();
