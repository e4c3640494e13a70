// What formats without XLIFF's inline elements do with codes: TMX writes its own (bpt/ept/it/ph) and
// reads back clean text for the memory; plain-text targets and CSV keep breaks and tabs as characters.
import { describe, expect, it } from 'vitest';
import { parseTmx, writeTmx } from '../../../../src-main/formats/tmx';
import { writeCsv } from '../../../../src-main/formats/csv';
import { writeTargetTxt } from '../../../../src-main/formats/target-text';
import type { InlineCode } from '../../../../src-main/shared/inline';
import { model, pair } from './helpers/model';

const codes: InlineCode[] = [
  { pos: 0, kind: 'open', id: 'b', type: 'bold', native: '<b>' },
  { pos: 5, kind: 'close', id: 'b', type: 'bold', native: '</b>' },
  { pos: 5, kind: 'standalone', id: 'br', type: 'break', native: '<br/>' },
];
const m = model([
  pair(1, { source: 'مرحبا عالم', sourceCodes: codes, target: 'Hello world', targetCodes: codes, status: 'approved' }),
  pair(2, { source: 'نص', target: 'Lone', targetCodes: [{ pos: 0, kind: 'open', id: 'b', type: 'bold' }], status: 'approved' }),
]);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe('inline codes in TMX, TXT and CSV', () => {
  it('TMX: bpt/ept numbered alike in source and target, ph for standalone, it for a lone end', () => {
    const xml = dec(writeTmx(m));
    expect(xml).toContain(
      '<seg><bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>Hello<ept i="1">&lt;/b&gt;</ept><ph x="2" type="break">&lt;br/&gt;</ph> world</seg>',
    );
    expect(xml).toContain('<seg><bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>مرحبا<ept i="1">&lt;/b&gt;</ept>');
    expect(xml).toContain('<seg><it pos="begin" x="1" type="bold"></it>Lone</seg>');
    // The memory reads clean text back: codes never reach a match score.
    expect(parseTmx(writeTmx(m)).map((u) => [u.source, u.target])).toEqual([
      ['مرحبا عالم', 'Hello world'],
      ['نص', 'Lone'],
    ]);
  });
  it('TXT and CSV: a break code is a line break, other codes are left out', () => {
    expect(dec(writeTargetTxt(m))).toContain('Hello\n world');
    expect(dec(writeCsv(m))).toContain('"Hello\n world"');
  });
});
