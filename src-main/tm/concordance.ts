// Where a folded phrase occurs in an original text, as offsets into the original: the store finds
// concordance hits on folded columns, the UI highlights them in the text as written (harakat,
// hamza forms and Arabic-Indic digits included). One implementation, in shared/, for both.
export { findFolded } from '../shared/fold';
