import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  glossaryFormatOf,
  parseGlossary,
  parseGlossaryCsv,
  parseTbx,
  writeGlossaryCsv,
  writeTbx,
  type ExportTerm,
} from '../../../../src-main/formats/glossary';
import { GLOSSARY_LIMIT_BYTES } from '../../../../src-main/shared/glossary';
import type { QalamError } from '../../../../src-main/shared/errors';
import { FIXTURES } from '../helpers';
import { readFileSync } from 'node:fs';
import { requireTool, run, runPython, tempDir } from './helpers/tools';

const enc = (s: string) => new TextEncoder().encode(s);

function refusal(fn: () => unknown): { code: string; params: Record<string, unknown> | undefined } {
  try {
    fn();
  } catch (e) {
    return { code: (e as QalamError).code, params: (e as QalamError).params };
  }
  throw new Error('not refused');
}

const TERMS: ExportTerm[] = [
  {
    id: 1,
    source: 'قوات حفظ السلام',
    target: 'peacekeeping forces; peacekeepers',
    note: 'CSTO usage, "collective"',
    forbidden: false,
    createdBy: 'Tariq',
    createdAt: '2026-01-02T03:04:05.000Z',
  },
  {
    id: 2,
    source: 'معاهدة الأمن الجماعي',
    target: 'Collective Security Treaty',
    note: '',
    forbidden: false,
    createdBy: 'Eda',
    createdAt: '2026-01-02T03:04:06.000Z',
  },
  {
    id: 3,
    source: 'الناتو',
    target: 'the Atlantic pact',
    note: 'say NATO',
    forbidden: true,
    createdBy: '',
    createdAt: '2026-01-03T00:00:00.000Z',
  },
  {
    id: 4,
    source: 'سطر',
    target: '=SUM(A1)',
    note: 'line\nbreak\tand tab',
    forbidden: false,
    createdBy: 'x',
    createdAt: '2026-01-03T00:00:00.000Z',
  },
];

const comparable = (terms: readonly ExportTerm[]) =>
  terms.map(({ source, target, note, forbidden, createdBy, createdAt }) => ({
    source,
    target,
    note,
    forbidden,
    ...(createdBy ? { createdBy } : {}),
    createdAt,
  }));

describe('glossary CSV and TSV', () => {
  it('round-trips every field through CSV and TSV, formula cells guarded', () => {
    for (const delimiter of [',', '\t'] as const) {
      const bytes = writeGlossaryCsv(TERMS, delimiter);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      expect(text.startsWith('\uFEFFarabic' + delimiter + 'english')).toBe(true);
      expect(text).toContain("'=SUM(A1)");
      const parsed = parseGlossaryCsv(bytes);
      expect(parsed.skipped).toBe(0);
      expect(parsed.entries).toEqual(comparable(TERMS));
    }
  });

  it('detects a header in either language and in any column order', () => {
    const csv = 'Note;English;Arabic\n"a note; with delimiter";Security Council;مجلس الأمن\n';
    expect(parseGlossaryCsv(enc(csv)).entries).toEqual([
      { source: 'مجلس الأمن', target: 'Security Council', note: 'a note; with delimiter', forbidden: false },
    ]);
    const ar = 'العربية,الإنجليزية,محظور\nالناتو,the Atlantic pact,نعم\n';
    expect(parseGlossaryCsv(enc(ar)).entries[0]).toMatchObject({ source: 'الناتو', forbidden: true });
  });

  it('reads a sheet without a header, English first or second, with quoted multi-line fields and a BOM', () => {
    const plain = '\uFEFFمجلس الأمن,Security Council,"a note\nover two lines"\nالسلام,peace\n';
    expect(parseGlossaryCsv(enc(plain)).entries.map((e) => [e.source, e.target, e.note])).toEqual([
      ['مجلس الأمن', 'Security Council', 'a note\nover two lines'],
      ['السلام', 'peace', ''],
    ]);
    const swapped = 'Security Council\tمجلس الأمن\npeace\tالسلام\n';
    expect(parseGlossaryCsv(enc(swapped)).entries.map((e) => e.source)).toEqual(['مجلس الأمن', 'السلام']);
  });

  it('skips rows without both forms and counts them', () => {
    const parsed = parseGlossaryCsv(enc('arabic,english\nالسلام,peace\nوحده,\n,alone\n'));
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.skipped).toBe(2);
  });

  it('refuses files it cannot read, with the reason', () => {
    expect(refusal(() => parseGlossaryCsv(enc('english,note\npeace,x\n'))).params).toMatchObject({ context: 'glossary_columns' });
    expect(refusal(() => parseGlossaryCsv(enc('السلام\nالحرب\n'))).params).toMatchObject({ context: 'glossary_columns' });
    expect(refusal(() => parseGlossaryCsv(enc('arabic,english\n"السلام,peace\n'))).params).toMatchObject({
      detail: 'csv_unclosed_quote',
    });
    expect(refusal(() => parseGlossaryCsv(enc(`arabic,english\nالسلام,${'x'.repeat(501)}\n`))).params).toEqual({
      context: 'glossary_too_long',
      line: 2,
      max: 500,
    });
    expect(refusal(() => parseGlossaryCsv(enc('  \n'))).code).toBe('import_empty');
    expect(refusal(() => parseGlossaryCsv(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41]))).code).toBe('import_encoding');
  });

  it('refuses a file over the size limit before reading it', () => {
    const big = new Uint8Array(GLOSSARY_LIMIT_BYTES + 1).fill(0x61);
    expect(refusal(() => parseGlossary('big.csv', big))).toEqual({
      code: 'import_too_large',
      params: { context: 'glossary_size', sizeMb: 21, limitMb: 20 },
    });
  });

  it('tells the format from the extension, else from the content', () => {
    expect(glossaryFormatOf('g.TBX', enc('x'))).toBe('tbx');
    expect(glossaryFormatOf('g.tsv', enc('x'))).toBe('tsv');
    expect(glossaryFormatOf('glossary', enc('\uFEFF  <martif/>'))).toBe('tbx');
    expect(glossaryFormatOf('glossary', enc('arabic,english'))).toBe('csv');
  });
});

