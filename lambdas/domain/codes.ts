import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** Six random digits from a CSPRNG. */
export const newCode = (): string => randomInt(0, 1_000_000).toString().padStart(6, '0');

/** Codes are stored hashed with the phone, so a table read does not reveal a usable code. */
export const hashCode = (phone: string, code: string): string =>
  createHash('sha256').update(`amber-code:${phone}:${code}`).digest('hex');

export function codeMatches(phone: string, code: string, storedHash: string): boolean {
  const actual = Buffer.from(hashCode(phone, code), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
