// Inline codes through the store and the one write path: stored beside clean text, ignored by search
// and word counts, validated on every write, kept by history, and written back on export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../../src-main/shared/contract';
import { QalamError } from '../../../../src-main/shared/errors';
import { fromTagged, plainText } from '../../../../src-main/shared/inline';
import { importDocument } from '../../../../src-main/services/documents';
import { restore, listHistory } from '../../../../src-main/services/history';
import { renderExport, reviewApply, reviewPreview } from '../../../../src-main/services/io';
import { replaceParts, readZipText } from '../formats/helpers/zip';
import { getPair, listPairs, setStatus, updateTarget } from '../../../../src-main/services/pairs';
import { lookup } from '../../../../src-main/services/tm';
import { parseXliff12 } from '../../../../src-main/formats/xliff12';
import { countWords } from '../../../../src-main/text/words';
import { FIXTURES, as, testRuntime, type TestRuntime } from '../helpers';

let rt: TestRuntime;
beforeEach(() => (rt = testRuntime()));
afterEach(() => rt.dispose());

const XLF = new Uint8Array(readFileSync(join(FIXTURES, 'formats/xliff/inline-12.xlf')));

async function importInline() {
  as(rt, 'translator');
  const doc = await importDocument(rt.ctx, { fileName: 'inline-12.xlf', bytes: XLF });
  return { doc, pairs: listPairs(rt.ctx, doc.id, 0, 100).items };
}

