// Short messages at the edge of the window: errors from the main process (translated) and
// confirmations. Errors stay until dismissed or until the next action succeeds (the trouble is
// over); information fades. The same message is never shown twice at once.
import type { AppError } from '../../src-main/shared/errors';
import { errorMessage } from '../lib/i18n.svelte';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export const INFO_MS = 4000;
const MAX_SHOWN = 5;

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
      setTimeout(() => this.dismiss(id), INFO_MS),
    );
  }

  error(error: AppError): void {
    const text = errorMessage(error);
    if (this.items.some((n) => n.kind === 'error' && n.text === text)) return;
    this.items.push({ id: this.next++, kind: 'error', text });
    if (this.items.length > MAX_SHOWN) this.dismiss(this.items[0]!.id);
  }

  /** An action went through: the errors of earlier ones no longer describe the present. */
  succeeded(): void {
    if (this.items.some((n) => n.kind === 'error')) this.items = this.items.filter((n) => n.kind !== 'error');
  }

  dismiss(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.items = this.items.filter((n) => n.id !== id);
  }
}

export const notices = new Notices();
