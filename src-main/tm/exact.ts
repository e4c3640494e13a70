// The memory as `qalam translate` without a store looks it up at 100%: one unit per folded source.
// At 100% only a unit with the paragraph's own folded source can match (rank.ts scoreUnit; TMX units
// carry no context, so 101 never happens), and among those the store picks the latest changed, then
// the last stored (compareScored: TMX units all rank 'imported'). So no fuzzy index: a map from the
// folded source to that unit, which is what OmegaT's console mode does with the raw source (hashed
// on a sample of its characters: TextMap below).
import { Buffer } from 'node:buffer';
import { FOLD_DROP, FOLD_SPACE, foldCodeUnit, normalizeForSearch } from '../text/arabic';
import { fromByteString, isBlankByteString, toByteString } from '../text/utf8';

export interface ExactUnit {
  source: string;
  target: string;
  /** ISO time of the last change (else the creation, else the import): the latest wins. */
  changedAt: string;
}

/** The units that share a folded source: the best of them, and every distinct pair once there are two. */
class Group implements ExactUnit, Keyed<Group> {
  /** Every distinct source+target pair with this folded source, as [source, target, …], once there are two. */
  pairs: string[] | undefined = undefined;
  sameHash: Map<string, Group> | undefined = undefined;

  constructor(
    /** The folded source, or undefined until asked of a byte-string group found by foldedSampleHash. */
    private folded: string | undefined,
    public source: string,
    public target: string,
    public changedAt: string,
  ) {}

  /** The folded source (every source of the group folds to it). */
  get key(): string {
    return (this.folded ??= normalizeBytes(this.source));
  }
}

/** A source that is not its own folded form, and the group of its folded form. */
interface Alias extends Keyed<Alias> {
  group: Group;
}

/**
 * Code units the search folding keeps as they are, and that NFKC keeps as they are, alone and next
 * to each other: ASCII other than capitals, control characters and white space, and the Arabic
 * letters and punctuation that fold to themselves (not the hamza forms, alef maqsura or ta marbuta).
 * A text made only of these and single spaces between them is its own folded form, which most
 * paragraphs of a plain text are not far from; tests/unit/main/tm/exact.test.ts checks every one
 * against the folding table and NFKC.
 */
const KEPT = new Uint8Array(0x0700);
for (let c = 0x21; c < 0x7f; c++) if (c < 0x41 || c > 0x5a) KEPT[c] = 1;
for (let c = 0x0621; c <= 0x064a; c++) KEPT[c] = 1;
for (const c of [0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0629, 0x0640, 0x0649, 0x063b, 0x063c, 0x063d, 0x063e, 0x063f])
  KEPT[c] = 0;
for (const c of [0x060c, 0x061b, 0x061f]) KEPT[c] = 1;
/** For the tests: the code units {@link foldKey} takes as their own folded form. */
export const KEPT_AS_IS: ReadonlyArray<number> = [...KEPT.keys()].filter((c) => KEPT[c] === 1);

/**
 * Words of KEPT_AS_IS code units with single spaces between them, as one regular expression: it
 * scans a paragraph in native code, where a loop over its characters runs mostly in V8's
 * interpreter in a command that starts, reads 20,000 paragraphs and exits. (No backtracking to
 * speak of: a space cannot start a word, so each character is taken one way only.)
 */
const KEPT_CLASS = `[${classOf(KEPT_AS_IS)}]`;
const OWN_FORM = new RegExp(`^${KEPT_CLASS}+(?: ${KEPT_CLASS}+)*$`);

function classOf(codes: readonly number[]): string {
  const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
  let out = '';
  for (let i = 0; i < codes.length;) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === codes[j]! + 1) j++;
    out += j > i ? `${hex(codes[i]!)}-${hex(codes[j]!)}` : hex(codes[i]!);
    i = j + 1;
  }
  return out;
}

/**
 * normalizeForSearch(text), without folding a text that folding would leave as it is (no NFKC,
 * no table, no new string): kept code units with single spaces between them.
 */
export function foldKey(text: string): string {
  return text.length === 0 || OWN_FORM.test(text) ? text : normalizeForSearch(text);
}

/** normalizeForSearch over a byte string: foldBytes where it answers, else decoded, folded and encoded. */
function normalizeBytes(bytes: string): string {
  return foldBytes(bytes) ?? toByteString(normalizeForSearch(fromByteString(bytes)));
}

