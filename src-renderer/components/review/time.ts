// Times in comments and history: "5 minutes ago", with the full date and time on hover.
import { i18n } from '../../lib/i18n.svelte';

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
