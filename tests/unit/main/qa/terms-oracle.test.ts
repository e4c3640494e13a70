// The term index (a hash lookup per stem of each word, words remembered, a scanner over code units)
// against the simplest implementation of the same rules: fold the whole text with its map, stem
// every word, and try every form of every term at every word.
import { describe, expect, it } from 'vitest';
import { TermIndex, wordHash, wordStems, type Term, type TermHit } from '../../../../src-main/qa/terms';
import { foldWithMap } from '../../../../src-main/text/arabic';
import { arabicCorpus, corpusGlossary, inflect, prng } from './corpus';

function referenceTokens(text: string): { text: string; start: number; end: number }[] {
  const map = foldWithMap(text);
  const out: { text: string; start: number; end: number }[] = [];
  let cur = '';
  let from = -1;
  for (let i = 0; i <= map.folded.length; i++) {
    const ch = map.folded[i];
    if (ch !== undefined && /[\p{L}\p{N}]/u.test(ch)) {
      if (from === -1) from = i;
      const original = text[map.origin[i]!];
      cur += original === 'ة' || original === 'ى' ? original : ch;
    } else if (from !== -1) {
      out.push({ text: cur, start: map.origin[from]!, end: map.origin[i]! });
      cur = '';
      from = -1;
    }
  }
  return out;
}

const termKey = (w: string): string => (w.startsWith('ال') && w.length >= 4 ? w.slice(2) : w);

const formsOf = new WeakMap<Term, string[][]>();
const forms = (term: Term): string[][] => {
  let f = formsOf.get(term);
  if (!f) formsOf.set(term, (f = term.source.split(/[;|]/).map((form) => referenceTokens(form).map((t) => termKey(t.text)))));
  return f;
};

function referenceFind(terms: readonly Term[], text: string): TermHit[] {
  const tokens = referenceTokens(text);
  const stems = tokens.map((t) => wordStems(t.text));
  const hits: TermHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const term of terms) {
      if (term.forbidden) continue;
      for (const keys of forms(term)) {
        if (keys.length === 0 || i + keys.length > tokens.length) continue;
        if (!keys.every((k, j) => stems[i + j]!.has(k))) continue;
        if (hits.some((h) => h.term.id === term.id && h.start === tokens[i]!.start)) continue;
        hits.push({ term, start: tokens[i]!.start, end: tokens[i + keys.length - 1]!.end });
      }
    }
  }
  return hits;
}

const canon = (hits: TermHit[]) =>
  hits.map((h) => `${h.term.id}@${h.start}-${h.end}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('term index against the reference implementation', () => {
  const terms = corpusGlossary(400);
  const index = new TermIndex(terms);
  const corpus = arabicCorpus(400);

  it('finds the same terms at the same places on real word forms', () => {
    let total = 0;
    for (const text of corpus) {
      const expected = canon(referenceFind(terms, text));
      total += expected.length;
      expect(canon(index.find(text)), text).toEqual(expected);
    }
    // The corpus exercises the rules: many hits, not a vacuous agreement on none.
    expect(total).toBeGreaterThan(1000);
  });

  it('agrees again from the remembered words, and after a term is added', () => {
    for (const text of corpus.slice(0, 50)) expect(canon(index.find(text))).toEqual(canon(referenceFind(terms, text)));
    const added: Term = { id: 9999, source: 'الضمانات الأمنية', target: 'security guarantees' };
    const grown = new TermIndex(terms);
    // Seen before the term is added: the words it remembers must learn of the new term.
    const text = corpus.find((t) => t.includes('بشأن الضمانات الأمنية'))!;
    grown.find(text);
    grown.add(added);
    expect(canon(grown.find(text))).toEqual(canon(referenceFind([...terms, added], text)));
    expect(grown.find(text).some((h) => h.term.id === 9999)).toBe(true);
  });

  it('every inflected form of a one-word term agrees, harakat and tatweel included', () => {
    const rnd = prng(17);
    const words = ['معاهدة', 'السلام', 'مستوى', 'كازاخستان', 'الأمن', 'رئيس', 'كتاب', 'قوات'];
    const one = words.map((source, i) => ({ id: i + 1, source, target: 'x' }));
    const idx = new TermIndex(one);
    for (let k = 0; k < 2000; k++) {
      const text = `قال ${inflect(words[rnd(words.length)]!, rnd)} ${inflect(words[rnd(words.length)]!, rnd)}`;
      expect(canon(idx.find(text)), text).toEqual(canon(referenceFind(one, text)));
    }
  });
});

describe('term index: words looked up where they stand', () => {
  it('words whose hashes collide are told apart by their spelling', () => {
    // Two spellings of one hash: a letter one higher, then one 31 lower (the hash multiplies by 31).
    const a = 'كسيبة';
    const b = 'كشثبة';
    expect(b.charCodeAt(1)).toBe(a.charCodeAt(1) + 1);
    expect(b.charCodeAt(2)).toBe(a.charCodeAt(2) - 31);
    expect(wordHash(a, 0, a.length)).toBe(wordHash(b, 0, b.length));
    expect(wordHash(`و ${a}`, 2, 7)).toBe(wordHash(a, 0, a.length));
    const terms: Term[] = [
      { id: 1, source: a, target: 'first' },
      { id: 2, source: b, target: 'second' },
    ];
    const index = new TermIndex(terms);
    for (const text of [`قال ${a} ثم ${b}`, `${b} و ${a}`, a, b, `${a} ${a}`]) {
      expect(canon(index.find(text)), text).toEqual(canon(referenceFind(terms, text)));
    }
    // Only one of them known: the other, of the same hash, is not mistaken for it.
    const onlyA = new TermIndex([terms[0]!]);
    expect(onlyA.find(`${a} ${b}`).map((h) => h.term.id)).toEqual([1]);
    expect(onlyA.find(b)).toEqual([]);
  });

  it('hits come by place, the longest of one place first, whatever order the terms were added in', () => {
    const short: Term = { id: 1, source: 'حفظ', target: 'keeping' };
    const long: Term = { id: 2, source: 'حفظ السلام', target: 'peacekeeping' };
    const text = 'قوات حفظ السلام وحفظ الأمن';
    for (const terms of [
      [short, long],
      [long, short],
    ]) {
      const hits = new TermIndex(terms).find(text);
      expect(hits.map((h) => [h.term.id, text.slice(h.start, h.end)])).toEqual([
        [2, 'حفظ السلام'],
        [1, 'حفظ'],
        [1, 'وحفظ'],
      ]);
    }
  });
});
