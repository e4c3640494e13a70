// Text → docx runs without losing anything Word's XML cannot hold as plain text: line feeds as
// <w:br/>, carriage returns as <w:cr/> (so "\r\n" is written as both, and reads back exactly), tabs as
// <w:tab/>, and characters XML 1.0 forbids as a visible "U+XXXX" run in the QalamCodePoint style.
import { CarriageReturn, ShadingType, Tab, TextRun, type IRunOptions } from 'docx';
import { toPieces, tagLabel, type InlineCode } from '../shared/inline';
import { CODE_POINT_STYLE, TAG_STYLE } from './docx-ooxml';
import { hex4, splitXmlChars } from './xml';

export type RunProps = Omit<IRunOptions, 'text' | 'children' | 'break'>;

export function textRuns(text: string, props: RunProps): TextRun[] {
  const out: TextRun[] = [];
  for (const part of splitXmlChars(text)) {
    if (typeof part === 'number') {
      out.push(new TextRun({ ...props, style: CODE_POINT_STYLE, text: `U+${hex4(part)}` }));
      continue;
    }
    for (const piece of part.split(/([\r\n\t])/)) {
      if (piece === '') continue;
      if (piece === '\n') out.push(new TextRun({ ...props, break: 1 }));
      else if (piece === '\r') out.push(new TextRun({ ...props, children: [new CarriageReturn()] }));
      else if (piece === '\t') out.push(new TextRun({ ...props, children: [new Tab()] }));
      else out.push(new TextRun({ ...props, text: piece }));
    }
  }
  return out;
}

/**
 * Text with its inline codes: each code as a token run (`{1}`, `{/1}`, `{2/}`) in the QalamTag
 * character style, which the bilingual re-import reads back as that code. Tokens are left-to-right
 * whatever the paragraph's direction.
 */
export function codedRuns(
  text: string,
  codes: readonly InlineCode[] | null | undefined,
  numbers: ReadonlyMap<string, number>,
  props: RunProps,
): TextRun[] {
  if (!codes || codes.length === 0) return textRuns(text, props);
  return toPieces(text, codes).flatMap((p) =>
    typeof p === 'string'
      ? textRuns(p, props)
      : [new TextRun({ ...props, rightToLeft: false, style: TAG_STYLE, text: tagLabel(p, numbers.get(p.id) ?? 0) })],
  );
}

/** Character style of tag tokens: small, coloured and shaded so a reviewer sees them as tags. */
export const TAG_STYLE_DEF = {
  id: TAG_STYLE,
  name: 'Qalam Tag',
  run: { color: '1D5C8C', font: 'Consolas', size: 16, shading: { type: ShadingType.CLEAR, fill: 'DCEBF7', color: 'auto' } },
} as const;

/** Character style definition for the code-point runs (declared in every document that may use it). */
export const CODE_POINT_STYLE_DEF = {
  id: CODE_POINT_STYLE,
  name: 'Qalam Code Point',
  run: { color: 'C00000', font: 'Consolas', size: 16 },
} as const;

/** Arabic letters in a label decide its paragraph direction (labels may come translated). */
export function hasArabicLetters(s: string): boolean {
  return /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/.test(s);
}