/** What foldBytes does with a character: writes this code point (≥ 0), or one of these. */
const DROP_CHAR = -1;
const SPACE_CHAR = -2;
const NOT_HERE = -3;

/**
 * What the folding does with each ASCII character and each character of the Arabic block
 * (U+0600–U+06FF, two bytes in UTF-8 led by 0xD8–0xDB), indexed by code point (the Arabic ones
 * from 0x80): the folding table's answer for characters NFKC leaves as they are, NOT_HERE for the
 * rest and for U+0653–U+0655 (madda and hamza above and below), the only characters of the two
 * blocks NFKC composes with the one before them (ا + U+0654 → أ). A text of the other characters
 * is its own NFKC form but for the order of combining marks, and every combining mark of the block
 * is dropped, so folding it character by character is normalizeForSearch of it;
 * tests/unit/main/tm/exact.test.ts holds foldBytes to that on every character and every pair.
 * Made on first use from the table's entries for these 384 characters alone (the whole table
 * takes ~65k regular expression tests).
 */
let byteFold: Int32Array | undefined;
function byteFoldTable(): Int32Array {
  if (byteFold) return byteFold;
  const codes = new Int32Array(0x80 + 0x100);
  for (let i = 0; i < codes.length; i++) {
    const c = i < 0x80 ? i : 0x0600 + i - 0x80;
    const ch = String.fromCharCode(c);
    const m = foldCodeUnit(c);
    if (ch.normalize('NFKC') !== ch || (c >= 0x0653 && c <= 0x0655)) codes[i] = NOT_HERE;
    else if (m === FOLD_DROP) codes[i] = DROP_CHAR;
    else if (m === FOLD_SPACE) codes[i] = SPACE_CHAR;
    // Every replacement in these blocks is ASCII or in the Arabic block itself (one or two bytes).
    else codes[i] = m === 0 ? c : m < 0x800 ? m : NOT_HERE;
  }
  byteFold = codes;
  return codes;
}

/** foldBytes' output, reused: a folded text is never longer in bytes than the text. */
let folded = Buffer.allocUnsafe(1024);

/**
 * normalizeForSearch over the byte string of a text made of ASCII and the Arabic block (nearly
 * every Arabic paragraph: its ة, أ and ى fold), one pass over its bytes through byteFoldTable, where
 * decoding, NFKC, the folding and encoding took ~12 µs for a paragraph of 280 bytes (a memory
 * of 20k real paragraphs: ~240 ms); null for a text with any other character, or one NFKC
 * would compose, which the caller folds the long way.
 */
export function foldBytes(bytes: string): string | null {
  const length = bytes.length;
  if (folded.length < length) folded = Buffer.allocUnsafe(2 * length);
  const out = folded;
  const fold = byteFoldTable();
  let n = 0;
  let pendingSpace = false;
  for (let i = 0; i < length; i++) {
    const lead = bytes.charCodeAt(i);
    let code: number;
    if (lead < 0x80) code = fold[lead]!;
    else {
      // Two bytes, 0xD8–0xDB then 0x80–0xBF: U+0600–U+06FF (valid UTF-8, as every byte string).
      if (lead < 0xd8 || lead > 0xdb || i + 1 === length) return null;
      code = fold[0x80 + ((lead - 0xd8) << 6) + (bytes.charCodeAt(++i) & 0x3f)]!;
    }
    if (code >= 0) {
      if (pendingSpace) {
        out[n++] = 0x20;
        pendingSpace = false;
      }
      if (code < 0x80) out[n++] = code;
      else {
        out[n++] = 0xc0 | (code >> 6);
        out[n++] = 0x80 | (code & 0x3f);
      }
    } else if (code === SPACE_CHAR) pendingSpace = n > 0;
    else if (code === NOT_HERE) return null;
  }
  return out.toString('latin1', 0, n);
}

/**
 * The byte strings whose folded form has the same length, byte for byte (foldedSampleHash): words
 * of printable ASCII and of Arabic letters that fold to themselves or to another Arabic letter,
 * with single spaces between them. Made on first use, from byteFoldTable.
 */
let inPlace: RegExp | undefined;
export function foldsInPlace(bytes: string): boolean {
  if (inPlace === undefined) {
    // Letters that fold to a two-byte letter (themselves or another), and printable ASCII.
    const char = `(?:${[...arabicBytes((code) => code >= 0x80), '[\\x21-\\x7e]'].join('|')})`;
    inPlace = new RegExp(`^${char}+(?: ${char}+)*$`);
  }
  return inPlace.test(bytes);
}

