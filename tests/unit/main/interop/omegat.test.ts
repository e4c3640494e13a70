// OmegaT (Debian's 3.6, headless console mode) reads Qalam's exports of the approved sample article:
//  • TMX: put in tm/auto/ of a project whose source is the Arabic article as plain text, our units are
//    applied as exact matches, so the translated file is the English of the 11 real paragraphs.
//  • XLIFF 1.2: put in source/, every unit comes through to the target XLIFF (well-formed, valid,
//    sources and translations intact). OmegaT 3.6's own XLIFF filter offers the text of <target> for
//    translation, not of <source> (it treats <source> as an intact tag: the Okapi/Rainbow convention of
//    a target pre-filled with a copy of the source), so it finds nothing to translate in units whose
//    target is empty, e.g. an untranslated Qalam export. That is OmegaT's limitation; our file is valid
//    XLIFF 1.2. The tests assert what OmegaT really does.
// Each OmegaT start takes 3–5 s; the two projects run side by side.
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTmx } from '../../../../src-main/formats/tmx';
import { parseXliff12 } from '../../../../src-main/formats/xliff12';
import { elements, firstElement, getAttr, parseXml, textContent, type XmlElement } from '../../../../src-main/formats/xml';
import { renderExport } from '../../../../src-main/services/io';
import { listPairs, setExcluded, setStatus } from '../../../../src-main/services/pairs';
import { requireTool, run, validateXliff } from '../formats/helpers/tools';
import { as, importSample, SAMPLE_PATH, sampleText, testRuntime } from '../helpers';
import { createProject, describeRun, readStats, requireOmegat, runOmegat, type OmegatRun } from './helpers/omegat';

const english = (n: number) => `English paragraph ${n} & <more>`;

let sources: string[] = [];
let tmxBytes: Uint8Array;
let projects: string[] = [];
let tmx: { project: string; run: OmegatRun };
let xliff: { project: string; translate: OmegatRun; pseudo: OmegatRun; pseudoTmx: string };

const APPROVED_XLF = 'news-article-ar.ar-en.xlf';
const UNTRANSLATED_XLF = 'untranslated.ar-en.xlf';

/** The <tu> elements of a TMX, with {lang: segment text}; an OmegaT DOCTYPE is dropped first (see below). */
function tmxUnits(xml: string): { tu: XmlElement; segs: Record<string, string>; tuvs: Record<string, XmlElement> }[] {
  const root = parseXml(xml.replace(/<!DOCTYPE[^>]*>/, ''));
  return elements(firstElement(root, 'body')!, 'tu').map((tu) => {
    const segs: Record<string, string> = {};
    const tuvs: Record<string, XmlElement> = {};
    for (const tuv of elements(tu, 'tuv')) {
      const lang = getAttr(tuv, 'lang') ?? getAttr(tuv, 'lang', 'http://www.w3.org/XML/1998/namespace')!;
      segs[lang] = textContent(firstElement(tuv, 'seg')!);
      tuvs[lang] = tuv;
    }
    return { tu, segs, tuvs };
  });
}

function expectRanOk(r: OmegatRun): void {
  expect(r.timedOut || r.status !== 0, `OmegaT failed:\n${describeRun(r)}`).toBe(false);
  expect(r.output, describeRun(r)).toContain('Finished');
}

