import '../support/env';
import { createHandler as confirmHandler } from '../../../lambdas/handlers/api/confirm-subscription';
import { createHandler as subscribeHandler } from '../../../lambdas/handlers/api/subscribe';
import { apiEvent, bodyOf, fieldsOf, invoke } from '../support/api-gateway';
import { fakeDependencies } from '../support/deps';

function setup() {
  const deps = fakeDependencies();
  const subscribe = (body: unknown) => invoke(subscribeHandler(deps), apiEvent({ method: 'POST', body }));
  const confirm = (body: unknown) => invoke(confirmHandler(deps), apiEvent({ method: 'POST', body }));
  return { deps, subscribe, confirm };
}

describe('POST /subscriptions and /subscriptions/confirm', () => {
  test('202 PENDING_CONFIRMATION, then 200 ACTIVE with the code from the SMS (national number format)', async () => {
    const { deps, subscribe, confirm } = setup();
    const accepted = await subscribe({ phone: '069 123 4567', counties: ['AL-11'], language: 'en' });
    expect(accepted.statusCode).toBe(202);
    expect(bodyOf(accepted)).toEqual({ status: 'PENDING_CONFIRMATION' });
    expect(deps.sms.sent.map((m) => [m.to, m.kind])).toEqual([['+355691234567', 'CONFIRMATION_CODE']]);

    const code = deps.sms.sent[0]?.body.match(/\b\d{6}\b/)?.[0];
    const confirmed = await confirm({ phone: '+355 69 123 4567', code });
    expect(confirmed.statusCode).toBe(200);
    expect(bodyOf(confirmed)).toEqual({ status: 'ACTIVE' });
    expect(deps.subscribers.stored('+355691234567')).toMatchObject({ status: 'ACTIVE', counties: ['AL-11'] });
  });

  test('400 for a landline, naming the phone field', async () => {
    const { deps, subscribe } = setup();
    const response = await subscribe({ phone: '+355 4 222 3333', counties: ['AL-11'], language: 'sq' });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual({ phone: ['is not a mobile number'] });
    expect(deps.sms.sent).toEqual([]);
  });

  test('400 for an unknown county, naming its position', async () => {
    const { subscribe } = setup();
    const response = await subscribe({ phone: '069 123 4567', counties: ['AL-11', 'AL-99'], language: 'sq' });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(response))).toEqual(['counties.1']);
  });

  test('400 for a wrong code, on the code field', async () => {
    const setupResult = setup();
    const { subscribe, confirm } = setupResult;
    const { deps } = setupResult;
    await subscribe({ phone: '069 123 4567', counties: ['AL-11'], language: 'sq' });
    const code = deps.sms.sent[0]?.body.match(/\b\d{6}\b/)?.[0] ?? '000000';
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const response = await confirm({ phone: '069 123 4567', code: wrong });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual({ code: ['is wrong or has expired'] });
  });
});
