// What crash-writer.ts writes and crash-safety.test.ts checks.

export const PARAGRAPHS_PER_IMPORT = 120;

/** The article the writer imports: enough paragraphs that an import is a transaction worth interrupting. */
export function crashArticle(): string {
  const out: string[] = [];
  for (let i = 0; i < PARAGRAPHS_PER_IMPORT; i++) out.push(`الفقرة رقم ${i + 1}: نص عربي للاختبار عن الكتابة والقلم والمداد.`);
  return out.join('\n\n');
}

/** A target written in run `run` as its `n`th write: the order of writes is readable from the text. */
export const targetText = (run: number, n: number) => `Run ${run} write ${n}: the reed pen writes in ink.`;
export function targetOrder(text: string): [number, number] | null {
  const m = /^Run (\d+) write (\d+):/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}