beforeAll(async () => {
  requireOmegat();
  // The sample article as io.test.ts prepares it: an untranslated export first, then 11 paragraphs
  // translated and approved by the editor and the boilerplate last paragraph excluded.
  const rt = testRuntime();
  let untranslatedXliff: Uint8Array;
  let approvedXliff: Uint8Array;
  try {
    const doc = await importSample(rt);
    as(rt, 'editor');
    untranslatedXliff = (await renderExport(rt.ctx, { documentId: doc.id, format: 'xliff12' })).file.bytes;
    const pairs = listPairs(rt.ctx, doc.id, 0, 100).items;
    expect(pairs).toHaveLength(12);
    sources = pairs.map((p) => p.source);
    const boiler = pairs[11]!;
    setExcluded(rt.ctx, { pairId: boiler.id, expectedVersion: boiler.version, excluded: true });
    for (const p of pairs.slice(0, 11)) {
      setStatus(rt.ctx, {
        pairId: p.id,
        expectedVersion: p.version,
        action: 'approve',
        overrideQa: true,
        target: english(p.position + 1),
      });
    }
    tmxBytes = (await renderExport(rt.ctx, { documentId: doc.id, format: 'tmx' })).file.bytes;
    approvedXliff = (await renderExport(rt.ctx, { documentId: doc.id, format: 'xliff12' })).file.bytes;
  } finally {
    rt.dispose();
  }

  const tmxProject = createProject('tmx', { sourceLang: 'ar', targetLang: 'en' });
  copyFileSync(SAMPLE_PATH, join(tmxProject, 'source/news-article-ar.txt'));
  writeFileSync(join(tmxProject, 'tm/auto/news-article-ar.ar-en.tmx'), tmxBytes);

  const xliffProject = createProject('xliff', { sourceLang: 'ar', targetLang: 'en' });
  writeFileSync(join(xliffProject, 'source', APPROVED_XLF), approvedXliff);
  writeFileSync(join(xliffProject, 'source', UNTRANSLATED_XLF), untranslatedXliff);
  projects = [tmxProject, xliffProject];

  const pseudoTmx = join(xliffProject, 'pseudo.tmx');
  const [tmxRun, xliffRuns] = await Promise.all([
    runOmegat(tmxProject, 'console-translate'),
    (async () => {
      const translate = await runOmegat(xliffProject, 'console-translate');
      // A TMX of every segment OmegaT extracted, translation = source: what a translator would see.
      // (`omegat --help` calls this mode console-pseudotranslatetmx; 3.6 only accepts this spelling.)
      const pseudo = await runOmegat(xliffProject, 'console-createpseudotranslatetmx', [
        `--pseudotranslatetmx=${pseudoTmx}`,
        '--pseudotranslatetype=equal',
      ]);
      return { translate, pseudo };
    })(),
  ]);
  tmx = { project: tmxProject, run: tmxRun };
  xliff = { project: xliffProject, ...xliffRuns, pseudoTmx };
}, 240_000);

afterAll(() => {
  for (const p of projects) rmSync(p, { recursive: true, force: true });
});

describe('OmegaT applies our TMX from tm/auto', () => {
  it('translates the Arabic article with our 11 approved pairs, matched exactly on the ar source', () => {
    expectRanOk(tmx.run);
    expect(sampleText().split('\n'), 'Qalam paragraphs are the lines of the sample').toEqual(sources);
    const target = join(tmx.project, 'target/news-article-ar.txt');
    expect(existsSync(target), `no ${target}\n${describeRun(tmx.run)}`).toBe(true);
    // The excluded boilerplate is not in the TMX, so OmegaT leaves it as it was.
    const expected = sources.map((s, i) => (i < 11 ? english(i + 1) : s)).join('\n');
    expect(readFileSync(target, 'utf8')).toBe(expected);
    const stats = readStats(tmx.project);
    expect([stats.total, stats.remaining]).toEqual([12, 1]);
  });

  it('keeps our units as its own translations, with their authors and dates', () => {
    expectRanOk(tmx.run);
    // console-translate exports the project memory as <project folder>-omegat.tmx (TMX 1.1, `lang`).
    const exported = join(tmx.project, `${basename(tmx.project)}-omegat.tmx`);
    const ours = new Map(tmxUnits(Buffer.from(tmxBytes).toString('utf8')).map((u) => [u.segs.ar!, u]));
    const units = tmxUnits(readFileSync(exported, 'utf8'));
    expect(units).toHaveLength(11);
    expect(units.map((u) => u.segs.ar).sort()).toEqual(sources.slice(0, 11).sort());
    for (const u of units) {
      const mine = ours.get(u.segs.ar!)!;
      expect(u.segs.en).toBe(mine.segs.en);
      const en = u.tuvs.en!;
      expect(getAttr(en, 'changeid')).toBe('Eda Editor');
      expect(getAttr(en, 'changedate')).toBe(getAttr(mine.tu, 'changedate'));
      expect(getAttr(en, 'creationdate')).toBe(getAttr(mine.tu, 'creationdate'));
    }
  });

  it('Qalam reads the TMX OmegaT writes back (its DOCTYPE names a DTD that is never loaded)', () => {
    expectRanOk(tmx.run);
    const bytes = new Uint8Array(readFileSync(join(tmx.project, `${basename(tmx.project)}-omegat.tmx`)));
    expect(Buffer.from(bytes).toString('utf8')).toContain('<!DOCTYPE tmx SYSTEM "tmx11.dtd">');
    const units = parseTmx(bytes);
    expect(units.map((u) => [u.sourceLang, u.source, u.targetLang, u.target]).sort()).toEqual(
      sources
        .slice(0, 11)
        .map((s, i) => ['ar', s, 'en', english(i + 1)])
        .sort(),
    );
  });
});

