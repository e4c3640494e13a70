// The provider interface: one adapter per provider, batching within each provider's limits.
import type { MtProvider } from '../shared/domain';
import { deepl } from './deepl';
import { translateWith } from './http';
import { libreTranslate } from './libretranslate';
import { openAi } from './openai';
import type { MtAdapter, MtConfig } from './types';

export type { MtConfig } from './types';

export const ADAPTERS: Record<Exclude<MtProvider, 'none'>, MtAdapter> = {
  libretranslate: libreTranslate,
  deepl,
  openai: openAi,
};

export function adapterFor(cfg: Pick<MtConfig, 'provider'>): MtAdapter {
  return ADAPTERS[cfg.provider];
}

/**
 * Splits `texts` into requests within the provider's text and character limits, keeping order.
 * A single text over the character limit still goes alone (the provider says if it is too long).
 */
export function chunk(adapter: Pick<MtAdapter, 'maxBatch' | 'maxChars'>, texts: string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const t of texts) {
    if (current.length > 0 && (current.length >= adapter.maxBatch || chars + t.length > adapter.maxChars)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(t);
    chars += t.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** One request: `texts` must fit one chunk. */
export function translateTexts(cfg: MtConfig, texts: string[], signal?: AbortSignal): Promise<string[]> {
  return translateWith(adapterFor(cfg), cfg, texts, signal);
}
