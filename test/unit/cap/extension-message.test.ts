import type { Alert, IssuedMessage } from '../../../lambdas/domain/alert';
import { messageContent } from '../../../lambdas/domain/alert-update';
import { buildCapMessage } from '../../../lambdas/domain/cap';
import { capMessageOf } from '../../../lambdas/domain/public/cap-history';
import { capReferenceOf, childNames, field, infos, validateCap } from './cap-xml';
import { ALERT_ID, config, makeAlert, SENT } from './fixtures';

/**
 * An extension issues no SMS but a CAP Update: the same info as the message it extends, a later `expires`,
 * `sent` at the extension, and references to every earlier message, so partners keep the alert running.
 */

const first = buildCapMessage({
  alert: makeAlert(),
  kind: 'ALERT',
  version: 1,
  sent: SENT,
  references: [],
  config,
});
const EXTENDED_AT = new Date('2026-11-29T10:15:00Z');
const NEW_EXPIRY = '2026-11-30T01:40:00Z';
const extension = buildCapMessage({
  alert: makeAlert({ expiresAt: NEW_EXPIRY }),
  kind: 'EXTENSION',
  reissues: { kind: 'ALERT', version: 1 },
  version: 2,
  sent: EXTENDED_AT,
  references: [capReferenceOf(first)],
  config,
});

/** The info blocks without `expires`: what must not change. */
const infoWithoutExpiry = (xml: string) =>
  infos(xml).map((info) => info.names.filter((n) => n !== 'expires').map((n) => [n, info.text(n)]));

describe('buildCapMessage: an extension', () => {
  it('is an Update with the next identifier, sent at the extension, referring to the alert', async () => {
    const result = await validateCap([first, extension]);
    expect(result.errors).toEqual([]);
    expect(field(extension, 'msgType')).toBe('Update');
    expect(field(extension, 'identifier')).toBe(`amber.example.org.${ALERT_ID}.2`);
    expect(field(extension, 'sent')).toBe('2026-11-29T11:15:00+01:00');
    expect(field(extension, 'references')).toBe(
      `amber.example.org,amber.example.org.${ALERT_ID}.1,2026-11-28T14:40:00+01:00`,
    );
    expect(childNames(extension)).toEqual([
      'identifier',
      'sender',
      'sent',
      'status',
      'msgType',
      'scope',
      'note',
      'references',
      'info',
      'info',
    ]);
  });

  it('carries the new expiry in every language, and repeats the rest of the info unchanged', () => {
    expect(infos(first).map((i) => i.text('expires'))).toEqual([
      '2026-11-29T14:40:00+01:00',
      '2026-11-29T14:40:00+01:00',
    ]);
    expect(infos(extension).map((i) => i.text('expires'))).toEqual([
      '2026-11-30T02:40:00+01:00',
      '2026-11-30T02:40:00+01:00',
    ]);
    expect(infoWithoutExpiry(extension)).toEqual(infoWithoutExpiry(first));
    // No "update n" label: the public never got an SMS for it.
    expect(infos(extension)[1]?.text('headline')).toMatch(/^AMBER Alert: Arbër Çela/);
  });

  it('says in its note, in each language, until when the alert now runs', () => {
    expect(field(extension, 'note')).toBe(
      'Alarmi u zgjat deri më 30 nën 2026, 02:40. / The alert is extended until 30 Nov 2026, 02:40.',
    );
  });

  it('must refer to the messages it extends', () => {
    expect(() =>
      buildCapMessage({
        alert: makeAlert(),
        kind: 'EXTENSION',
        reissues: { kind: 'ALERT', version: 1 },
        version: 2,
        sent: EXTENDED_AT,
        references: [],
        config,
      }),
    ).toThrow(/must reference/);
  });
});

describe('capMessageOf: a history with updates and extensions', () => {
  const at = (iso: string, alert: Alert, kind: IssuedMessage['kind'], version: number): IssuedMessage => ({
    kind,
    version,
    sentAt: iso,
    capIdentifier: `amber.example.org.${ALERT_ID}.${version}`,
    content: messageContent(alert),
  });
  const original = makeAlert();
  const updated = makeAlert({ vehicle: { plate: 'ZZ 999 ZZ' } });
  const history: IssuedMessage[] = [
    at('2026-11-28T13:40:00Z', original, 'ALERT', 1),
    at('2026-11-28T15:00:00Z', { ...original, expiresAt: '2026-11-29T19:40:00Z' }, 'EXTENSION', 2),
    at('2026-11-28T16:00:00Z', { ...updated, expiresAt: '2026-11-29T19:40:00Z' }, 'UPDATE', 3),
    at('2026-11-28T17:00:00Z', { ...updated, expiresAt: '2026-11-30T19:40:00Z' }, 'EXTENSION', 4),
  ];
  const alert = makeAlert({ ...updated, expiresAt: '2026-11-30T19:40:00Z', messages: history });
  const caps = history.map((m) => capMessageOf(alert, m, config));

  it('validates every message against the schema', async () => {
    const result = await validateCap(caps);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('gives each message the types, expiries and references in issue order', () => {
    expect(caps.map((c) => field(c, 'msgType'))).toEqual(['Alert', 'Update', 'Update', 'Update']);
    expect(caps.map((c) => infos(c)[1]?.text('expires'))).toEqual([
      '2026-11-29T14:40:00+01:00',
      '2026-11-29T20:40:00+01:00',
      '2026-11-29T20:40:00+01:00',
      '2026-11-30T20:40:00+01:00',
    ]);
    const refs = caps.map((c) => {
      const r = capReferenceOf(c);
      return `${r.sender},${r.identifier},${r.sent}`;
    });
    expect(field(caps[3] ?? '', 'references')).toBe(refs.slice(0, 3).join(' '));
    expect(field(caps[1] ?? '', 'references')).toBe(refs[0]);
  });

  it('has an extension repeat the texts of the latest Alert or Update before it', () => {
    const headlines = caps.map((c) => infos(c)[1]?.text('headline'));
    expect(headlines[1]).toBe(headlines[0]);
    // CAP version 3, but the second message the public got (the extension before it sent no SMS): update 2,
    // as its SMS reads.
    expect(headlines[2]).toMatch(/^AMBER Alert update 2:/);
    expect(headlines[3]).toBe(headlines[2]);
    expect(caps[3]).toContain('ZZ 999 ZZ');
    expect(caps[1]).not.toContain('ZZ 999 ZZ');
  });
});
