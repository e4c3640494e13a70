// A varied, deterministic corpus for the QA oracle tests: the sample article's Arabic with the word
// forms Arabic writes (clitics, pronoun suffixes, harakat, tatweel, presentation forms, emoji) and
// English targets that trip each check now and then, with a glossary drawn from the same words.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { checkDocument, QaContext, Speller } from '../../../../src-main/qa/checks';
import type { Term, TermIndex } from '../../../../src-main/qa/terms';
import type { QaPair } from '../../../../src-main/qa/types';

const FIXTURES = fileURLToPath(new URL('../../../fixtures', import.meta.url));

export function articleParagraphs(): string[] {
  return ['news-article-ar.txt', 'mixed-direction-ar.txt']
    .flatMap((f) => readFileSync(join(FIXTURES, f), 'utf8').split('\n'))
    .map((p) => p.trim())
    .filter(Boolean);
}

export function prng(seed: number): (k: number) => number {
  let s = seed;
  return (k) => Math.floor(((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * k);
}

const PROCLITICS = ['', '', '', 'و', 'ف', 'ب', 'ل', 'ك', 'ال', 'وال', 'بال', 'فال', 'لل', 'وبال', 'ولل', 'كال'];
const SUFFIXES = ['', '', '', 'ه', 'ها', 'هم', 'هما', 'كم', 'نا', 'ي', 'ك', 'هن'];
const HARAKAT = ['\u064E', '\u064F', '\u0650', '\u0651', '\u0652', '\u064B'];

/** A word as a text may write it: a proclitic, a suffix (ta marbuta to ta), harakat, tatweel. */
export function inflect(word: string, rnd: (k: number) => number): string {
  let w = word;
  const suffix = SUFFIXES[rnd(SUFFIXES.length)]!;
  if (suffix) w = (w.endsWith('ة') ? `${w.slice(0, -1)}ت` : w.endsWith('ى') ? `${w.slice(0, -1)}ا` : w) + suffix;
  w = PROCLITICS[rnd(PROCLITICS.length)]! + w;
  if (rnd(5) === 0) {
    const at = 1 + rnd(Math.max(1, w.length - 1));
    w = w.slice(0, at) + HARAKAT[rnd(HARAKAT.length)]! + w.slice(at);
  }
  if (rnd(12) === 0) w = `${w.slice(0, 2)}\u0640${w.slice(2)}`;
  if (rnd(9) === 0) w += HARAKAT[rnd(HARAKAT.length)]!;
  return w;
}

/** The article's words, without punctuation. */
export function articleWords(): string[] {
  return [...new Set(articleParagraphs().flatMap((p) => p.split(/[^\p{L}\p{M}\u0640]+/u)))].filter(
    (w) => w.length >= 2 && /\p{Script=Arabic}/u.test(w),
  );
}

/** Arabic paragraphs: the article's own, then its words inflected; a few with ﻻ, an emoji or Latin. */
export function arabicCorpus(n: number, seed = 7): string[] {
  const rnd = prng(seed);
  const words = articleWords();
  const out = articleParagraphs();
  while (out.length < n) {
    const len = 3 + rnd(30);
    const ws = Array.from({ length: len }, () => inflect(words[rnd(words.length)]!, rnd));
    const extra = rnd(10);
    if (extra === 0) ws.splice(rnd(ws.length), 0, 'ﻻ');
    if (extra === 1) ws.splice(rnd(ws.length), 0, 'مرحبا😀');
    if (extra === 2) ws.splice(rnd(ws.length), 0, 'NATO');
    if (extra === 3) ws.splice(rnd(ws.length), 0, '٣٫٥٪');
    if (extra === 4) ws.splice(rnd(ws.length), 0, 'ﷺ');
    out.push(`${ws.join(rnd(15) === 0 ? '  ' : ' ')}${['.', '؟', '!', '', ':'][rnd(5)]}`);
  }
  return out.slice(0, n);
}

const ENGLISH = [
  'The spokeswoman said that peacekeeping forces ended the bloodshed in Kazakhstan.',
  'Russia is not an aggressor, said Maria Zakharova on Monday.',
  'The Collective Security Treaty Organization sent troops on 6 January 2022.',
  'Talks between Russia and the United States in Geneva were professional and constructive.',
  'The president announced that the withdrawal would begin within two days.',
  'NATO and Russia will meet in Brussels, and the OSCE in Vienna.',
  'Security guarantees were discussed with the treaties’ signatories.',
  'The peacekeepers’ mission is over ( for now.',
  'He said “it is nonsense” and left ',
  'Prices rose by 3.5% to 123,456 units؟',
  'Teh forces were deployd to Almaty.',
  'The minister\u200F said so.',
];

/** A glossary from the article's words: one to three words, some alternatives, some forbidden. */
export function corpusGlossary(n: number, seed = 3): Term[] {
  const rnd = prng(seed);
  const paragraphs = articleParagraphs().map((p) => p.split(/[^\p{L}\p{M}\u0640]+/u).filter(Boolean));
  const words = articleWords();
  const english = ENGLISH.flatMap((s) => s.replace(/[^A-Za-z ]/g, '').split(' ')).filter((w) => w.length > 2);
  const terms: Term[] = [];
  for (let id = 1; id <= n; id++) {
    const p = paragraphs[rnd(paragraphs.length)]!;
    const len = 1 + rnd(3);
    const at = rnd(Math.max(1, p.length - len));
    let source = p.slice(at, at + len).join(' ');
    if (rnd(6) === 0) source = `${source}; ${words[rnd(words.length)]!}`;
    if (rnd(8) === 0) source = words[rnd(words.length)]!.replace(/^(و|ب|ل|ف|وال|بال|ال)/, '');
    const target = Array.from({ length: 1 + rnd(2) }, () => english[rnd(english.length)]!.toLowerCase()).join(' ');
    terms.push({
      id,
      source,
      target: rnd(5) === 0 ? `${target}; ${english[rnd(english.length)]!}` : target,
      forbidden: rnd(10) === 0,
    });
  }
  return terms;
}

/** Pairs: every Arabic paragraph with an English target that trips some check, or none. */
export function corpusPairs(n: number, seed = 5): QaPair[] {
  const rnd = prng(seed);
  return arabicCorpus(n, seed).map((source, i) => {
    const kind = rnd(10);
    let target = ENGLISH[rnd(ENGLISH.length)]!;
    if (kind === 0) target = '';
    if (kind === 1) target = `${target} ${ENGLISH[rnd(ENGLISH.length)]!}`;
    if (kind === 2) target = target.replace(/\.$/, ' .');
    if (kind === 3) target = `${target} ${i}`;
    // Repeated targets and sources feed the consistency checks.
    if (kind === 4) target = ENGLISH[0]!;
    return { id: i + 1, source: kind === 5 && i > 0 ? articleParagraphs()[0]! : source, target, excluded: rnd(40) === 0 };
  });
}

type CheckDocument = typeof checkDocument;

/**
 * Every issue of the corpus under a few set-ups (glossary, speller, accepted words, a profile with
 * checks off), as plain data: what the oracle test compares with the issues recorded before a rewrite.
 */
export function corpusIssues(
  checkDocument: CheckDocument,
  makeIndex: (terms: Term[]) => unknown,
  speller: Speller,
): Record<string, [number, unknown][]> {
  const pairs = corpusPairs(600);
  // The index of whichever version of the code is compared: its own TermIndex.
  const glossary = makeIndex(corpusGlossary(500)) as TermIndex;
  const setups: Record<string, Omit<QaContext, 'document'>> = {
    plain: {},
    glossary: { glossary },
    all: { glossary, speller, acceptedWords: new Set(['zakharova', 'deployd']) },
    profile: { glossary, speller, disabled: new Set(['term-missing', 'spacing', 'number-extra', 'spelling'] as const) },
  };
  const out: Record<string, [number, unknown][]> = {};
  for (const [name, ctx] of Object.entries(setups)) out[name] = [...checkDocument(pairs, ctx)];
  return out;
}

/** {@link corpusIssues} per set-up and pair as short digests: small enough to keep in the repository. */
export function issueDigests(issues: Record<string, [number, unknown][]>): Record<string, Record<number, string>> {
  const digest = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('base64url').slice(0, 12);
  return Object.fromEntries(
    Object.entries(issues).map(([setup, list]) => [setup, Object.fromEntries(list.map(([id, v]) => [id, digest(v)]))]),
  );
}
