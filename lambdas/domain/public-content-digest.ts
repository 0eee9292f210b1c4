import { createHash } from 'node:crypto';
import type { Alert, ApprovalSignature } from './alert';

/**
 * The digests an approval signs, with no SMS composer and no XML writer: the public functions check what
 * they serve with this module alone.
 */

/** What every public document is built from: the CAP texts, the page, the JSON view and the SMS. */
export type PublicFields = Pick<Alert, 'child' | 'suspect' | 'vehicle' | 'lastSeen' | 'counties'>;

/** JSON with sorted keys (and no undefined values), so that the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** SHA-256 of the public fields: the child (photo URL included), the suspect, the vehicle, the sighting, the counties. */
export function publicDigest(fields: PublicFields): string {
  const { child, suspect, vehicle, lastSeen, counties } = fields;
  return sha256Hex(canonicalJson({ child, suspect, vehicle, lastSeen, counties }));
}

export const textsDigest = (texts: Record<string, string>) => sha256Hex(canonicalJson(texts));

/** What is signed: the alert, its mode and counties, the update version, and the two digests. */
export interface SignedContent {
  alertId: string;
  mode: Alert['mode'];
  counties: string[];
  /** Only for an update: an approval of UPDATE 2 cannot be replayed as UPDATE 3. */
  version?: number;
  textsDigest: string;
  publicDigest: string;
}

export function signedDigest(content: SignedContent): Uint8Array {
  return new Uint8Array(createHash('sha256').update(canonicalJson(content)).digest());
}

/**
 * The signed digest an approval stands for if `fields` are what it approved, computed from the approval's
 * own texts digest; undefined when the approval predates public digests or the fields differ.
 */
export function publicSignedDigest(
  alert: Pick<Alert, 'id' | 'mode'>,
  fields: PublicFields,
  approval: ApprovalSignature,
): Uint8Array | undefined {
  if (!approval.textsDigest || !approval.publicDigest) return undefined;
  if (publicDigest(fields) !== approval.publicDigest) return undefined;
  const digest = signedDigest({
    alertId: alert.id,
    mode: alert.mode,
    counties: [...fields.counties],
    ...(approval.version ? { version: approval.version } : {}),
    textsDigest: approval.textsDigest,
    publicDigest: approval.publicDigest,
  });
  return Buffer.from(digest).toString('hex') === approval.digest ? digest : undefined;
}