describe('inline codes in the store', () => {
  it('keeps sources clean with their codes beside them; plain documents have none', async () => {
    const { pairs } = await importInline();
    expect(pairs[0]!.source).toBe('قالت ماريا زاخاروفا إنبلادها ليست معتدية.');
    expect(pairs[0]!.sourceCodes!.map((c) => [c.kind, c.type])).toEqual([
      ['open', 'bold'],
      ['close', 'bold'],
      ['standalone', 'break'],
    ]);
    expect(pairs[4]!.sourceCodes).toBeNull();
    // A line-break code keeps the words on either side apart for counts and search.
    expect(pairs[0]!.sourceWords).toBe(countWords('قالت ماريا زاخاروفا إن بلادها ليست معتدية.'));
    const found = listPairs(rt.ctx, pairs[0]!.documentId, 0, 10, { text: 'إن بلادها', textIn: 'source' });
    expect(found.items.map((p) => p.id)).toEqual([pairs[0]!.id]);
    const norm = rt.db.prepare('SELECT source_norm FROM pairs WHERE id = ?').pluck().get(pairs[1]!.id) as string;
    expect(norm).not.toMatch(/href|<|&lt;/);
  });

  it('saves a target with its codes; search and counts ignore them', async () => {
    const { pairs } = await importInline();
    const p = pairs[0]!;
    const t = fromTagged('Maria {1}Zakharova{/1} said{2/}her country is not an aggressor.', p.sourceCodes!);
    const saved = updateTarget(rt.ctx, { pairId: p.id, target: t.text, targetCodes: t.codes, expectedVersion: p.version });
    expect(saved.targetCodes).toEqual(t.codes);
    expect(saved.targetWords).toBe(countWords(plainText(t.text, t.codes)));
    expect(saved.targetWords).toBe(9);
    const hit = listPairs(rt.ctx, p.documentId, 0, 10, { text: 'said her', textIn: 'target' });
    expect(hit.items.map((x) => x.id)).toEqual([p.id]);
    // Unbalanced tags are allowed (marked in the editor, reported by QA), not refused.
    const unbalanced = updateTarget(rt.ctx, {
      pairId: p.id,
      target: 'Maria Zakharova',
      targetCodes: [t.codes[0]!],
      expectedVersion: saved.version,
    });
    expect(unbalanced.targetCodes).toHaveLength(1);
  });

  it('refuses codes that do not fit the text, and the contract refuses malformed ones', async () => {
    const { pairs } = await importInline();
    const p = pairs[0]!;
    const code = p.sourceCodes![0]!;
    expect(() =>
      updateTarget(rt.ctx, { pairId: p.id, target: 'ab', targetCodes: [{ ...code, pos: 3 }], expectedVersion: p.version }),
    ).toThrow(QalamError);
    expect(getPair(rt.ctx, p.id).version).toBe(p.version);
    const input = contract['pairs:update-target'].input;
    expect(
      input.safeParse({ pairId: 1, target: 'x', expectedVersion: 0, targetCodes: [{ ...code, kind: 'begin' }] }).success,
    ).toBe(false);
    expect(input.safeParse({ pairId: 1, target: 'x', expectedVersion: 0, targetCodes: [{ ...code, script: 'x' }] }).success).toBe(
      false,
    );
    expect(input.safeParse({ pairId: 1, target: 'x', expectedVersion: 0, targetCodes: [{ ...code, pos: 0 }] }).success).toBe(
      true,
    );
  });

  it('a confirm carries codes with its text, history keeps them, and restore brings them back', async () => {
    const { pairs } = await importInline();
    const p = pairs[1]!;
    const t = fromTagged('Read {1}the full statement{/1} on the website{2/}.', p.sourceCodes!);
    const confirmed = setStatus(rt.ctx, {
      pairId: p.id,
      expectedVersion: p.version,
      action: 'confirm',
      target: t.text,
      targetCodes: t.codes,
    });
    expect(confirmed.targetCodes).toEqual(t.codes);
    const edited = updateTarget(rt.ctx, { pairId: p.id, target: 'Read it.', expectedVersion: confirmed.version });
    expect(edited.targetCodes).toBeNull();
    const rev = listHistory(rt.ctx, p.id).find((r) => r.kind === 'confirm')!;
    expect(rev.targetCodes).toEqual(t.codes);
    const back = restore(rt.ctx, { pairId: p.id, revisionId: rev.id, expectedVersion: edited.version });
    expect([back.target, back.targetCodes]).toEqual([t.text, t.codes]);
  });

  it('exports the XLIFF it came from with the translated targets and their original inline markup', async () => {
    const { doc, pairs } = await importInline();
    const p = pairs[1]!;
    const t = fromTagged('Read {1}the full statement{/1} on the website{2/}.', p.sourceCodes!);
    updateTarget(rt.ctx, { pairId: p.id, target: t.text, targetCodes: t.codes, expectedVersion: p.version });
    const { file } = await renderExport(rt.ctx, { documentId: doc.id, format: 'xliff12' });
    const xml = new TextDecoder().decode(file.bytes);
    expect(xml).toContain('<header>\n      <tool tool-id="cms" tool-name="CMS export"/>');
    expect(xml).toContain(
      'Read <bpt id="3" ctype="link">&lt;a href="https://example.com/ar"&gt;</bpt>the full statement<ept id="3">&lt;/a&gt;</ept> on the website<ph id="4" ctype="image">&lt;img src="logo.png"/&gt;</ph>.</target>',
    );
    const back = parseXliff12(file.bytes).paragraphs[1]!;
    expect([back.target, back.targetCodes]).toEqual([t.text, t.codes]);
  });

  it('the bilingual review DOCX round-trips tags: unchanged tokens are no change, a deleted token is', async () => {
    const { doc, pairs } = await importInline();
    const p = pairs[1]!;
    const t = fromTagged('Read {1}the full statement{/1} on the website{2/}.', p.sourceCodes!);
    updateTarget(rt.ctx, { pairId: p.id, target: t.text, targetCodes: t.codes, expectedVersion: p.version });
    const { file } = await renderExport(rt.ctx, { documentId: doc.id, format: 'docx-bilingual' });
    const same = await reviewPreview(rt.ctx, doc.id, 'review.docx', file.bytes);
    expect(same.changes).toEqual([]);
    // The reviewer deletes the {2/} token: the text stays, the code goes.
    const xml = await readZipText(file.bytes, 'word/document.xml');
    const runs = [...xml.matchAll(/<w:r>(?:(?!<w:r>).)*?QalamTag(?:(?!<w:r>).)*?<\/w:r>/g)];
    const token = runs.find((r) => r[0].includes('{2/}') && r.index! > xml.indexOf('the full statement'))!;
    const edited = await replaceParts(file.bytes, {
      'word/document.xml': xml.slice(0, token.index) + xml.slice(token.index! + token[0].length),
    });
    const preview = await reviewPreview(rt.ctx, doc.id, 'review.docx', edited);
    expect(preview.changes.map((c) => c.pairId)).toEqual([p.id]);
    reviewApply(rt.ctx, { documentId: doc.id, token: preview.token, pairIds: [p.id], status: 'draft' });
    const after = getPair(rt.ctx, p.id);
    expect(after.target).toBe(t.text);
    expect(after.targetCodes!.map((c) => c.kind)).toEqual(['open', 'close']);
  });

  it('memory: codes never lower a match score, and a match gets the current source codes in order', async () => {
    const { pairs } = await importInline();
    const p = pairs[0]!;
    const t = fromTagged('Maria {1}Zakharova{/1} said{2/}her country is not an aggressor.', p.sourceCodes!);
    // Confirming goes through the write path, which mirrors the pair into the memory (clean text).
    setStatus(rt.ctx, {
      pairId: p.id,
      expectedVersion: p.version,
      action: 'confirm',
      target: t.text,
      targetCodes: t.codes,
    });
    // The same paragraph in XLIFF 2.0: other elements (pc/ph), other ids and markup, the same clean text.
    const v20 = await importDocument(rt.ctx, {
      fileName: 'inline-20.xlf',
      bytes: new Uint8Array(readFileSync(join(FIXTURES, 'formats/xliff/inline-20.xlf'))),
    });
    const q = listPairs(rt.ctx, v20.id, 0, 1).items[0]!;
    expect(q.source).toBe(p.source);
    const [match] = lookup(rt.ctx, { pairId: q.id }).matches;
    expect(match!.score).toBeGreaterThanOrEqual(100);
    expect(match!.target).toBe(t.text);
    // The 2.0 pair's own codes, at the places the memory's English had its tags.
    expect(match!.targetCodes!.map((c) => [c.pos, c.kind, c.native])).toEqual([
      [6, 'open', '<pc id="1" type="fmt" subType="xlf:b">'],
      [15, 'close', '</pc>'],
      [20, 'standalone', '<ph id="2" dataRef="d1" type="fmt" subType="xlf:lb"/>'],
    ]);
    // A pair without codes scores the same against the same memory.
    const plain = await importDocument(rt.ctx, {
      fileName: 'plain.txt',
      bytes: new TextEncoder().encode(p.source + '\n'),
    });
    const r = listPairs(rt.ctx, plain.id, 0, 1).items[0]!;
    const [plainMatch] = lookup(rt.ctx, { pairId: r.id }).matches;
    // (the 2.0 pair also has the same neighbours: a context match, 101)
    expect(plainMatch!.score).toBe(100);
    expect(match!.score).toBe(101);
    expect(plainMatch!.targetCodes).toBeUndefined();
  });
});
