import { UserManager } from 'oidc-client-ts';
import { type Session, sessionFromIdToken } from './session';

/**
 * Sign-in in AWS: Cognito's managed login, authorization code with PKCE (oidc-client-ts does the protocol;
 * MFA is enforced by the user pool). Loaded only when the deployment's config.json names a user pool.
 */
export interface CognitoSettings {
  authority: string;
  clientId: string;
}

function manager(settings: CognitoSettings): UserManager {
  const redirect = new URL('./', window.location.href).href;
  return new UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    redirect_uri: redirect,
    post_logout_redirect_uri: redirect,
    response_type: 'code',
    scope: 'openid email profile',
  });
}

export async function startCognitoSignIn(settings: CognitoSettings): Promise<void> {
  await manager(settings).signinRedirect();
}

/** After the redirect back from the managed login: the session, or undefined when this is no callback. */
export async function completeCognitoSignIn(settings: CognitoSettings): Promise<Session | undefined> {
  if (!new URLSearchParams(window.location.search).has('code')) return undefined;
  const user = await manager(settings).signinCallback();
  window.history.replaceState(null, '', window.location.pathname);
  return user?.id_token ? sessionFromIdToken(user.id_token) : undefined;
}
