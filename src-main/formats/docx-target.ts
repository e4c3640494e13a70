// The target-only DOCX: the English text as plain left-to-right paragraphs. No paragraph or run
// carries bidi or RTL properties (not even the untranslated markers, whose Arabic the Unicode bidi
// algorithm lays out by itself), so Word never flips the English layout.
//
// Written as WordprocessingML text straight into a streaming zip (docx-ooxml.ts), paragraph by
// paragraph as the pairs are read: a document model of 100k paragraphs cost seconds and most of a
// gigabyte.
import type { ExportModel } from './model';
import { CODE_POINT_STYLE, R, W, XML_HEAD, collectChunks, coreXml, streamDocxPackage, textRunsXml } from './docx-ooxml';
import { markerText, targetBlocks, type TargetBlock, type TargetLabels } from './target-text';

/** What the package needs besides the paragraphs, so that they can be streamed. */
export interface TargetHead {
  /** The document's name: the file's title. */
  title: string;
  exportedAt: string;
}

// Run properties in the schema's order (rStyle, rFonts, b, bCs, i, iCs, color, sz, szCs, lang).
const TEXT_RPR = '<w:lang w:val="en-US"/>';
const MARKER_RPR = '<w:i/><w:iCs/><w:color w:val="8A4B00"/>';
const PARAGRAPH_OPEN = '<w:p><w:pPr><w:spacing w:after="160"/></w:pPr>';

const DOCUMENT_START = `${XML_HEAD}<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>`;
// A4 portrait with 1" margins.
const SECTION =
  '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>' +
  '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>' +
  '<w:docGrid w:linePitch="360"/></w:sectPr>';

const STYLES =
  `${XML_HEAD}<w:styles xmlns:w="${W}">` +
  '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:eastAsia="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/>' +
  '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
  `<w:style w:type="character" w:customStyle="1" w:styleId="${CODE_POINT_STYLE}"><w:name w:val="Qalam Code Point"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>` +
  '<w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:eastAsia="Consolas" w:cs="Consolas"/><w:color w:val="C00000"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>' +
  '</w:styles>';

/** One paragraph: the English, or the untranslated marker in italics. */
function paragraphXml(b: TargetBlock, labels: TargetLabels): string {
  return b.kind === 'text'
    ? `${PARAGRAPH_OPEN}${textRunsXml(b.text, TEXT_RPR)}</w:p>`
    : `${PARAGRAPH_OPEN}${textRunsXml(markerText(labels.untranslated, b.source), MARKER_RPR)}</w:p>`;
}

/**
 * Writes the target DOCX as a stream: `write` receives the zip's bytes in order as they are
 * produced, and `blocks` is read once, in order. Memory stays at one piece of XML plus the
 * deflater's output, whatever the number of paragraphs.
 */
export function streamTargetDocx(
  head: TargetHead,
  blocks: Iterable<TargetBlock>,
  write: (chunk: Uint8Array) => void,
  labels: TargetLabels = {},
): void {
  streamDocxPackage(
    { core: coreXml(head.title, null, head.exportedAt), styles: STYLES },
    (doc) => {
      doc(DOCUMENT_START);
      let any = false;
      for (const b of blocks) {
        doc(paragraphXml(b, labels));
        any = true;
      }
      // A body needs a paragraph before its section properties.
      doc(`${any ? '' : '<w:p/>'}${SECTION}</w:body></w:document>`);
    },
    write,
  );
}

/** The whole file in memory (tests, the renderer's download): the stream's chunks joined. */
export function writeTargetDocx(model: ExportModel, labels: TargetLabels = {}): Uint8Array {
  return collectChunks((out) =>
    streamTargetDocx({ title: model.document.name, exportedAt: model.exportedAt }, targetBlocks(model), out, labels),
  );
}
