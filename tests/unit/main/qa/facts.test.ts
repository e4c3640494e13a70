// A document's packed source facts (qa/facts.ts) give the checks exactly what the sources' own
// text gives them: every issue of a varied corpus, under every set-up, the same either way.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkDocument, checkPair, documentFigures, type QaContext } from '../../../../src-main/qa/checks';
import { FACTS_FORMAT, PackedFacts, packSourceFacts, packTermFacts, TextFacts } from '../../../../src-main/qa/facts';
import { TermIndex, type Term } from '../../../../src-main/qa/terms';
import { QA_CHECKS, type QaCheckId, type QaPair } from '../../../../src-main/qa/types';
import { englishSpeller } from '../../../../src-main/services/spell';
import { normalizeForSearch } from '../../../../src-main/text/arabic';
import { corpusGlossary, corpusPairs } from './corpus';

/** The corpus, and pairs for what it lacks: a target that is its source, Latin tokens and words, numbers at the end. */
function pairs(): QaPair[] {
  const out = corpusPairs(600);
  const extra: [string, string][] = [
    ['ABC 12', ' ABC 12 '],
    ['ABC 12', 'ABC 13'],
    ['   ABC 12   ', 'ABC 12'],
    [`${' '.repeat(300)}قال الرئيس اليوم كلاما.`, 'The president spoke today.'],
    ['  قال Zakharova إن ٣٫٥٪ من www.example.com و@rt_news «NATO»؟ ', 'Zakharova said 3.5% of www.example.com and NATO?'],
    ['التقى Putin بـ Tokayev في ألما-آتا (Almaty) يوم ٦ يناير.', 'Putin met Tokayev in Almaty on January 6.'],
    ['قال: "نعم"', 'He said: Yes'],
    ['ثلاثة', 'three'],
    ['', 'Something'],
  ];
  extra.forEach(([source, target], i) => out.push({ id: 10_000 + i, source, target, excluded: false }));
  return out;
}

/** The pairs with their packed facts (and the glossary's hits when given), and which sources were read. */
function packed(list: QaPair[], glossary?: { index: TermIndex; terms: Term[] }): { pairs: QaPair[]; read: number[] } {
  const read: number[] = [];
  const facts = PackedFacts.read(
    packSourceFacts(list.map((p) => ({ id: p.id, source: p.source, sourceFolded: normalizeForSearch(p.source) }))),
    (i) => {
      read.push(i);
      return list[i]!.source;
    },
  )!;
  if (glossary) {
    expect(
      facts.withTerms(
        packTermFacts(
          list.map((p) => p.source),
          glossary.index,
        )!,
        glossary.index,
        glossary.terms,
      ),
    ).toBe(true);
  }
  // The source is not there: the checks read it only through the facts (or sourceOf).
  return {
    pairs: list.map((p, i) => ({
      id: p.id,
      source: '\u0000not read',
      target: p.target,
      excluded: p.excluded,
      facts: facts.at(i),
    })),
    read,
  };
}

