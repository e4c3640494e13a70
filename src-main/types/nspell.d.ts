// nspell ships no types; this is the part of its API Qalam uses.
declare module 'nspell' {
  interface NSpell {
    correct(word: string): boolean;
    suggest(word: string): string[];
    add(word: string): NSpell;
    remove(word: string): NSpell;
  }
  function nspell(aff: Uint8Array | string, dic?: Uint8Array | string): NSpell;
  export default nspell;
}
