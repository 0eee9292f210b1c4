import { useEffect, useState } from 'preact/hooks';
import type { CognitoSettings } from './auth/cognito';
import {
  isOfficer,
  isSupervisor,
  type Session,
  session as sessionSignal,
  signIn,
  signOut,
} from './auth/session';
import { LANGUAGES, type Language, language, setLanguage, t, tValue } from './i18n';
import { route as routeSignal } from './router';
import { AlertPage } from './screens/alert-page';
import { AlertsList } from './screens/alerts-list';
import { DrillGroup } from './screens/drill-group';
import { NewAlert } from './screens/new-alert';
import { SignIn } from './screens/sign-in';
import { useSignal } from './use-signal';

/** Where the deployment says to sign in: a config.json beside index.html in AWS, none locally. */
async function loadCognitoSettings(): Promise<CognitoSettings | undefined> {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { cognito?: CognitoSettings };
    return body.cognito;
  } catch {
    return undefined;
  }
}

export function App() {
  const current = useSignal(sessionSignal);
  const lang = useSignal(language);
  const route = useSignal(routeSignal);
  const [cognito, setCognito] = useState<CognitoSettings | undefined | null>(null);

  useEffect(() => {
    loadCognitoSettings().then(async (settings) => {
      setCognito(settings);
      if (!settings) return;
      const { completeCognitoSignIn } = await import('./auth/cognito');
      const signedIn = await completeCognitoSignIn(settings);
      if (signedIn) signIn(signedIn);
    });
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('appName');
  }, [lang]);

  return (
    <>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header class="top">
        <p class="brand">{t('appName')}</p>
        <LanguageSwitch current={lang} />
        {current && <UserBar session={current} />}
      </header>
      {current && (
        <nav aria-label={t('appName')}>
          <ul>
            <li>
              <a href="#/alerts" aria-current={route.name === 'alerts' ? 'page' : undefined}>
                {t('navAlerts')}
              </a>
            </li>
            {isOfficer(current) && (
              <li>
                <a href="#/new" aria-current={route.name === 'new' ? 'page' : undefined}>
                  {t('navNewAlert')}
                </a>
              </li>
            )}
            {isSupervisor(current) && (
              <li>
                <a href="#/drill" aria-current={route.name === 'drill' ? 'page' : undefined}>
                  {t('navDrill')}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        {cognito === null ? (
          <p>{t('loading')}</p>
        ) : !current ? (
          <SignIn cognito={cognito} />
        ) : (
          <Screen session={current} route={route} key={`${lang}-${JSON.stringify(route)}`} />
        )}
      </main>
    </>
  );
}

function Screen({ session, route }: { session: Session; route: ReturnType<typeof routeSignal.get> }) {
  switch (route.name) {
    case 'new':
      return <NewAlert />;
    case 'alert':
      return <AlertPage id={route.id} session={session} />;
    case 'drill':
      return <DrillGroup session={session} />;
    default:
      return <AlertsList status={route.status} />;
  }
}

function LanguageSwitch({ current }: { current: Language }) {
  return (
    <fieldset class="languages">
      <legend class="visually-hidden">{t('language')}</legend>
      {LANGUAGES.map((l) => (
        <button type="button" key={l} lang={l} aria-pressed={l === current} onClick={() => setLanguage(l)}>
          {tValue('languageName_', l)}
        </button>
      ))}
    </fieldset>
  );
}

function UserBar({ session }: { session: Session }) {
  const roles = session.groups
    .map((g) => (g === 'supervisors' ? t('roleSupervisors') : t('roleOfficers')))
    .join(', ');
  const directorate = session.directorate === 'NATIONAL' ? t('national') : session.directorate;
  return (
    <div class="user">
      <span data-testid="signed-in">{t('signedInAs', { user: session.username, roles, directorate })}</span>{' '}
      <button type="button" onClick={signOut}>
        {t('signOut')}
      </button>
    </div>
  );
}
