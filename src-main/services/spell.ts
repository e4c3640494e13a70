// English spelling for the QA checks: Hunspell's en-US dictionary (dictionary-en) through nspell,
// the same check in the app, the CLI and the preview. Loading the dictionary takes a moment, so it
// is loaded once, on the first check that needs it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import nspell from 'nspell';
import type { Speller } from '../qa/checks';

let speller: Speller | undefined;

export function englishSpeller(): Speller {
  if (!speller) {
    // dictionary-en exports only its index module; its .aff and .dic files sit beside it.
    const dir = dirname(createRequire(import.meta.url).resolve('dictionary-en'));
    const checker = nspell(readFileSync(join(dir, 'index.aff')), readFileSync(join(dir, 'index.dic')));
    speller = { correct: (w) => checker.correct(w), suggest: (w) => checker.suggest(w).slice(0, 8) };
  }
  return speller;
}
