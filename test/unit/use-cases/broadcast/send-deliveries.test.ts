import '../../support/env';
import type { SmsMessage } from '../../../../lambdas/ports/sms-sender';
import { sendDeliveries } from '../../../../lambdas/use-cases/broadcast/send-deliveries';
import { mobile } from '../../support/builders';
import { FakeSmsSender, InMemoryDeliveryRepository, invalidNumber, throttled } from '../../support/fakes';

const KEY = 'alert-1#ALERT';
const NOW = new Date('2024-05-01T10:00:00.000Z');
const body = (text: string): Pick<SmsMessage, 'body' | 'encoding' | 'segments'> => ({
  body: text,
  encoding: 'GSM-7',
  segments: 1,
});

function options(
  overrides: Partial<Parameters<typeof sendDeliveries>[2]> = {},
): Parameters<typeof sendDeliveries>[2] {
  return {
    messageKey: KEY,
    alertId: 'alert-1',
    kind: 'ALERT',
    audience: 'PUBLIC',
    bodies: new Map([
      ['sq', body('ALARM AMBER')],
      ['en', body('AMBER ALERT')],
    ]),
    fallbackLanguage: 'sq',
    ratePerSecond: 100_000,
    now: () => NOW,
    sleep: async () => undefined,
    ...overrides,
  };
}

describe('sendDeliveries', () => {
  test('sends each PENDING record, counts SENT and FAILED ones without sending them again', async () => {
    const deliveries = new InMemoryDeliveryRepository().seed(
      KEY,
      { phone: mobile(1), language: 'sq', audience: 'PUBLIC', status: 'PENDING', attempts: 0 },
      { phone: mobile(2), language: 'en', audience: 'PUBLIC', status: 'SENT', attempts: 1 },
      { phone: mobile(3), language: 'sq', audience: 'PUBLIC', status: 'FAILED', attempts: 5 },
    );
    const sms = new FakeSmsSender();
    await expect(sendDeliveries(deliveries, sms, options())).resolves.toMatchObject({
      recipients: 3,
      sent: 2,
      failed: 1,
      ambiguousResent: 0,
    });
    expect(sms.recipients()).toEqual([mobile(1)]);
    expect(sms.sent[0]).toEqual({ to: mobile(1), kind: 'ALERT', alertId: 'alert-1', ...body('ALARM AMBER') });
  });

  test('a language without a composed text falls back to the default language', async () => {
    const deliveries = new InMemoryDeliveryRepository().seed(KEY, {
      phone: mobile(1),
      language: 'it',
      audience: 'PUBLIC',
      status: 'PENDING',
      attempts: 0,
    });
    const sms = new FakeSmsSender();
    await sendDeliveries(deliveries, sms, options());
    expect(sms.sent[0]?.body).toBe('ALARM AMBER');
  });

  test('refuses to send when not even the default language has a text', async () => {
    const deliveries = new InMemoryDeliveryRepository().seed(KEY, {
      phone: mobile(1),
      language: 'it',
      audience: 'PUBLIC',
      status: 'PENDING',
      attempts: 0,
    });
    await expect(
      sendDeliveries(
        deliveries,
        new FakeSmsSender(),
        options({ bodies: new Map([['en', body('AMBER ALERT')]]) }),
      ),
    ).rejects.toThrow('No message composed for sq');
  });

  test('a SENDING record whose lease ran out is sent again and counted as an ambiguous resend', async () => {
    const deliveries = new InMemoryDeliveryRepository().seed(
      KEY,
      {
        phone: mobile(1),
        language: 'sq',
        audience: 'PUBLIC',
        status: 'SENDING',
        attempts: 1,
        leaseUntil: '2024-05-01T09:59:00.000Z',
      },
      {
        phone: mobile(2),
        language: 'sq',
        audience: 'PUBLIC',
        status: 'SENDING',
        attempts: 1,
        leaseUntil: '2024-05-01T10:01:00.000Z',
      },
    );
    const sms = new FakeSmsSender();
    const totals = await sendDeliveries(deliveries, sms, options());
    // The second phone is still leased by a live worker: not ours to send.
    expect(sms.recipients()).toEqual([mobile(1)]);
    expect(totals).toMatchObject({ recipients: 2, sent: 1, ambiguousResent: 1 });
    expect(deliveries.records(KEY).find((d) => d.phone === mobile(1))).toMatchObject({
      status: 'SENT',
      ambiguous: true,
    });
  });

  test('claims with a lease of leaseSeconds from now', async () => {
    const deliveries = new InMemoryDeliveryRepository().seed(KEY, {
      phone: mobile(1),
      language: 'sq',
      audience: 'PUBLIC',
      status: 'PENDING',
      attempts: 0,
    });
    const claim = jest.spyOn(deliveries, 'claim');
    await sendDeliveries(deliveries, new FakeSmsSender(), options({ leaseSeconds: 30 }));
    expect(claim).toHaveBeenCalledWith(KEY, mobile(1), '2024-05-01T10:00:30.000Z', NOW.toISOString());
  });

  test('retries with growing, jittered back-off up to maxAttempts', async () => {
    const deliveries = new InMemoryDeliveryRepository().seed(KEY, {
      phone: mobile(1),
      language: 'sq',
      audience: 'PUBLIC',
      status: 'PENDING',
      attempts: 0,
    });
    const sms = new FakeSmsSender().failNext(mobile(1), throttled(), throttled(), throttled());
    const sleeps: number[] = [];
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      const totals = await sendDeliveries(
        deliveries,
        sms,
        options({ maxAttempts: 4, sleep: async (ms) => void sleeps.push(ms) }),
      );
      expect(totals).toMatchObject({ sent: 1, failed: 0 });
    } finally {
      random.mockRestore();
    }
    // Full jitter (random 0.5) of 50 ms × 2^attempt: the first retry comes within 100 ms.
    expect(sleeps).toEqual([50, 100, 200]);
  });

  test('many recipients, several pages: every one sent once', async () => {
    const deliveries = new InMemoryDeliveryRepository();
    deliveries.seed(
      KEY,
      ...Array.from({ length: 1203 }, (_, i) => ({
        phone: mobile(i),
        language: 'sq',
        audience: 'PUBLIC' as const,
        status: 'PENDING' as const,
        attempts: 0,
      })),
    );
    const sms = new FakeSmsSender();
    const totals = await sendDeliveries(deliveries, sms, options());
    expect(totals).toMatchObject({ recipients: 1203, sent: 1203 });
    expect(new Set(sms.sent.map((m) => m.to)).size).toBe(1203);
    expect(sms.sent).toHaveLength(1203);
  });

  test('a lease lost before the outcome is recorded leaves the phone to its new holder, uncounted', async () => {
    const deliveries = new InMemoryDeliveryRepository().seed(
      KEY,
      ...[1, 2].map((i) => ({
        phone: mobile(i),
        language: 'sq',
        audience: 'PUBLIC' as const,
        status: 'PENDING' as const,
        attempts: 0,
      })),
    );
    // This worker's lease runs out while the sends are in flight: another worker takes both phones over and
    // records them first.
    const takeOver = async (phone: string) => {
      await deliveries.claim(KEY, phone, '2099-01-01T00:02:00.000Z', '2099-01-01T00:00:00.000Z');
      await deliveries.markSent(KEY, phone, '2099-01-01T00:00:01.000Z');
    };
    const sms = new FakeSmsSender().failNext(mobile(2), invalidNumber());
    const sending = {
      send: async (message: SmsMessage) => {
        await takeOver(message.to);
        return sms.send(message);
      },
    };
    const totals = await sendDeliveries(deliveries, sending, options());
    expect(totals).toMatchObject({ recipients: 2, sent: 0, failed: 0, pending: 2, complete: false });
    expect(deliveries.phonesWith(KEY, 'SENT')).toEqual([mobile(1), mobile(2)]);
  });

  // Regression: a failed markSent used to be retried by sending the SMS again.
  test('a failure to record a sent SMS does not send it again', async () => {
    const deliveries = new InMemoryDeliveryRepository().seed(KEY, {
      phone: mobile(1),
      language: 'sq',
      audience: 'PUBLIC',
      status: 'PENDING',
      attempts: 0,
    });
    deliveries.markSentFailures.push(
      Object.assign(new Error('Throughput exceeded'), { name: 'ProvisionedThroughputExceededException' }),
    );
    const sms = new FakeSmsSender();
    await sendDeliveries(deliveries, sms, options());
    expect(sms.sentTo(mobile(1))).toHaveLength(1);
  });
});

