/**
 * Replies that mean "stop sending me alerts": the carriers' usual opt-out keywords and the Albanian
 * "ndalo" (stop) and "çregjistrohu" (unsubscribe), with or without diacritics.
 */
const STOP_WORDS: ReadonlySet<string> = new Set([
  'STOP',
  'STOPALL',
  'STOP ALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'OPT OUT',
  'NDALO',
  'CREGJISTROHU',
  // "ç'regjistrohu": the apostrophe becomes a space.
  'C REGJISTROHU',
]);

/** True when the whole reply is a stop keyword, in any case, spacing, accents or final punctuation. */
export function isStopReply(body: string): boolean {
  const normalized = body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return STOP_WORDS.has(normalized);
}
