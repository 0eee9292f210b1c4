import { useEffect, useState } from 'preact/hooks';
import type { CognitoSettings } from '../auth/cognito';
import { sessionFromIdToken, signIn } from '../auth/session';
import { ErrorSummary } from '../components/field';
import { t } from '../i18n';

interface LocalUser {
  username: string;
  groups: string[];
  directorate: string;
}

/**
 * Locally: the seeded users (GET /local/users, POST /local/token exist only on the local platform). In AWS:
 * one button to Cognito's managed login.
 */
export function SignIn({ cognito }: { cognito: CognitoSettings | undefined }) {
  const [users, setUsers] = useState<LocalUser[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (cognito) return;
    fetch('/local/users')
      .then((r) => r.json() as Promise<{ items: LocalUser[] }>)
      .then((body) => setUsers(body.items))
      .catch((e: unknown) => setError(t('signInFailed', { message: String(e) })));
  }, [cognito]);

  const local = async (username: string) => {
    const response = await fetch('/local/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    if (!response.ok) {
      setError(t('signInFailed', { message: String(response.status) }));
      return;
    }
    const { token } = (await response.json()) as { token: string };
    signIn(sessionFromIdToken(token));
  };

  const aws = async () => {
    if (!cognito) return;
    const { startCognitoSignIn } = await import('../auth/cognito');
    await startCognitoSignIn(cognito);
  };

  return (
    <section>
      <h1>{t('signInTitle')}</h1>
      <ErrorSummary message={error} />
      {cognito ? (
        <button type="button" class="primary" onClick={aws}>
          {t('signInAws')}
        </button>
      ) : (
        <>
          <p>{t('signInLocalHint')}</p>
          <ul class="user-list">
            {users.map((user) => (
              <li key={user.username}>
                <button type="button" onClick={() => local(user.username)}>
                  {t('signInAs', { user: user.username })}
                </button>{' '}
                <span class="muted">
                  {user.groups
                    .map((g) => (g === 'supervisors' ? t('roleSupervisors') : t('roleOfficers')))
                    .join(', ')}
                  , {user.directorate}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