describe('sendDeliveries: the message stops being due (the alert was resolved)', () => {
  const fifty = () =>
    new InMemoryDeliveryRepository().seed(
      KEY,
      ...Array.from({ length: 50 }, (_, i) => ({
        phone: mobile(i + 1),
        language: 'sq',
        audience: 'PUBLIC' as const,
        status: 'PENDING' as const,
        attempts: 0,
      })),
    );

  test('no phone is claimed after the check says no; the rest stay PENDING and the pass is halted', async () => {
    const deliveries = fifty();
    const sms = new FakeSmsSender();
    let checking = 0;
    let overlapping = false;
    const totals = await sendDeliveries(
      deliveries,
      sms,
      options({
        ratePerSecond: 8, // 4 sends in flight
        stillDueEveryMs: 0,
        stillDue: async () => {
          overlapping ||= checking > 0;
          checking++;
          await Promise.resolve();
          checking--;
          return sms.sent.length < 10;
        },
      }),
    );
    expect(totals).toMatchObject({ halted: true, complete: false });
    expect(sms.sent.length).toBeGreaterThanOrEqual(10);
    expect(sms.sent.length).toBeLessThanOrEqual(10 + 4);
    const records = deliveries.records(KEY);
    expect(records.filter((r) => r.status === 'SENT')).toHaveLength(sms.sent.length);
    expect(records.filter((r) => r.status === 'PENDING')).toHaveLength(50 - sms.sent.length);
    expect(overlapping).toBe(false);
  });

  test('asked once per interval, not per message: on a clock that stands still, once per pass', async () => {
    const sms = new FakeSmsSender();
    let asked = 0;
    const totals = await sendDeliveries(
      fifty(),
      sms,
      options({
        stillDue: async () => {
          asked++;
          return true;
        },
      }),
    );
    expect(totals).toMatchObject({ halted: false, complete: true, sent: 50 });
    expect(asked).toBe(1);
  });
});
