/**
 * What the platform tells the person who sent a tip, in the tip's language (the country's first language
 * when it names none): that the police have it, under which reference, and that danger now means calling.
 */
interface TipTexts {
  received(reference: string, policeNumber: string): string;
  ended(policeNumber: string): string;
  smsReceived(reference: string, policeNumber: string): string;
  smsEnded(policeNumber: string): string;
}

const TEXTS: Readonly<Record<string, TipTexts>> = {
  sq: {
    received: (reference, police) =>
      `Faleminderit. Informacioni juaj u dërgua te policia që heton këtë rast, me numër reference ${reference}. ` +
      `Hetuesit e lexojnë dhe, nëse keni lënë kontakt, mund t'ju telefonojnë. ` +
      `Nëse dikush është në rrezik tani, telefononi menjëherë ${police}.`,
    ended: (police) =>
      `Ky alarm nuk është më aktiv. Nëse keni informacion për këtë rast, telefononi policinë në ${police}.`,
    smsReceived: (reference, police) =>
      `Faleminderit, informacioni juaj (${reference}) u dërgua te policia. Rrezik tani? Telefononi ${police}.`,
    smsEnded: (police) => `Ky alarm nuk është më aktiv. Për informacion telefononi policinë në ${police}.`,
  },
  en: {
    received: (reference, police) =>
      `Thank you. Your information has gone to the police team working on this case, under reference ${reference}. ` +
      'Investigators read every tip and, if you left a contact, may call you. ' +
      `If someone is in danger now, call ${police} immediately.`,
    ended: (police) =>
      `This alert is no longer active. If you have information about the case, call the police on ${police}.`,
    smsReceived: (reference, police) =>
      `Thank you, your information (${reference}) has gone to the police. Danger now? Call ${police}.`,
    smsEnded: (police) => `This alert is no longer active. With information, call the police on ${police}.`,
  },
};

export function tipTexts(language: string, fallback: string): TipTexts {
  return TEXTS[language] ?? TEXTS[fallback] ?? (TEXTS.en as TipTexts);
}
