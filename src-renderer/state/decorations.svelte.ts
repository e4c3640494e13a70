// Where the grid's cell decorations come from: named layers (search, qa, terms…), each a function
// of one pair and the target as the editor shows it (draft included). A row asks for its pair's
// decorations in a $derived, so whatever state a layer reads (the applied filter, a map of QA
// issues) re-decorates exactly the rows it concerns when it changes; no layer pushes into rows.
import { SvelteMap } from 'svelte/reactivity';
import type { Pair } from '../../src-main/shared/domain';
import { findFolded } from '../../src-main/shared/fold';
import { NO_DECORATIONS, type CellDecorations, type Decoration } from '../lib/decorations';
import type { TargetValue } from './autosave.svelte';

export type DecorationLayer = (pair: Pair, target: TargetValue) => Partial<CellDecorations> | null | undefined;

export class DecorationLayers {
  private readonly layers = new SvelteMap<string, DecorationLayer>();

  /** Adds, replaces or (with null) removes a layer. */
  set(name: string, layer: DecorationLayer | null): void {
    if (layer) this.layers.set(name, layer);
    else this.layers.delete(name);
  }

  has(name: string): boolean {
    return this.layers.has(name);
  }

  /** Every layer's ranges for one pair, concatenated (the cells resolve overlaps). Reactive. */
  of(pair: Pair, target: TargetValue): CellDecorations {
    let source: Decoration[] | undefined;
    let targetOut: Decoration[] | undefined;
    for (const layer of this.layers.values()) {
      const d = layer(pair, target);
      if (d?.source?.length) (source ??= []).push(...d.source);
      if (d?.target?.length) (targetOut ??= []).push(...d.target);
    }
    return source || targetOut ? { source: source ?? [], target: targetOut ?? [] } : NO_DECORATIONS;
  }
}

/**
 * Search hits: every occurrence of the query in the same folding the store's filter matched with
 * (harakat, hamza forms, tatweel, digits, case), mapped back onto the text as written.
 */
export function searchHits(text: string, foldedQuery: string): Decoration[] {
  return findFolded(text, foldedQuery).map(([start, end]) => ({ start, end, kind: 'search' as const }));
}
