// English spelling for the QA checks: Hunspell's en-US dictionary (dictionary-en) through nspell,
// the same check in the app, the CLI and the preview. Loading the dictionary takes a moment, so it
// is loaded once, on the first check that needs it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import nspell from 'nspell';
import type { Speller } from '../qa/checks';

let speller: Speller | undefined;

/**
 * Words already judged: a document repeats its vocabulary, and nspell's affix search costs tens of
 * microseconds a word, so a 100k-paragraph report would otherwise spend seconds re-checking "the".
 * Bounded: cleared when full rather than grown without limit.
 */
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 200_000;

export function englishSpeller(): Speller {
  if (!speller) {
    // dictionary-en exports only its index module; its .aff and .dic files sit beside it.
    const dir = dirname(createRequire(import.meta.url).resolve('dictionary-en'));
    const checker = nspell(readFileSync(join(dir, 'index.aff')), readFileSync(join(dir, 'index.dic')));
    speller = {
      correct: (w) => {
        let ok = verdicts.get(w);
        if (ok === undefined) {
          if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
          verdicts.set(w, (ok = checker.correct(w)));
        }
        return ok;
      },
      suggest: (w) => checker.suggest(w).slice(0, 8),
    };
  }
  return speller;
}