/**
 * A byte string with the same folded form as `bytes` that folds in place: `bytes` itself, or
 * `bytes` without the characters folding drops (harakat, tatweel: in one paragraph of a real
 * article and in ~7% of paragraphs made of its words), taken out by a regular expression where
 * foldBytes, called for so few texts, would run in V8's interpreter; undefined for any other.
 */
export function inPlaceForm(bytes: string): string | undefined {
  if (foldsInPlace(bytes)) return bytes;
  dropped ??= droppedCharacters();
  const bare = bytes.replace(dropped, '');
  return bare !== bytes && bare !== '' && foldsInPlace(bare) ? bare : undefined;
}

/** The characters of the Arabic block folding drops, as their bytes (U+0653–U+0655 are not among them: NOT_HERE). */
let dropped: RegExp | undefined;
function droppedCharacters(): RegExp {
  return new RegExp(arabicBytes((code) => code === DROP_CHAR).join('|'), 'g');
}

/**
 * The characters of the Arabic block whose byteFoldTable entry `pick` takes, as regular expression
 * alternatives over their UTF-8 read as Latin-1: one per lead byte, with its second bytes as a class.
 */
function arabicBytes(pick: (code: number) => boolean): string[] {
  const fold = byteFoldTable();
  const seconds: number[][] = [[], [], [], []];
  for (let c = 0x0600; c < 0x0700; c++) if (pick(fold[0x80 + c - 0x0600]!)) seconds[(c - 0x0600) >> 6]!.push(0x80 + (c & 0x3f));
  const hex = (c: number) => `\\x${c.toString(16).padStart(2, '0')}`;
  return seconds.flatMap((list, k) => (list.length > 0 ? [`${hex(0xd8 + k)}[${classOf(list)}]`] : []));
}

/**
 * sampleHash(foldBytes(bytes)) of a byte string that folds in place (foldsInPlace), read from the
 * byte string itself: its folded form has the same length, and each sampled byte of it is worked
 * out from the character it belongs to. 24-odd table look-ups, where folding reads every byte and
 * makes a string.
 */
export function foldedSampleHash(bytes: string): number {
  const fold = byteFoldTable();
  const length = bytes.length;
  const step = length <= HASH_SAMPLES ? 1 : Math.floor(length / HASH_SAMPLES);
  let h = length;
  for (let i = length - 1; i >= 0; i -= step) {
    const b = bytes.charCodeAt(i);
    let folded: number;
    // (A space between words stays: the table's answer for it is to collapse runs.)
    if (b < 0x80) folded = b === 0x20 ? b : fold[b]!;
    else if (b >= 0xc0) folded = 0xc0 | (fold[0x80 + ((b - 0xd8) << 6) + (bytes.charCodeAt(i + 1) & 0x3f)]! >> 6);
    else folded = 0x80 | (fold[0x80 + ((bytes.charCodeAt(i - 1) - 0xd8) << 6) + (b & 0x3f)]! & 0x3f);
    h = Math.imul(h ^ folded, 0x01000193);
  }
  return h & 0x3fffffff;
}

/**
 * The units of a memory read in file order, as `qalam tm import` followed by a 100% lookup would
 * see them: empty units dropped, each source+English pair stored once, the best unit per folded
 * source kept.
 */
export class ExactMemory {
  /**
   * Folded source to its group. A text that is some group's key is its own folded form (folding a
   * folded text gives it back: tests/unit/main/tm/exact.test.ts holds normalizeForSearch to that),
   * so a paragraph or source found here needs no folding: nearly every source and paragraph of a
   * pipeline is found so, in one hash.
   */
  private readonly groups = new TextMap<Group>();
  /**
   * A unit's source that is not its own folded form, to its group: a paragraph written exactly as
   * such a source is found without being folded too.
   */
  private readonly bySource = new TextMap<Alias>();
  /** Units stored (not empty, not a repeat of a pair already stored): what the store would number. */
  stored = 0;
  private readonly blank: (text: string) => boolean;
  private readonly bytes: boolean;

  /**
   * `bytes`: sources and targets are byte strings (text/utf8.ts), added and looked up as such, and
   * the units' texts come back as byte strings.
   */
  constructor(opts: { bytes?: boolean } = {}) {
    this.bytes = opts.bytes === true;
    this.blank = opts.bytes ? (text) => mayBeBlankBytes(text) && isBlankByteString(text) : isBlank;
  }