describe('OmegaT reads our XLIFF 1.2 from source/', () => {
  it('writes a well-formed, valid target XLIFF with all 12 units, sources and approved translations intact', () => {
    expectRanOk(xliff.translate);
    const target = join(xliff.project, 'target', APPROVED_XLF);
    expect(existsSync(target), `no ${target}\n${describeRun(xliff.translate)}`).toBe(true);
    const xmllint = requireTool('xmllint');
    const wellFormed = run(xmllint, ['--nonet', '--noout', target]);
    expect(wellFormed.status, wellFormed.output).toBe(0);
    const bytes = new Uint8Array(readFileSync(target));
    const valid = validateXliff(bytes, '1.2');
    expect(valid.valid, valid.output).toBe(true);
    // Nothing was translated in OmegaT, so every unit comes back as we wrote it (OmegaT re-escapes `"`
    // as &quot; and writes an empty <target> as <target/>; the text is the same).
    const doc = parseXliff12(bytes);
    expect(doc.warnings).toEqual([]);
    expect([doc.sourceLang, doc.targetLang]).toEqual(['ar', 'en']);
    expect(doc.paragraphs.map((p) => p.source)).toEqual(sources);
    expect(doc.paragraphs.map((p) => [p.externalId, p.target, p.status, p.excluded])).toEqual(
      sources.map((_, i) => (i < 11 ? [String(i + 1), english(i + 1), 'approved', false] : ['12', '', 'new', true])),
    );
  });

  it('offers the 11 approved <target> texts for translation, not the Arabic <source> (OmegaT 3.6 filter design)', () => {
    expectRanOk(xliff.translate);
    expectRanOk(xliff.pseudo);
    expect(readStats(xliff.project).files[APPROVED_XLF]).toEqual({ total: 11, remaining: 11 });
    // The segments OmegaT extracted, as its pseudo-translation TMX lists them (source language side).
    const offered = tmxUnits(readFileSync(xliff.pseudoTmx, 'utf8')).map((u) => u.segs.ar);
    expect(offered.sort()).toEqual(
      sources
        .slice(0, 11)
        .map((_, i) => english(i + 1))
        .sort(),
    );
    // No Arabic at all: the translator would be asked to translate our English. (The excluded unit,
    // translate="no" with an empty target, gives nothing either way.)
    expect(offered.some((t) => /[\u0600-\u06ff]/.test(t!))).toBe(false);
  });

  it('finds nothing to translate in an untranslated export (empty targets), but passes the file through', () => {
    expectRanOk(xliff.translate);
    // OmegaT 3.6 leaves files without segments out of its statistics.
    const stats = readStats(xliff.project);
    expect(stats.files[UNTRANSLATED_XLF]).toBeUndefined();
    expect([stats.total, Object.keys(stats.files)]).toEqual([11, [APPROVED_XLF]]);
    const target = join(xliff.project, 'target', UNTRANSLATED_XLF);
    expect(existsSync(target), `no ${target}\n${describeRun(xliff.translate)}`).toBe(true);
    const doc = parseXliff12(new Uint8Array(readFileSync(target)));
    expect(doc.paragraphs.map((p) => p.source)).toEqual(sources);
    expect(doc.paragraphs.every((p) => p.target === '' && p.status === 'new')).toBe(true);
  });
});
