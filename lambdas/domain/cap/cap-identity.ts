import type { AmberConfig } from '../../config/config';
// The module itself, not the SMS index: the extension handler needs identifiers, not the SMS composer.
import { formatIsoWithOffset } from '../sms/local-time';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

/** An earlier message, as CAP `references` names it: `sender,identifier,sent`. */
export interface CapReference {
  sender: string;
  identifier: string;
  /** As written in that message, with its offset. */
  sent: string;
}

// CAP forbids spaces, commas, "<" and "&" in sender and identifier: references separate with them.
const safe = (text: string) => text.replace(/[\s,<&]+/g, '-');

/** The public host names the originator, so every stage with its own domain has its own sender. */
export function capSender(config: Pick<AmberConfig, 'publicBaseUrl'>): string {
  return safe(new URL(config.publicBaseUrl).host);
}

/** One identifier per alert and version: the first message is version 1, each update and the cancel next. */
export function capIdentifier(
  config: Pick<AmberConfig, 'publicBaseUrl'>,
  alertId: string,
  version: number,
): string {
  return safe(`${capSender(config)}.${alertId}.${version}`);
}

/** The reference to a message built by buildCapMessage, without having to keep or parse its XML. */
export function capReferenceFor(input: {
  config: Pick<AmberConfig, 'publicBaseUrl' | 'country'>;
  alertId: string;
  version: number;
  sent: Date;
}): CapReference {
  return {
    sender: capSender(input.config),
    identifier: capIdentifier(input.config, input.alertId, input.version),
    sent: formatIsoWithOffset(input.sent, input.config.country.timeZone),
  };
}

/** The `references` value: space-separated `sender,identifier,sent` triples, oldest first as given. */
export function formatReferences(references: readonly CapReference[]): string {
  return references.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ');
}
