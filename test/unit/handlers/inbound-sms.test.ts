import '../support/env';
import type { SNSEvent } from 'aws-lambda';
import { createHandler } from '../../../lambdas/handlers/sms/inbound-sms';
import { inboundSmsEvent } from '../../../local/inbound-sms';
import { mobile } from '../support/builders';
import { fakeDependencies } from '../support/deps';

const phone = mobile(3);

function setup() {
  const deps = fakeDependencies();
  deps.subscribers.seedActive(phone, ['AL-11', 'AL-10']);
  return { deps, handle: createHandler(deps) };
}

describe('inbound SMS handler', () => {
  test.each(['STOP', 'stop all', 'Ndalo.'])('%j opts the sender out', async (body) => {
    const { deps, handle } = setup();
    await handle(inboundSmsEvent(phone, body));
    expect(deps.subscribers.stored(phone)).toMatchObject({ status: 'OPTED_OUT', counties: [] });
  });

  test('a national-format sender is the same phone', async () => {
    const { deps, handle } = setup();
    await handle(inboundSmsEvent(`0${phone.slice(4)}`, 'STOP'));
    expect(deps.subscribers.stored(phone).status).toBe('OPTED_OUT');
  });

  test('any other reply, a foreign number or an unreadable notification changes nothing and does not throw', async () => {
    const { deps, handle } = setup();
    await handle(inboundSmsEvent(phone, 'where is the child?'));
    await handle(inboundSmsEvent('+14155550100', 'STOP'));
    const unreadable = inboundSmsEvent(phone, 'STOP');
    const record = unreadable.Records[0];
    if (!record) throw new Error('no record');
    const broken: SNSEvent = { Records: [{ ...record, Sns: { ...record.Sns, Message: 'not json' } }] };
    await handle(broken);
    expect(deps.subscribers.calls.remove).toBe(0);
    expect(deps.subscribers.stored(phone).status).toBe('ACTIVE');
  });
});