const TBX3 = `<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <descrip type="definition">Troops sent to keep the peace.</descrip>
      <langSec xml:lang="ar-SA">
        <termSec><term>قوات حفظ السلام</term></termSec>
      </langSec>
      <langSec xml:lang="en-US">
        <termSec><term>peacekeeping forces</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>peace troops</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
    <conceptEntry id="c2">
      <langSec xml:lang="fr"><termSec><term>paix</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>peace</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>`;

describe('TBX', () => {
  it('round-trips TBX-Basic: alternatives, notes, the forbidden flag, who and when', () => {
    const parsed = parseTbx(writeTbx(TERMS, 'Qalam glossary'));
    expect(parsed.skipped).toBe(0);
    expect(parsed.entries).toEqual(comparable(TERMS));
  });

  it('reads TBX 3 (tbx, conceptEntry, langSec, termSec) with regional language codes', () => {
    const parsed = parseTbx(enc(TBX3));
    expect(parsed.entries).toEqual([
      { source: 'قوات حفظ السلام', target: 'peacekeeping forces', note: 'Troops sent to keep the peace.', forbidden: false },
      { source: 'قوات حفظ السلام', target: 'peace troops', note: 'Troops sent to keep the peace.', forbidden: true },
    ]);
    expect(parsed.skipped).toBe(1); // no Arabic in the second concept
  });

  it('writes TBX that xmllint parses and translate-toolkit reads as Arabic→English units', () => {
    const bytes = writeTbx(TERMS, 'Qalam & <glossary>');
    const file = join(tempDir('tbx'), 'glossary.tbx');
    writeFileSync(file, bytes);
    const lint = run(requireTool('xmllint'), ['--nonet', '--noout', file]);
    expect(lint).toEqual({ status: 0, output: '' });
    const units = runPython<{ source: string; target: string }[]>(
      `
import json, sys
from translate.storage import tbx
store = tbx.tbxfile.parsefile(sys.argv[1])
store.setsourcelanguage('ar')
store.settargetlanguage('en')
print(json.dumps([{'source': u.source, 'target': u.target} for u in store.units], ensure_ascii=False))
`,
      [file],
    );
    expect(units.map((u) => u.source)).toEqual(['قوات حفظ السلام', 'معاهدة الأمن الجماعي', 'الناتو', 'سطر']);
  });

  it('refuses hostile XML: entity expansion and external entities', () => {
    const laughs = readFileSync(join(FIXTURES, 'formats/hostile/billion-laughs.xml'));
    expect(refusal(() => parseGlossary('laughs.tbx', laughs)).code).toBe('import_unsafe_xml');
    const xxe = `<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<martif type="TBX-Basic"><text><body><termEntry><langSet xml:lang="ar"><tig><term>&e;</term></tig></langSet>
<langSet xml:lang="en"><tig><term>x</term></tig></langSet></termEntry></body></text></martif>`;
    expect(refusal(() => parseTbx(enc(xxe))).code).toBe('import_unsafe_xml');
  });

  it('refuses XML that is not TBX, broken XML and TBX without entries', () => {
    expect(refusal(() => parseTbx(enc('<xliff version="1.2"/>'))).params).toMatchObject({ context: 'glossary_not_tbx' });
    expect(refusal(() => parseTbx(enc('<martif><text><body><termEntry>'))).code).toBe('import_malformed');
    expect(refusal(() => parseTbx(enc('<martif type="TBX-Basic"><text><body/></text></martif>'))).code).toBe('import_empty');
  });
});
