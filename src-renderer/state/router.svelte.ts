// Where the user is, kept in the URL hash so a reload returns to the same place.

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

class Router {
  route = $state<Route>({ name: 'library' });

  start(): () => void {
    this.route = parseHash(location.hash);
    const onChange = () => (this.route = parseHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }

  go(r: Route): void {
    const hash = formatRoute(r);
    if (location.hash !== hash) location.hash = hash;
    this.route = r;
  }
}

export const router = new Router();
