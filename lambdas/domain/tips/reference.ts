import { createHash, randomBytes } from 'node:crypto';

/**
 * Tip references such as `T-7K3QX9`: six characters of Crockford base32 (30 bits; no I, L, O or U, so
 * nothing reads as another character on the phone). A reference is the tip's key, written with a
 * condition that it is new: a collision is noticed and the next candidate taken, so each is unique.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 6;
export const TIP_REFERENCE_PATTERN = /^T-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{6}$/;

/** How many candidates a submission tries before giving up (each collides with ~n/2^30 chance). */
export const REFERENCE_ATTEMPTS = 8;

function encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < LENGTH; i++) out += ALPHABET[(bytes[i] ?? 0) & 31];
  return `T-${out}`;
}

/**
 * The candidates for one submission. Without an idempotency key they are random. With one they derive
 * from the key's fingerprint, so that two deliveries of the same request walk the same list and meet at
 * the same item: the second finds the first's tip instead of writing another.
 */
export function referenceCandidates(fingerprint?: string): string[] {
  return Array.from({ length: REFERENCE_ATTEMPTS }, (_, attempt) =>
    encode(
      fingerprint === undefined
        ? randomBytes(LENGTH)
        : createHash('sha256').update(`${fingerprint}#${attempt}`).digest(),
    ),
  );
}

export const isTipReference = (value: string): boolean => TIP_REFERENCE_PATTERN.test(value);

/** A key's fingerprint is per alert: the same key sent to two alerts makes two tips. No key is stored in clear. */
export function idempotencyFingerprint(alertId: string, key: string): string {
  return createHash('sha256').update(`${alertId}\n${key}`).digest('hex');
}

/** The body's digest, to tell a repeated request from a different one under the same key. */
export function bodyDigest(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** JSON with object keys sorted: the same body in another key order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
