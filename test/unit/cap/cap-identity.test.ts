import {
  buildCapMessage,
  capIdentifier,
  capReferenceFor,
  capSender,
  formatReferences,
} from '../../../lambdas/domain/cap';
import { capReferenceOf } from './cap-xml';
import { ALERT_ID, config, makeAlert, SENT } from './fixtures';

describe('CAP identity', () => {
  it('names the sender after the public host, per stage', () => {
    expect(capSender(config)).toBe('amber.example.org');
    expect(capSender({ publicBaseUrl: 'https://staging.amber.al:8443' })).toBe('staging.amber.al:8443');
  });

  it('gives every alert version its own identifier, without spaces, commas, < or &', () => {
    expect(capIdentifier(config, ALERT_ID, 1)).toBe(`amber.example.org.${ALERT_ID}.1`);
    expect(capIdentifier(config, ALERT_ID, 2)).not.toBe(capIdentifier(config, ALERT_ID, 1));
    expect(capIdentifier(config, 'a b,c<d&e', 1)).toBe('amber.example.org.a-b-c-d-e.1');
  });

  it('computes the reference a built message carries, without parsing it', () => {
    const xml = buildCapMessage({
      alert: makeAlert(),
      kind: 'ALERT',
      version: 1,
      sent: SENT,
      references: [],
      config,
    });
    expect(capReferenceFor({ config, alertId: ALERT_ID, version: 1, sent: SENT })).toEqual(
      capReferenceOf(xml),
    );
  });

  it('formats references as space-separated sender,identifier,sent triples', () => {
    expect(
      formatReferences([
        { sender: 's', identifier: 'i1', sent: '2026-11-28T14:40:00+01:00' },
        { sender: 's', identifier: 'i2', sent: '2026-11-28T15:00:00+01:00' },
      ]),
    ).toBe('s,i1,2026-11-28T14:40:00+01:00 s,i2,2026-11-28T15:00:00+01:00');
  });
});