  /** Adds a unit read from the file, in order. */
  add(source: string, target: string, changedAt: string): void {
    // As planTmx: no empty units, each source+English pair once.
    if (this.blank(source) || this.blank(target)) return;
    const g = this.bytes ? this.addBytes(source, target, changedAt) : this.addText(source, target, changedAt);
    if (g === undefined) return;
    if (g.pairs === undefined) {
      if (g.source === source && g.target === target) return;
      g.pairs = [g.source, g.target];
    } else {
      for (let i = 0; i < g.pairs.length; i += 2) if (g.pairs[i] === source && g.pairs[i + 1] === target) return;
    }
    g.pairs.push(source, target);
    this.stored++;
    // Ties go to the later unit, as the store's last-stored order.
    if (changedAt >= g.changedAt) {
      g.source = source;
      g.target = target;
      g.changedAt = changedAt;
    }
  }

  /** The group of a source of text, or undefined once a new group is made for it. */
  private addText(source: string, target: string, changedAt: string): Group | undefined {
    // A source that is its own folded form is its group's key: one look-up, where get() would
    // look in both maps before folding. Any other is looked for among the sources already added
    // before it is folded.
    const own = OWN_FORM.test(source);
    const hash = sampleHash(source);
    const known = own ? this.groups.get(hash, source) : this.bySource.get(hash, source)?.group;
    if (known !== undefined) return known;
    const key = own ? source : normalizeForSearch(source);
    const keyHash = key === source ? hash : sampleHash(key);
    const g = this.groups.get(keyHash, key);
    if (g !== undefined) {
      if (key !== source) this.bySource.add(hash, { key: source, group: g, sameHash: undefined });
      return g;
    }
    const group = new Group(key, source, target, changedAt);
    this.groups.add(keyHash, group);
    if (key !== source) this.bySource.add(hash, { key: source, group, sameHash: undefined });
    this.stored++;
    return undefined;
  }

  /**
   * addText over byte strings, with one map. Nearly every source folds letter for letter
   * (inPlaceForm) and is kept under the hash of its folded form, read from its own bytes
   * (foldedSampleHash); the folded form is made only when another group has that hash. The same
   * source again is found by that hash and one comparison.
   */
  private addBytes(source: string, target: string, changedAt: string): Group | undefined {
    const form = inPlaceForm(source);
    let key: string | undefined;
    let keyHash: number;
    if (form !== undefined) {
      keyHash = foldedSampleHash(form);
      const first = this.groups.first(keyHash);
      if (first !== undefined) {
        // Its hash taken: the same source again (one comparison), else folded and compared whole.
        if (first.source === source) return first;
        key = normalizeBytes(form);
      }
    } else {
      key = normalizeBytes(source);
      keyHash = sampleHash(key);
    }
    const g = key === undefined ? undefined : this.groups.get(keyHash, key);
    if (g !== undefined) return g;
    this.groups.add(keyHash, new Group(key, source, target, changedAt));
    this.stored++;
    return undefined;
  }

  /** The unit a paragraph takes at 100%, if any. */
  get(source: string): ExactUnit | undefined {
    return this.bytes ? this.getBytes(source) : this.getText(source);
  }

  private getText(source: string): Group | undefined {
    // A text that is some group's key, or a source already added, is found without folding it,
    // by one hash for both maps.
    const hash = sampleHash(source);
    const known = this.groups.get(hash, source) ?? this.bySource.get(hash, source)?.group;
    if (known !== undefined) return known;
    const key = foldKey(source);
    return key === source ? undefined : this.groups.get(sampleHash(key), key);
  }

  /**
   * getText over byte strings: a paragraph written as the source of its group's best unit (nearly
   * every match) is found by the hash of its folded form read from its own bytes, and one
   * comparison; a paragraph no unit has (a new one, in most pipelines) is told so by that hash.
   */
  private getBytes(source: string): Group | undefined {
    const guess = foldedSampleHash(source);
    const first = this.groups.first(guess);
    if (first !== undefined && first.source === source) return first;
    const form = inPlaceForm(source);
    if (form !== undefined) {
      if (form === source) return first === undefined ? undefined : this.groups.get(guess, normalizeBytes(form));
      // Written with harakat or tatweel: found by the hash of its folded form, and one comparison.
      const keyHash = foldedSampleHash(form);
      const same = this.groups.first(keyHash);
      if (same === undefined || same.source === source) return same;
      return this.groups.get(keyHash, normalizeBytes(form));
    }
    const key = normalizeBytes(source);
    return this.groups.get(sampleHash(key), key);
  }

