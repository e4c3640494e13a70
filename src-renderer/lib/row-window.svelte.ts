// How many rows the workspace's virtual list knows of. virtua keeps a size and an offset per row
// and sums the offsets from the first row it has not measured to the end: on a 100k-pair document,
// two passes over 100k rows (making the list, then measuring the first rows) cost 25-30 ms of the
// first paint, in code not yet compiled. So the list starts with the first FIRST_PASS_ROWS, screens
// more than a first paint shows, and learns of them all once those rows are painted (the
// scrollbar's thumb takes its true size a frame later). A jump past them shows them all first.
// Its first frame draws only the rows in view: the buffer below them (rows the list keeps ready
// for scrolling, a third of a first frame's rows on a 900 px window) comes with the rest.
import { tick } from 'svelte';

export const FIRST_PASS_ROWS = 200;

export class RowWindow {
  /** Whether the list knows of every row yet. */
  all = $state(false);

  /** The rows to give the list out of `total`. */
  count(total: number): number {
    return Math.max(0, this.all ? total : Math.min(total, FIRST_PASS_ROWS));
  }

  /** The list's buffer beyond the rows in view: none until the first rows are painted. */
  buffer(px: number): number {
    return this.all ? px : 0;
  }

  /** Every row, from now on; resolves once the list has been given them. */
  showAll(): Promise<void> {
    if (this.all) return Promise.resolve();
    this.all = true;
    return tick();
  }

  /** Scrolls to `index` with `scroll`, once the list knows of that row. */
  scrollTo(index: number, scroll: (index: number) => void): void {
    if (this.all || index < FIRST_PASS_ROWS) scroll(index);
    else void this.showAll().then(() => scroll(index));
  }
}
