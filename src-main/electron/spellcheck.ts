// Spelling in the editor (issue 11.5, the Electron part): Chromium's spellchecker set to English
// (the translation is English; the Arabic source is never editable), and the editor's context
// menu with the spellchecker's suggestions, "Add to Dictionary", and Cut/Copy/Paste. Electron shows
// no context menu of its own, so without this the red underline would offer nothing.
// A word added here also goes into the user's QA dictionary (qa:set-word), so the QA spelling check
// (services/spell.ts, nspell) stops flagging what the editor now accepts.
import { Menu, type ContextMenuParams, type MenuItemConstructorOptions, type Session, type WebContents } from 'electron';
import type { Translate } from '../i18n';

export const SPELLCHECK_LANGUAGES = ['en-US'] as const;
/** Suggestions shown at most: Chromium offers a handful; a long menu hides Cut/Copy/Paste. */
export const MAX_SUGGESTIONS = 5;

export function enableSpellcheck(ses: Session): void {
  ses.setSpellCheckerLanguages([...SPELLCHECK_LANGUAGES]);
}

export interface ContextMenuOptions {
  /** Read at each opening, so the labels follow the UI language. */
  t: Translate;
  /** Records a word in the user's QA dictionary. */
  addWord: (word: string) => void;
}

type Params = Pick<ContextMenuParams, 'misspelledWord' | 'dictionarySuggestions' | 'isEditable' | 'selectionText' | 'editFlags'>;

export function contextMenuTemplate(
  params: Params,
  contents: Pick<WebContents, 'replaceMisspelling'>,
  ses: Pick<Session, 'addWordToSpellCheckerDictionary'>,
  o: ContextMenuOptions,
): MenuItemConstructorOptions[] {
  const { t } = o;
  const items: MenuItemConstructorOptions[] = [];
  const word = params.misspelledWord;
  if (params.isEditable && word) {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    if (suggestions.length === 0) items.push({ id: 'spell-none', label: t('spell.noSuggestions'), enabled: false });
    for (const s of suggestions)
      items.push({ id: `spell-suggestion:${s}`, label: s, click: () => contents.replaceMisspelling(s) });
    items.push(
      { type: 'separator' },
      {
        id: 'spell-add',
        label: t('spell.addToDictionary'),
        click: () => {
          ses.addWordToSpellCheckerDictionary(word);
          o.addWord(word);
        },
      },
      { type: 'separator' },
    );
  }
  if (params.isEditable) {
    items.push(
      { id: 'cut', role: 'cut', label: t('menu.cut'), enabled: params.editFlags.canCut },
      { id: 'copy', role: 'copy', label: t('menu.copy'), enabled: params.editFlags.canCopy },
      { id: 'paste', role: 'paste', label: t('menu.paste'), enabled: params.editFlags.canPaste },
    );
  } else if (params.selectionText.trim() !== '') {
    items.push({ id: 'copy', role: 'copy', label: t('menu.copy') });
  }
  return items;
}

/** Shows the menu on right-click (or the context-menu key) anywhere in the window's page. */
export function attachContextMenu(contents: WebContents, ses: Session, o: ContextMenuOptions): void {
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, contents, ses, o);
    if (template.length > 0) Menu.buildFromTemplate(template).popup();
  });
}
