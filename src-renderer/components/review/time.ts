// Times in comments and history: "5 minutes ago", with the full date and time on hover.
import { createSubscriber } from 'svelte/reactivity';
import { i18n } from '../../lib/i18n.svelte';

// One clock for every timestamp on screen, ticking only while one is shown: "now" becomes
// "1 minute ago" without a reload.
const subscribe = createSubscriber((update) => {
  const timer = setInterval(update, 30_000);
  return () => clearInterval(timer);
});

/** The current time; whatever renders it reads it again every 30 seconds. */
export function currentTime(): number {
  subscribe();
  return Date.now();
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** `iso` relative to `now` in the UI language ("3 hours ago", "قبل ٣ ساعات"). */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  const fmt = new Intl.RelativeTimeFormat(i18n.locale, { numeric: 'auto' });
  if (Math.abs(seconds) < 45) return fmt.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return fmt.format(Math.round(seconds / size), unit);
  }
  return fmt.format(seconds, 'second');
}
