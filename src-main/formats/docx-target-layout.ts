// The target DOCX in the source's own layout: the imported package with each translated paragraph's
// text replaced by its English and the inline formatting put back around the tagged spans. Headings,
// lists, tables, sections, headers and footers, notes, images and links survive because nothing
// outside the paragraphs' runs is rebuilt. Translated paragraphs, tables and sections are switched to
// left to right and en-US; a paragraph without a usable translation keeps its Arabic (as OmegaT does),
// or loses its text with "approved only"; excluded paragraphs always keep theirs.
import { QalamError } from '../shared/errors';
import type { ExportModel, ExportPair } from './model';
import {
  emptyParagraph,
  englishStyles,
  keepRtl,
  loadLayout,
  paragraphIsRtl,
  rtlStyles,
  stripLayoutRtl,
  stripRtl,
  writeParagraph,
  type Slot,
} from './docx-layout';
import { serializeXml, type XmlElement } from './xml';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

export async function writeLayoutDocx(model: ExportModel): Promise<Uint8Array> {
  if (!model.original) throw new QalamError('export_no_skeleton');
  const original = model.original.bytes;
  const layout = await loadLayout(original);
  const { slots } = layout;
  // The walk is the import's: a difference means the package or the pairs are not the ones imported.
  if (slots.length !== model.pairs.length || slots.some((s, i) => s.text !== model.pairs[i]!.source)) {
    throw new QalamError('export_skeleton_mismatch');
  }
  const partOf = async (type: string): Promise<{ name: string; root: XmlElement } | null> => {
    const rel = layout.rels.find((r) => r.type === type && !r.external);
    if (!rel) return null;
    const cached = layout.parts.get(rel.target);
    if (cached) return { name: rel.target, root: cached };
    const bytes = await import('./docx-ooxml').then((m) => m.readPart(layout.zip, rel.target));
    if (!bytes) return null;
    const { parseXml } = await import('./xml');
    const root = parseXml(bytes);
    layout.parts.set(rel.target, root);
    return { name: rel.target, root };
  };
  const styles = await partOf('styles');
  const numbering = await partOf('numbering');
  const rtl = rtlStyles(styles?.root);

  const { approvedOnly } = model.options;
  const touched = new Set<string>([layout.mainPart]);
  slots.forEach((slot, i) => {
    const pair = model.pairs[i]!;
    touched.add(slot.part);
    for (const s of [slot, ...slot.mirrors]) {
      const wasRtl = paragraphIsRtl(s.p, rtl);
      if (usable(pair, approvedOnly)) writeParagraph(s, { text: pair.target, codes: pair.targetCodes ?? [] }, wasRtl);
      else if (approvedOnly && !pair.excluded) emptyParagraph(s);
      else if (wasRtl) keepRtl(s.p);
    }
  });
  for (const name of touched) {
    const root = layout.parts.get(name);
    if (root) stripLayoutRtl(root);
  }
  if (styles) {
    englishStyles(styles.root);
    touched.add(styles.name);
  }
  if (numbering) {
    stripRtl(numbering.root);
    touched.add(numbering.name);
  }
  for (const name of touched) {
    const root = layout.parts.get(name);
    if (root) layout.zip.file(name, DECLARATION + serializeXml(root));
  }
  return layout.zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

function usable(pair: ExportPair, approvedOnly: boolean): boolean {
  return !pair.excluded && pair.target.trim() !== '' && (!approvedOnly || pair.status === 'approved');
}

export type { Slot };
