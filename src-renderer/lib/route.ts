// Where the user is, kept in the URL hash so a reload returns to the same place. Plain functions
// (no state): the start-up module reads the route before the rest of the app is evaluated.

export type Route = { name: 'library' } | { name: 'workspace'; documentId: number } | { name: 'settings' };

export function parseHash(hash: string): Route {
  const m = /^#\/documents\/(\d+)$/.exec(hash);
  if (m) {
    const id = Number(m[1]);
    if (Number.isSafeInteger(id) && id > 0) return { name: 'workspace', documentId: id };
  }
  if (hash === '#/settings') return { name: 'settings' };
  return { name: 'library' };
}

export function formatRoute(r: Route): string {
  switch (r.name) {
    case 'workspace':
      return `#/documents/${r.documentId}`;
    case 'settings':
      return '#/settings';
    case 'library':
      return '#/';
  }
}
