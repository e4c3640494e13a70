// Inserting a phrase (a glossary term's English) at the caret of a pair's translation editor.

/** `text` with `phrase` put in place of [start, end), spaced from the words beside it. */
export function spliceWord(text: string, start: number, end: number, phrase: string): { text: string; caret: number } {
  const before = text.slice(0, start);
  const after = text.slice(end);
  const word = /[\p{L}\p{N}]/u;
  const lead = before !== '' && word.test(before.at(-1)!) ? ' ' : '';
  const trail = after !== '' && word.test(after[0]!) ? ' ' : '';
  const inserted = `${lead}${phrase}${trail}`;
  return { text: before + inserted + after, caret: before.length + inserted.length };
}

/** The translation editor of a pair's row, if the row is on screen. */
export function editorOf(pairId: number): HTMLTextAreaElement | HTMLElement | null {
  const row = document.querySelector(`[data-testid="pair-row"][data-pair-id="${pairId}"]`);
  return row?.querySelector<HTMLElement>('.target textarea, .target [contenteditable="true"]') ?? null;
}

/**
 * What Ctrl+Shift+G makes a term of: the Arabic selected in a source cell and the English selected
 * in the same pair's translation (a text box keeps its own selection while the page's selection is
 * in the source), else in the focused pair's. Either may be empty.
 */
export function termFromSelection(focusedPairId: number | null): { pairId: number | null; source: string; target: string } {
  const sel = document.getSelection();
  const anchor = sel?.anchorNode ?? null;
  const anchorEl = anchor instanceof Element ? anchor : (anchor?.parentElement ?? null);
  const cell = anchorEl?.closest('[data-testid="source"]');
  const source = cell && sel && !sel.isCollapsed ? sel.toString().replace(/\s+/g, ' ').trim() : '';
  const rowId = cell?.closest('[data-pair-id]')?.getAttribute('data-pair-id');
  const pairId = rowId ? Number(rowId) : focusedPairId;
  const editor = pairId === null ? null : editorOf(pairId);
  let target = '';
  if (editor instanceof HTMLTextAreaElement) target = editor.value.slice(editor.selectionStart, editor.selectionEnd);
  else if (editor && sel && anchor && editor.contains(anchor)) target = sel.toString();
  return { pairId, source: source.slice(0, 500), target: target.replace(/\s+/g, ' ').trim().slice(0, 500) };
}