  /** Forgets every unit (a reader starting over, or a run done with the memory). */
  clear(): void {
    this.groups.clear();
    this.bySource.clear();
    this.stored = 0;
  }
}

/** An entry of a TextMap: its text, and the other entries of its hash once there are some. */
interface Keyed<T> {
  /** The text the entry is found by (a group's folded source, an alias's source). */
  readonly key: string;
  /** The entries added after this one with the same sampleHash, by their key. */
  sameHash: Map<string, T> | undefined;
}

/**
 * Entries found by their text, in a Map keyed by the text's sampleHash. V8 hashes a string key over
 * all its characters, and a 20k-unit pipeline hashes 40k paragraphs and sources of ~280 bytes; a
 * number is hashed as it is, and sampleHash reads 24 to 48 characters. The first entry of a hash is
 * the Map's value, any other is in that entry's `sameHash`, by its whole text; every answer
 * compares the whole text. Texts that share a hash (the same length and sampled characters, as
 * near-repeats that differ only between samples, or by chance) thus cost one more look-up by the
 * whole text, what a Map of whole texts costs, never a scan. ExactMemory's add and get over the bench's
 * 20k units and paragraphs, the readers' time aside (fresh processes, medians of 31, load 1.3):
 * ~45 → ~34 ms. Keyed by a middle slice of 40 characters instead: ~36 ms, its look-ups slower (a
 * slice made for each, and every key of a Map bucket's chain then has the slice's length, so the
 * Map compares each).
 */
class TextMap<T extends Keyed<T>> {
  private readonly firsts = new Map<number, T>();

  /** The entry of `text`, whose sampleHash is `hash`. */
  get(hash: number, text: string): T | undefined {
    const first = this.firsts.get(hash);
    if (first === undefined) return undefined;
    return first.key === text ? first : first.sameHash?.get(text);
  }

  /** The first entry added with this hash. */
  first(hash: number): T | undefined {
    return this.firsts.get(hash);
  }

  /** Adds an entry whose key is not in the map yet (`hash` the sampleHash of its key). */
  add(hash: number, entry: T): void {
    const first = this.firsts.get(hash);
    if (first === undefined) this.firsts.set(hash, entry);
    else (first.sameHash ??= new Map()).set(entry.key, entry);
  }

  clear(): void {
    this.firsts.clear();
  }
}

/** How many characters, at least, sampleHash reads of a text longer than that (all of a shorter one). */
export const HASH_SAMPLES = 24;

/**
 * A 30-bit hash (a small integer, hashed by a Map as it is) of a text's length and every
 * (length / HASH_SAMPLES)th character from its end: spread over the whole text, since paragraphs of
 * one document often open alike (a dateline, "وقال ...") and close alike (a sign-off such as
 * "(رويترز).").
 */
export function sampleHash(text: string): number {
  const length = text.length;
  const step = length <= HASH_SAMPLES ? 1 : Math.floor(length / HASH_SAMPLES);
  let h = length;
  for (let i = length - 1; i >= 0; i -= step) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

const isBlank = (text: string): boolean => text.trim() === '';

/**
 * The first bytes of the white space String#trim takes off, in UTF-8: ASCII's tab to CR and space,
 * and the lead bytes of NBSP, U+1680, U+2000–U+200A, U+2028/9, U+202F, U+205F, U+3000 and U+FEFF.
 */
const SPACE_FIRST_BYTES = new Uint8Array(256);
for (const b of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xc2, 0xe1, 0xe2, 0xe3, 0xef]) SPACE_FIRST_BYTES[b] = 1;

/**
 * False for a byte string that does not start with white space, so is not blank, found without the
 * regular expression (a unit's source and target are both asked): empty strings and those that
 * start with a byte of SPACE_FIRST_BYTES may be blank. tests/unit/main/tm/exact.test.ts holds it
 * to String#trim for every BMP character.
 */
export function mayBeBlankBytes(bytes: string): boolean {
  return bytes.length === 0 || SPACE_FIRST_BYTES[bytes.charCodeAt(0)] === 1;
}