describe('packed source facts', () => {
  const terms = corpusGlossary(500);
  const index = new TermIndex(terms);
  const speller = englishSpeller();
  const setups: Record<string, Omit<QaContext, 'document'>> = {
    plain: {},
    glossary: { glossary: index },
    all: { glossary: index, speller, acceptedWords: new Set(['zakharova']) },
    profile: { glossary: index, speller, disabled: new Set<QaCheckId>(['term-missing', 'spacing', 'number-extra']) },
  };

  it.each(Object.keys(setups))('%s: every pair has the issues its text gives', (name) => {
    const list = pairs();
    const fast = packed(list, { index, terms });
    const plain = [...checkDocument(list, setups[name])];
    // Consistency keys differ in form (a class of foldings, not the folding): the findings do not.
    expect([...checkDocument(fast.pairs, setups[name])]).toEqual(plain);
    expect(plain.length).toBeGreaterThan(300);
    const checks = new Set(plain.flatMap(([, issues]) => issues.map((i) => i.check)));
    // The source-side checks all have findings to compare.
    if (name === 'all') {
      for (const c of [
        'empty-target',
        'same-as-source',
        'number-missing',
        'latin-missing',
        'end-punctuation',
        'length-ratio',
      ] as const)
        expect(checks).toContain(c);
      for (const c of ['inconsistent-target', 'inconsistent-source', 'term-missing', 'spelling'] as const)
        expect(checks).toContain(c);
    }
  });

  it('judging only the states gives the same states', () => {
    const list = pairs();
    const fast = packed(list, { index, terms });
    const isIgnored = (pair: { id: number }, check: QaCheckId) => (pair.id * 31 + QA_CHECKS.indexOf(check) * 7) % 3 === 0;
    const ctx = { ...setups.all, stateOnly: { isIgnored } };
    const plainDoc = documentFigures(list);
    const fastDoc = documentFigures(fast.pairs);
    list.forEach((p, i) => {
      expect(checkPair(fast.pairs[i]!, { ...ctx, document: fastDoc }), `pair ${p.id}`).toEqual(
        checkPair(p, { ...ctx, document: plainDoc }),
      );
    });
  });

  it('reads a source only to confirm a target of its very length and hash', () => {
    const list = pairs();
    const fast = packed(list, { index, terms });
    checkDocument(fast.pairs, setups.all);
    const same = list.flatMap((p, i) => (p.target.trim() === p.source.trim() ? [i] : []));
    expect(same.length).toBeGreaterThan(0);
    expect(fast.read).toEqual(same);
  });

  it("with another glossary than the one packed, the terms come from the source's text", () => {
    const list = pairs();
    const other = new TermIndex(terms.slice(0, 250));
    const fast = packed(list, { index, terms });
    const ctx = { glossary: other };
    expect([...checkDocument(fast.pairs, ctx)]).toEqual([...checkDocument(list, ctx)]);
    // Every translated pair's source was read for its terms.
    const translated = list.flatMap((p, i) => (!p.excluded && p.target.trim() !== '' ? [i] : []));
    expect(new Set(fast.read)).toEqual(new Set(translated));
  });

  it('refuses term facts that name a term the glossary lacks, or are of another document', () => {
    const list = pairs();
    const facts = PackedFacts.read(packSourceFacts(list), (i) => list[i]!.source)!;
    const blob = packTermFacts(
      list.map((p) => p.source),
      index,
    )!;
    expect(facts.withTerms(blob, index, terms.slice(1))).toBe(false);
    const shorter = PackedFacts.read(packSourceFacts(list.slice(1)), (i) => list[i + 1]!.source)!;
    expect(shorter.withTerms(blob, index, terms)).toBe(false);
    expect(facts.withTerms(blob, index, terms)).toBe(true);
  });

  it('groups sources folded the same under one key, and others apart', () => {
    const list: QaPair[] = [
      { id: 1, source: 'السَّلام', target: 'a', excluded: false },
      { id: 2, source: 'السلام', target: 'b', excluded: false },
      { id: 3, source: 'سلام', target: 'c', excluded: false },
    ];
    const facts = PackedFacts.read(packSourceFacts(list), (i) => list[i]!.source)!;
    expect(new TextFacts(list[0]!.source).key).toBe(new TextFacts(list[1]!.source).key);
    expect(facts.at(0).key).toBe(facts.at(1).key);
    expect(facts.at(2).key).not.toBe(facts.at(0).key);
    expect([facts.id(0), facts.id(1), facts.id(2)]).toEqual([1, 2, 3]);
  });

  it('packs no terms when a glossary of common words finds more than a few a source', () => {
    const common = new TermIndex([{ id: 1, source: 'قال', target: 'said' }]);
    const sources = Array.from({ length: 10 }, () => Array.from({ length: 33 }, () => 'قال').join(' '));
    expect(packTermFacts(sources, common)).toBeNull();
    sources[0] = 'كتب';
    expect(packTermFacts(sources, common)).not.toBeNull();
  });

  it('is not read back from a blob of another format or kind', () => {
    const list = pairs().slice(0, 10);
    const blob = packSourceFacts(list);
    const other = Buffer.from(blob);
    other.writeInt32LE(other.readInt32LE(0) + 1, 0);
    expect(PackedFacts.read(other, () => '')).toBeNull();
    expect(PackedFacts.read(packTermFacts(['x'], index)!, () => '')).toBeNull();
    expect(PackedFacts.read(blob, () => '')).not.toBeNull();
  });

  // Stored facts are read as they are while their format number is this build's: should what the
  // facts hold change (numbers read otherwise, other Latin tokens, other folding or term matching),
  // stores would keep facts of the old reading. The corpus's facts are pinned to FACTS_FORMAT here,
  // so such a change fails this test until FACTS_FORMAT is bumped (and the digests recorded anew).
  it('pins what the corpus packs to FACTS_FORMAT: a change of the facts must bump it', () => {
    // The corpus and every kind of thing the facts read: Arabic-Indic and Persian digits with their
    // separators and ٪, Latin tokens (acronyms, URLs, e-mail, hashtags, handles), end marks, harakat,
    // tatweel and hamza forms, clitics on glossary terms.
    const kinds = [
      'ارتفع المؤشر ٣٫٥٪ إلى ۱۲۳٬۴۵۶ نقطة، و١٬٢٠٠ سهم في ٦ يناير؟',
      'قال مسؤول في NATO عبر www.example.com و info@example.org و #السلام و @rt_news: «نعم»!',
      'وبالسلام للسلام بمعاهدته والمعاهدة… أأمن إِسْـــلام آمنة',
      '(التقى Putin بـ Tokayev في ألما-آتا (Almaty) يوم ٢٠٢٤/١/٦).',
    ];
    const list = [...pairs(), ...kinds.map((source, i) => ({ id: 20_000 + i, source, target: '', excluded: false }))];
    const digest = (b: Buffer | null) => createHash('sha256').update(b!).digest('hex').slice(0, 16);
    const made = {
      format: FACTS_FORMAT,
      sources: digest(
        packSourceFacts(list.map((p) => ({ id: p.id, source: p.source, sourceFolded: normalizeForSearch(p.source) }))),
      ),
      terms: digest(
        packTermFacts(
          list.map((p) => p.source),
          index,
        ),
      ),
    };
    expect(made).toEqual({ format: 1, sources: '5174fde6bba7a0ec', terms: '47212a7b4109efe4' });
  });
});
