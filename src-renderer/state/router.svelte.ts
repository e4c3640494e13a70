// Where the user is, kept in the URL hash so a reload returns to the same place.
import { formatRoute, parseHash, type Route } from '../lib/route';

export { formatRoute, parseHash, type Route };

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
