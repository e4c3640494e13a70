// The TXT export does what the export dialog says it does (issue 8, item 9). Decision: paragraphs
// are separated by a blank line. That is what a translator gets back from most prose tools, it keeps
// a line break inside a paragraph (a DOCX soft break) without turning it into a new paragraph, and
// Qalam's own plain-text import reads the file back as the same paragraphs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTargetTxt } from '../../../../src-main/formats/target-text';
import { parseTxt } from '../../../../src-main/formats/txt';
import { model, pair } from './helpers/model';

const ROOT = join(__dirname, '../../../..');
const description = (lang: string) =>
  (
    JSON.parse(readFileSync(join(ROOT, `src-renderer/locales/${lang}.json`), 'utf8')) as {
      export: { formats: { txt: { description: string } } };
    }
  ).export.formats.txt.description;

describe('TXT export', () => {
  const doc = model([
    pair(1, { target: 'First paragraph.', status: 'translated' }),
    pair(2, { target: 'Second paragraph,\nwith a line break inside.', status: 'translated' }),
    pair(3, { target: 'Third.', status: 'translated' }),
  ]);
  const out = new TextDecoder().decode(writeTargetTxt(doc));

  it('separates paragraphs with a blank line and keeps line breaks inside a paragraph', () => {
    expect(out).toBe('First paragraph.\n\nSecond paragraph,\nwith a line break inside.\n\nThird.\n');
  });

  it('is described that way in both languages, not as "one paragraph per line"', () => {
    expect(description('en')).toMatch(/blank line/);
    expect(description('en')).not.toMatch(/per line/);
    expect(description('ar')).toMatch(/سطر فارغ/);
    expect(description('ar')).not.toMatch(/فقرة في كل سطر/);
  });

  it('reads back into the same paragraphs when the paragraphs have no line breaks inside', () => {
    const plain = new TextDecoder().decode(
      writeTargetTxt(
        model([pair(1, { target: 'One.' }), pair(2, { target: 'Two.' })].map((p) => ({ ...p, status: 'translated' as const }))),
      ),
    );
    expect(parseTxt(new TextEncoder().encode(plain)).paragraphs.map((p) => p.source)).toEqual(['One.', 'Two.']);
  });
});
