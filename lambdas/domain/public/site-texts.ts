/** The words of the public site's pages (home, subscribe, unsubscribe), per language; English otherwise. */
export interface SiteTexts {
  siteName: string;
  homeTitle: string;
  noAlerts: string;
  subscribeLine: string;
  subscribeLink: string;
  unsubscribeLink: string;
  childAge: (age: number) => string;
  lastSeen: string;
  photo: (name: string) => string;
  subscribeTitle: string;
  subscribeIntro: string;
  phone: string;
  phoneHint: string;
  counties: string;
  language: string;
  languageNames: Record<string, string>;
  sendCode: string;
  codeTitle: string;
  codeIntro: string;
  code: string;
  confirm: string;
  subscribedTitle: string;
  subscribedText: string;
  unsubscribeTitle: string;
  unsubscribeIntro: string;
  unsubscribedTitle: string;
  unsubscribedText: string;
  errorSummary: string;
  fieldErrors: Record<'phone' | 'counties' | 'language' | 'code' | 'body', string>;
  tooMany: string;
  unavailable: string;
  backHome: string;
}

const en: SiteTexts = {
  siteName: 'AMBER Alert',
  homeTitle: 'Active AMBER Alerts',
  noAlerts: 'No AMBER Alert is active right now.',
  subscribeLine: 'Get AMBER Alerts for your county by SMS:',
  subscribeLink: 'subscribe',
  unsubscribeLink: 'Stop the SMS',
  childAge: (age) => `${age} years old`,
  lastSeen: 'Last seen',
  photo: (name) => `Photo of ${name}`,
  subscribeTitle: 'Subscribe to AMBER Alerts by SMS',
  subscribeIntro:
    'We send an SMS only when a child is missing in a county you choose. We will text you a code.',
  phone: 'Mobile number',
  phoneHint: 'An Albanian mobile number, for example 069 123 4567',
  counties: 'Counties',
  language: 'Language of the SMS',
  languageNames: { sq: 'Albanian', en: 'English' },
  sendCode: 'Send me the code',
  codeTitle: 'Enter the code',
  codeIntro: 'We sent a 6-digit code by SMS. Enter it to confirm.',
  code: 'Code from the SMS',
  confirm: 'Confirm',
  subscribedTitle: 'You are subscribed',
  subscribedText: 'You will get an SMS when an AMBER Alert is issued for your counties.',
  unsubscribeTitle: 'Stop AMBER Alert SMS',
  unsubscribeIntro:
    'Enter your number; we will text you a code to confirm. You can also reply STOP to any alert.',
  unsubscribedTitle: 'You will get no more SMS',
  unsubscribedText: 'Your number has been removed from AMBER Alerts.',
  errorSummary: 'There is a problem',
  fieldErrors: {
    phone: 'Enter an Albanian mobile number, for example 069 123 4567.',
    counties: 'Choose at least one county.',
    language: 'Choose a language.',
    code: 'The code is wrong or has expired. Check the SMS or ask for a new code.',
    body: 'The form could not be read. Please try again.',
  },
  tooMany: 'Too many codes were asked for. Please wait an hour and try again.',
  unavailable: 'The service is not available right now. Please try again in a few minutes.',
  backHome: 'Back to the alerts',
};

const sq: SiteTexts = {
  siteName: 'AMBER Alert',
  homeTitle: 'Alarmet AMBER aktive',
  noAlerts: 'Asnjë alarm AMBER nuk është aktiv tani.',
  subscribeLine: 'Merrni alarmet AMBER për qarkun tuaj me SMS:',
  subscribeLink: 'regjistrohuni',
  unsubscribeLink: 'Ndaloni SMS-të',
  childAge: (age) => `${age} vjeç`,
  lastSeen: 'Parë për herë të fundit',
  photo: (name) => `Foto e ${name}`,
  subscribeTitle: 'Regjistrohuni për alarmet AMBER me SMS',
  subscribeIntro:
    'Dërgojmë SMS vetëm kur humbet një fëmijë në një qark që zgjidhni. Do t’ju dërgojmë një kod me SMS.',
  phone: 'Numri i celularit',
  phoneHint: 'Një numër celulari shqiptar, p.sh. 069 123 4567',
  counties: 'Qarqet',
  language: 'Gjuha e SMS-ve',
  languageNames: { sq: 'Shqip', en: 'Anglisht' },
  sendCode: 'Më dërgoni kodin',
  codeTitle: 'Shkruani kodin',
  codeIntro: 'Ju dërguam një kod me 6 shifra me SMS. Shkruajeni për të konfirmuar.',
  code: 'Kodi nga SMS-ja',
  confirm: 'Konfirmo',
  subscribedTitle: 'Jeni regjistruar',
  subscribedText: 'Do të merrni një SMS kur lëshohet një alarm AMBER për qarqet tuaja.',
  unsubscribeTitle: 'Ndaloni SMS-të e alarmeve AMBER',
  unsubscribeIntro:
    'Shkruani numrin tuaj; do t’ju dërgojmë një kod për konfirmim. Mund të përgjigjeni edhe NDALO në çdo alarm.',
  unsubscribedTitle: 'Nuk do të merrni më SMS',
  unsubscribedText: 'Numri juaj u hoq nga alarmet AMBER.',
  errorSummary: 'Ka një problem',
  fieldErrors: {
    phone: 'Shkruani një numër celulari shqiptar, p.sh. 069 123 4567.',
    counties: 'Zgjidhni të paktën një qark.',
    language: 'Zgjidhni një gjuhë.',
    code: 'Kodi është i gabuar ose ka skaduar. Kontrolloni SMS-në ose kërkoni një kod të ri.',
    body: 'Formulari nuk u lexua. Provoni përsëri.',
  },
  tooMany: 'U kërkuan shumë kode. Prisni një orë dhe provoni përsëri.',
  unavailable: 'Shërbimi nuk është i disponueshëm tani. Provoni përsëri pas pak minutash.',
  backHome: 'Kthehu te alarmet',
};

export const SITE_TEXTS: Readonly<Record<string, SiteTexts>> = { en, sq };
export const siteTextsFor = (language: string): SiteTexts => SITE_TEXTS[language] ?? en;
