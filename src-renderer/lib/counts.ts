// How many segments a document has, said the same way everywhere: the segments to translate, then
// the excluded ones apart ("11 segments + 1 excluded"), so the toolbar, the status bar and the
// library never disagree about what a segment count means.
import type { Stats } from '../../src-main/shared/domain';
import { formatNumber, t } from './i18n.svelte';

/** Appends "+ N excluded" to a phrase when the document has excluded segments. */
export function plusExcluded(phrase: string, stats: Pick<Stats, 'excluded'>): string {
  const n = stats.excluded.segments;
  if (n === 0) return phrase;
  return t('counts.plusExcluded', { phrase, excluded: t('counts.excluded', { count: n, n: formatNumber(n) }) });
}

/** "11 segments + 1 excluded". */
export function segmentCount(stats: Pick<Stats, 'total' | 'excluded'>): string {
  const n = stats.total.segments;
  return plusExcluded(t('counts.segments', { count: n, n: formatNumber(n) }), stats);
}

/** "3 of 11 segments + 1 excluded": a filtered list against the whole document. */
export function resultCount(shown: number, stats: Pick<Stats, 'total' | 'excluded'>): string {
  const n = stats.total.segments;
  return plusExcluded(t('workspace.resultCount', { count: n, shown: formatNumber(shown), n: formatNumber(n) }), stats);
}
