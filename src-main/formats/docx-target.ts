// The target-only DOCX: the English text as plain left-to-right paragraphs. No paragraph or run
// carries bidi or RTL properties (not even the untranslated markers, whose Arabic the Unicode bidi
// algorithm lays out by itself), so Word never flips the English layout.
import { Document, Packer, Paragraph } from 'docx';
import type { ExportModel } from './model';
import { CODE_POINT_STYLE_DEF, textRuns } from './docx-runs';
import { markerText, targetBlocks, type TargetLabels } from './target-text';
import { xmlSafe } from './xml';

export async function writeTargetDocx(model: ExportModel, labels: TargetLabels = {}): Promise<Uint8Array> {
  const paragraphs = targetBlocks(model).map((b) =>
    b.kind === 'text'
      ? new Paragraph({ spacing: { after: 160 }, children: textRuns(b.text, { language: { value: 'en-US' } }) })
      : new Paragraph({
          spacing: { after: 160 },
          children: textRuns(markerText(labels.untranslated, b.source), { italics: true, color: '8A4B00' }),
        }),
  );
  const doc = new Document({
    creator: 'Qalam',
    title: xmlSafe(model.document.name),
    styles: {
      default: { document: { run: { font: 'Calibri', size: 22, language: { value: 'en-US' } } } },
      characterStyles: [CODE_POINT_STYLE_DEF],
    },
    sections: [{ children: paragraphs.length > 0 ? paragraphs : [new Paragraph({ children: [] })] }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
