// Text → docx runs without losing anything Word's XML cannot hold as plain text: line feeds as
// <w:br/>, carriage returns as <w:cr/> (so "\r\n" is written as both, and reads back exactly), tabs as
// <w:tab/>, and characters XML 1.0 forbids as a visible "U+XXXX" run in the QalamCodePoint style.
import { CarriageReturn, Tab, TextRun, type IRunOptions } from 'docx';
import { CODE_POINT_STYLE } from './docx-ooxml';
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

/** Character style definition for the code-point runs (declared in every document that may use it). */
export const CODE_POINT_STYLE_DEF = {
  id: CODE_POINT_STYLE,
  name: 'Qalam Code Point',
  run: { color: 'C00000', font: 'Consolas', size: 16 },
} as const;
