import { signal } from './i18n/signal';

/**
 * Hash routes (#/alerts/ID): the bucket serves one index.html and needs no rewrite rules for deep links.
 */
export type Route =
  | { name: 'alerts'; status?: string }
  | { name: 'new' }
  | { name: 'alert'; id: string }
  | { name: 'drill' };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'new') return { name: 'new' };
  if (parts[0] === 'drill') return { name: 'drill' };
  if (parts[0] === 'alerts' && parts[1]) return { name: 'alert', id: decodeURIComponent(parts[1]) };
  const status = new URLSearchParams(query).get('status') ?? undefined;
  return status ? { name: 'alerts', status } : { name: 'alerts' };
}

export const route = signal<Route>(parseRoute(window.location.hash));
window.addEventListener('hashchange', () => route.set(parseRoute(window.location.hash)));

export const go = (hash: string) => {
  window.location.hash = hash;
};
