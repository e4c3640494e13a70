// translate-toolkit (Debian's, run with /usr/bin/python3) reads our XLIFF 1.2 and TMX through its
// Python API, and pofilter's checks run over them. We assert on what the API returns.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeTmx } from '../../../../src-main/formats/tmx';
import { writeXliff12 } from '../../../../src-main/formats/xliff12';
import { elements, firstElement, getAttr, parseXml, textContent, type XmlElement } from '../../../../src-main/formats/xml';
import { comment, model, pair } from './helpers/model';
import { REPO_ROOT, requireTool, run, runPython, tempDir } from './helpers/tools';

const article = readFileSync(join(REPO_ROOT, 'tests/fixtures/news-article-ar.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
const pairs = article.map((source, i) =>
  pair(i + 1, {
    source,
    target: `English paragraph ${i + 1}.`,
    status: i % 3 === 0 ? 'approved' : i % 3 === 1 ? 'translated' : 'draft',
  }),
);
pairs.push(
  pair(100, { source: 'سطر\r\nثان & <وسم>', target: 'Line\r\ntwo & <tag>', status: 'approved' }),
  pair(101, {
    source: 'القط',
    target: 'the the cat',
    status: 'rejected',
    rejectionReason: 'Repeated word',
    comments: [comment(1)],
  }),
  pair(102, { source: 'بلا ترجمة', target: '', status: 'new' }),
  pair(103, { source: 'مستبعد', target: 'Excluded', status: 'approved', excluded: true }),
);
const sample = model(pairs);

interface ToolkitUnit {
  id: string;
  source: string;
  target: string;
  approved: boolean;
  translatable: boolean;
  langs: string[];
  checks: string[];
}
interface ToolkitResult {
  xliff: { sourcelanguage: string; targetlanguage: string; units: ToolkitUnit[] };
  tmx: { units: ToolkitUnit[] };
}

const SCRIPT = `
import json, sys
from translate.storage import factory
from translate.filters import checks

checker = checks.StandardChecker(checks.CheckerConfig(targetlanguage='en'))
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'

def units(store, tmx):
    out = []
    for u in store.units:
        if u.isheader():
            continue
        out.append({
            'id': u.getid().split('\\x04')[-1],
            'source': u.source,
            'target': u.target or '',
            'approved': bool(u.isapproved()) if hasattr(u, 'isapproved') else False,
            'translatable': bool(u.istranslatable()),
            'langs': [t.get(XML_LANG) for t in u.xmlelement.findall('tuv')] if tmx else [],
            'checks': sorted(checker.run_filters(u).keys()),
        })
    return out

xliff = factory.getobject(sys.argv[1])
tmx = factory.getobject(sys.argv[2])
print(json.dumps({
    'xliff': {'sourcelanguage': xliff.getsourcelanguage(), 'targetlanguage': xliff.gettargetlanguage(), 'units': units(xliff, False)},
    'tmx': {'units': units(tmx, True)},
}))
`;

describe('translate-toolkit reads our files', () => {
  const dir = tempDir('ttk');
  const xliffPath = join(dir, 'doc.xlf');
  const tmxPath = join(dir, 'memory.tmx');
  let result: ToolkitResult;

  beforeAll(() => {
    requireTool('python');
    writeFileSync(xliffPath, writeXliff12(sample));
    writeFileSync(tmxPath, writeTmx(sample));
    result = runPython<ToolkitResult>(SCRIPT, [xliffPath, tmxPath]);
  });

  it('reads every XLIFF 1.2 unit with its exact source and target, ar → en', () => {
    expect(result.xliff.sourcelanguage).toBe('ar');
    expect(result.xliff.targetlanguage).toBe('en');
    expect(result.xliff.units.map((u) => [u.id, u.source, u.target])).toEqual(
      sample.pairs.map((p) => [String(p.id), p.source, p.target]),
    );
    expect(result.xliff.units.filter((u) => u.approved).map((u) => u.id)).toEqual(
      sample.pairs.filter((p) => p.status === 'approved').map((p) => String(p.id)),
    );
    expect(result.xliff.units.find((u) => u.id === '103')!.translatable).toBe(false);
  });

  it('reads one TMX unit per approved, included pair, Arabic variant first', () => {
    const expected = sample.pairs.filter((p) => p.status === 'approved' && !p.excluded);
    expect(result.tmx.units.map((u) => [u.source, u.target])).toEqual(expected.map((p) => [p.source, p.target]));
    expect(result.tmx.units.every((u) => u.langs.join() === 'ar,en')).toBe(true);
  });

  it("pofilter's checks run over the units and find what is wrong in them", () => {
    const byId = new Map(result.xliff.units.map((u) => [u.id, u.checks]));
    expect(byId.get('101')).toContain('doublewords');
    expect(byId.get('102')).toContain('untranslated');
    expect(byId.get('1')).not.toContain('doublewords');
  });

  it('the pofilter command annotates the failing units in its output', () => {
    const pofilter = requireTool('pofilter');
    const out = join(dir, 'checked.xlf');
    run(pofilter, ['--progress=none', '-t', 'doublewords', '-t', 'untranslated', '-i', xliffPath, '-o', out]);
    // pofilter copies our 1.2 units into a 1.1 document, which its own API then cannot read back,
    // so its output is read with our XML reader.
    const units: XmlElement[] = [];
    const walk = (el: XmlElement) => elements(el).forEach((c) => (c.local === 'trans-unit' ? units.push(c) : walk(c)));
    walk(parseXml(readFileSync(out)));
    const flagged = Object.fromEntries(
      units.map((u) => [
        getAttr(u, 'id'),
        elements(u, 'note')
          .filter((n) => getAttr(n, 'from') === 'pofilter')
          .map((n) => textContent(n).split(':')[0]),
      ]),
    );
    expect(flagged).toEqual({ '101': ['doublewords'], '102': ['untranslated'] });
    expect(textContent(firstElement(units[0]!, 'target')!)).toBe('the the cat');
  });
});
