import { randomBytes } from 'node:crypto';

/**
 * Alert ids go into every SMS link, where each character costs: 10 characters of Crockford base32 (50 random
 * bits) instead of a 36-character UUID leave room for the place where the child was last seen.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const ALERT_ID_LENGTH = 10;
export const ALERT_ID_PATTERN = /^[0-9abcdefghjkmnpqrstvwxyz]{10}$/;

export function newAlertId(): string {
  const bytes = randomBytes(ALERT_ID_LENGTH);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 31];
  return id;
}

export const isAlertId = (value: string): boolean => ALERT_ID_PATTERN.test(value);
