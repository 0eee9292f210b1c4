import { signal } from '../i18n/signal';

/** Who is signed in: the Cognito ID token the API takes, and the claims the screens use. */
export interface Session {
  token: string;
  sub: string;
  username: string;
  groups: string[];
  directorate: string;
}

const STORAGE_KEY = 'amber.session';

export const session = signal<Session | undefined>(restore());

/** The claims of an ID token, read to label the screens; the API verifies the token itself. */
export function sessionFromIdToken(token: string): Session {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const claims = JSON.parse(
    new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))),
  ) as Record<string, unknown>;
  const groups = claims['cognito:groups'];
  return {
    token,
    sub: String(claims.sub ?? ''),
    username: String(claims['cognito:username'] ?? ''),
    groups: Array.isArray(groups) ? groups.map(String) : [],
    directorate: String(claims['custom:directorate'] ?? ''),
  };
}

export function signIn(next: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  session.set(next);
}

export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  session.set(undefined);
}

function restore(): Session | undefined {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  if (!stored) return undefined;
  try {
    return JSON.parse(stored) as Session;
  } catch {
    return undefined;
  }
}

export const isSupervisor = (s: Session) => s.groups.includes('supervisors');
export const isOfficer = (s: Session) => s.groups.includes('officers');
