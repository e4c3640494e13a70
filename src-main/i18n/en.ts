// The main process's own strings: the native menu, native dialogs and the start-up error box.
// The renderer has its own catalogue; these never reach the page.
export const en = {
  menu: {
    file: 'File',
    import: 'Import…',
    export: 'Export…',
    openRecent: 'Open Recent',
    noRecent: 'No recent documents',
    settings: 'Settings…',
    quit: 'Quit Qalam',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    find: 'Find…',
    view: 'View',
    library: 'Library',
    reload: 'Reload',
    toggleDevTools: 'Toggle Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullscreen: 'Toggle Full Screen',
    window: 'Window',
    minimize: 'Minimize',
    close: 'Close Window',
    help: 'Help',
    shortcuts: 'Keyboard Shortcuts',
    about: 'About Qalam',
    hide: 'Hide Qalam',
    hideOthers: 'Hide Others',
    showAll: 'Show All',
    services: 'Services',
  },
  dialog: {
    importTitle: 'Import a document',
    importButton: 'Import',
    supportedFiles: 'Documents (TXT, DOCX, XLIFF, TMX, CSV, HTML)',
    exportTitle: 'Export',
    exportButton: 'Save',
    exportFiles: '{{ext}} files',
  },
  spell: {
    noSuggestions: 'No spelling suggestions',
    addToDictionary: 'Add to Dictionary',
  },
  startup: {
    title: 'Qalam cannot start',
    db_corrupt:
      'The Qalam database is damaged and cannot be opened. Nothing was changed. Move the file away (or restore a backup) and start Qalam again to begin with an empty library:\n\n{{path}}',
    db_too_new:
      'The Qalam database was written by a newer version of Qalam. Update Qalam to open it; this version will not change it.\n\n{{path}}',
    db_locked:
      'The Qalam database is in use by another program (perhaps the qalam command line). Close it and start Qalam again.\n\n{{path}}',
    other: 'Qalam could not open its database ({{reason}}).\n\n{{path}}',
    failed: 'Qalam could not start ({{reason}}). Please report this problem.',
  },
} as const;

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
/** Every language must have every key: a missing Arabic label fails the type check, not the user. */
export type Catalogue = Strings<typeof en>;
