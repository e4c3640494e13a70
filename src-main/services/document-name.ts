// A new document's name, kept apart from services/documents.ts (which loads the store and SQLite)
// so that `qalam translate` without a store names its origin the way an import would.

/** A new document's name: the one given (or the file's own title), else the file name without extension. */
export function documentName(fileName: string, given?: string): string {
  return (given ?? baseName(fileName)).slice(0, 300) || 'untitled';
}

function baseName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[^.]+$/, '') || base;
}
