import '../support/env';
import { measureSms } from '../../../lambdas/domain/sms';
import { createHandler } from '../../../lambdas/handlers/api/submit-alert';
import { apiEvent, bodyOf, fieldsOf, invoke } from '../support/api-gateway';
import { aSubmissionBody, officer, supervisor } from '../support/builders';
import { fakeDependencies } from '../support/deps';

interface Preview {
  mode: string;
  counties: string[];
  sms: Record<string, { body: string; encoding: string; segments: number }>;
}

function setup() {
  const deps = fakeDependencies();
  deps.clock.set(new Date());
  const handler = createHandler(deps);
  const preview = (body: unknown, principal = officer()) =>
    invoke(handler, apiEvent({ method: 'POST', path: '/alerts/preview', body, principal }));
  return { deps, preview };
}

describe('POST /alerts/preview', () => {
  test('200 with the ALERT SMS in every language, measured, and nothing stored or started', async () => {
    const { deps, preview } = setup();
    const response = await preview(aSubmissionBody());

    expect(response.statusCode).toBe(200);
    const body = bodyOf(response) as unknown as Preview;
    expect(Object.keys(body.sms).sort()).toEqual(['en', 'sq']);
    for (const sms of Object.values(body.sms)) {
      expect(sms.body).toContain('/a/');
      const measured = measureSms(sms.body);
      expect([sms.encoding, sms.segments]).toEqual([measured.encoding, measured.segments]);
    }
    expect(deps.alerts.items.size).toBe(0);
    expect(deps.workflow.started).toEqual([]);
  });

  test('an exercise is previewed with its exercise marker, in every language', async () => {
    const { preview } = setup();
    const live = bodyOf(await preview(aSubmissionBody())) as unknown as Preview;
    const drill = bodyOf(await preview(aSubmissionBody({ mode: 'EXERCISE' }))) as unknown as Preview;
    expect(drill.mode).toBe('EXERCISE');
    for (const language of ['sq', 'en']) {
      expect(drill.sms[language]?.body).not.toBe(live.sms[language]?.body);
    }
  });

  test('400 names the field, as the submission would', async () => {
    const { preview } = setup();
    const response = await preview(aSubmissionBody({ counties: [] }));
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual({ counties: ['at least one county'] });
  });

  test('403 for a supervisor: only officers submit, so only officers preview', async () => {
    const { preview } = setup();
    expect((await preview(aSubmissionBody(), supervisor())).statusCode).toBe(403);
  });
});
