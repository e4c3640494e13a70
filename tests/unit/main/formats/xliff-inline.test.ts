// XLIFF inline codes: every inline element of 1.2 and 2.0 is read into codes and written back
// exactly; a file exported after translation differs from the input only in targets, states and notes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportModel, ImportedDocument } from '../../../../src-main/formats/model';
import { parseXliff12, writeXliff12 } from '../../../../src-main/formats/xliff12';
import { parseXliff20, writeXliff20 } from '../../../../src-main/formats/xliff20';
import { elements, parseXml, type XmlElement, type XmlNode } from '../../../../src-main/formats/xml';
import { fromTagged, toTagged, tagNumbers, type InlineCode } from '../../../../src-main/shared/inline';
import { model, pair } from './helpers/model';
import { REPO_ROOT, runPython, tempDir, validateXliff } from './helpers/tools';
import { writeFileSync } from 'node:fs';

const fixture = (name: string) => new Uint8Array(readFileSync(join(REPO_ROOT, 'tests/fixtures/formats/xliff', name)));
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

const V12 = fixture('inline-12.xlf');
const V20 = fixture('inline-20.xlf');

/** The translator's targets, tags written as tokens and resolved against each source's codes. */
const TARGETS_12 = [
  'Maria {1}Zakharova{/1} said{2/}her country is not an aggressor.',
  'Read {1}the full statement{/1} on the website{2/}.',
  '{1}The Foreign Ministry{/1} and {2/}the United Nations',
  'The term {1}peacekeeping{/1} with a note{2/}.',
  'No codes',
];
const TARGETS_20 = [
  'Maria {1}Zakharova{/1} said{2/}her country is not an aggressor.',
  'Read {1}the full statement{/1} on the website.',
  'The term {1}peacekeeping{/1} and {2}a text to check{/2} and a sign.',
  'The {1}peacekeeping{/1} mission',
  'No codes',
];

function translated(doc: ImportedDocument, targets: string[], format: 'xliff12' | 'xliff20', bytes: Uint8Array): ExportModel {
  const pairs = doc.paragraphs.map((p, i) => {
    const t = fromTagged(targets[i]!, p.sourceCodes ?? []);
    return pair(i + 1, {
      position: i,
      source: p.source,
      sourceCodes: p.sourceCodes ?? null,
      target: t.text,
      targetCodes: t.codes,
      status: i === 0 ? 'approved' : 'translated',
    });
  });
  return model(pairs, { original: { format, bytes } });
}

/** The tree without what an export may change: targets, states, notes; white space between elements. */
function stripped(node: XmlElement): unknown {
  const STATE_ATTRS = new Set(['state', 'state-qualifier', 'approved', 'subState', 'xmlns:qalam']);
  const keep = (n: XmlNode): boolean =>
    n.type === 'text'
      ? n.text.trim() !== ''
      : !['target', 'note', 'notes'].includes(n.local) &&
        !(n.local === 'context-group' && n.attrs.some((a) => a.value.startsWith('x-qalam-notes-')));
  const walk = (el: XmlElement): unknown => ({
    name: el.name,
    attrs: el.attrs.filter((a) => !STATE_ATTRS.has(a.name)).map((a) => [a.name, a.value]),
    children: el.children.filter(keep).map((c) => (c.type === 'text' ? c.text : walk(c))),
  });
  return walk(node);
}

function targetsOf(xml: string): string[] {
  return [...xml.matchAll(/<target[^>]*>([\s\S]*?)<\/target>/g)].map((m) => m[1]!);
}

describe.each([
  ['1.2', V12, parseXliff12, writeXliff12, 'xliff12', TARGETS_12],
  ['2.0', V20, parseXliff20, writeXliff20, 'xliff20', TARGETS_20],
] as const)('XLIFF %s inline codes', (version, bytes, parse, write, format, targets) => {
  const doc = parse(bytes);
  const out = write(translated(doc, [...targets], format, bytes));
  const xml = dec(out);

  it('reads every inline element as a code, never as text', () => {
    for (const p of doc.paragraphs) expect(p.source).not.toMatch(/[<>]|&lt;|href|img/);
    const kinds = doc.paragraphs.flatMap((p) => (p.sourceCodes ?? []).map((c) => /^<\/?([\w]+)/.exec(c.native ?? '')![1]));
    const expected =
      version === '1.2' ? ['g', 'x', 'bpt', 'ept', 'ph', 'bx', 'ex', 'it', 'mrk'] : ['pc', 'ph', 'sc', 'ec', 'mrk', 'sm', 'em'];
    expect(new Set(kinds)).toEqual(new Set(expected));
    if (version === '1.2') {
      // <sub> lives inside its placeholder's native code, untouched.
      expect(doc.paragraphs[3]!.sourceCodes![2]!.native).toBe(
        '<ph id="8" ctype="x-footnote">&lt;fn title="<sub>ملاحظة المحرر</sub>"/&gt;</ph>',
      );
    } else {
      // <cp> is a character, not a code.
      expect(doc.paragraphs[2]!.source.endsWith('ورمز\u0001.')).toBe(true);
    }
  });

  it('pairs opens with closes and ties target codes to source codes by id', () => {
    for (const p of doc.paragraphs) {
      const codes = p.sourceCodes ?? [];
      for (const c of codes.filter((x) => x.kind === 'close'))
        expect(codes.some((o) => o.kind === 'open' && o.id === c.id)).toBe(true);
    }
    const translatedUnit = doc.paragraphs[3]!;
    const src = new Set((translatedUnit.sourceCodes ?? []).map((c) => `${c.kind}:${c.id}`));
    for (const c of translatedUnit.targetCodes ?? []) expect(src.has(`${c.kind}:${c.id}`)).toBe(true);
  });

  it('the export differs from the input only in targets, states and notes', () => {
    expect(stripped(parseXml(out))).toEqual(stripped(parseXml(bytes)));
  });

  it('writes every source tag into the target with byte-for-byte the same markup', () => {
    const written = targetsOf(xml);
    doc.paragraphs.forEach((p, i) => {
      const t = fromTagged(targets[i]!, p.sourceCodes ?? []);
      for (const c of t.codes) expect(written[i]).toContain(c.native!);
    });
  });

  it('reads back the same targets and codes', () => {
    const back = parse(out);
    back.paragraphs.forEach((p, i) => {
      const expected = fromTagged(targets[i]!, doc.paragraphs[i]!.sourceCodes ?? []);
      expect([p.target, p.targetCodes ?? []]).toEqual([expected.text, expected.codes]);
      expect(toTagged(p.target ?? '', p.targetCodes ?? [], tagNumbers(p.sourceCodes ?? []))).toBe(targets[i]);
    });
    expect(back.paragraphs[0]!.status).toBe('approved');
  });

  it('still validates against the OASIS schema', () => {
    const r = validateXliff(out, version);
    expect(r.valid, r.output).toBe(true);
  });

  it('keeps the file well formed and valid when the translator reorders or drops paired tags', () => {
    const src = doc.paragraphs[0]!.sourceCodes!;
    const [open, close] = [src[0]!, src[1]!];
    // close before open, and an open whose close was deleted
    const crossed: InlineCode[] = [
      { ...close, pos: 2 },
      { ...open, pos: 5 },
    ];
    const m = translated(doc, [...targets], format, bytes);
    m.pairs[0] = { ...m.pairs[0]!, target: 'Maria Zakharova', targetCodes: crossed };
    m.pairs[3] = { ...m.pairs[3]!, target: 'Peacekeeping', targetCodes: [{ ...doc.paragraphs[3]!.sourceCodes![0]!, pos: 0 }] };
    const broken = write(m);
    const r = validateXliff(broken, version);
    expect(r.valid, r.output).toBe(true);
    const back = parse(broken);
    expect(back.paragraphs[0]!.target).toBe('Maria Zakharova');
    expect(back.paragraphs[0]!.targetCodes!.map((c) => c.pos)).toEqual([2, 5]);
  });
});

describe('XLIFF without an original', () => {
  it('a document from elsewhere still writes its codes as generic inline elements that validate', () => {
    const codes: InlineCode[] = [
      { pos: 0, kind: 'open', id: 'b1', type: 'bold', native: '<w:b/>', format: 'docx' },
      { pos: 5, kind: 'close', id: 'b1', type: 'bold', native: '<w:b/>', format: 'docx' },
      { pos: 5, kind: 'standalone', id: 'br', type: 'break', format: 'docx' },
    ];
    const m = model([pair(1, { source: 'مرحبا عالم', sourceCodes: codes, target: 'Hello world', targetCodes: codes })]);
    const x12 = dec(writeXliff12(m));
    expect(x12).toContain('<source xml:lang="ar"><g id="q1" ctype="bold">مرحبا</g><x id="q2" ctype="lb"/> عالم</source>');
    expect(validateXliff(writeXliff12(m), '1.2').valid).toBe(true);
    const x20 = dec(writeXliff20(m));
    expect(x20).toContain(
      '<target><pc id="q1" type="fmt" subType="xlf:b">Hello</pc><ph id="q2" type="fmt" subType="xlf:lb"/> world</target>',
    );
    expect(validateXliff(writeXliff20(m), '2.0').valid).toBe(true);
    expect(parseXliff20(writeXliff20(m)).paragraphs[0]!.targetCodes!.map((c) => [c.pos, c.kind, c.type])).toEqual([
      [0, 'open', 'bold'],
      [5, 'close', 'bold'],
      [5, 'standalone', 'break'],
    ]);
  });
});

describe('translate-toolkit', () => {
  it('reads the exported 1.2 file with its inline codes as placeables', () => {
    const doc = parseXliff12(V12);
    const out = writeXliff12(translated(doc, [...TARGETS_12], 'xliff12', V12));
    const file = join(tempDir('tt-inline'), 'inline.xlf');
    writeFileSync(file, out);
    const units = runPython<{ id: string; source: string; target: string }[]>(
      `
import json, sys
from translate.storage import factory
store = factory.getobject(sys.argv[1])
print(json.dumps([{"id": u.getid(), "source": str(u.source), "target": str(u.target)} for u in store.units if u.istranslatable()]))
`,
      [file],
    );
    expect(units.map((u) => u.id.split('ID_').pop()).length).toBe(5);
    expect(units[0]!.target).toContain('Zakharova');
    expect(units[1]!.target).toContain('the full statement');
    expect(elements(parseXml(out)).length).toBe(1);
  });
});
