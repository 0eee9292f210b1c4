import { API_ROUTES } from '../../lib/api-routes';
import { resourcesOfType, type Synthesized, synthAmber } from './synth';

/** Tips in the stack: the public route without authorizer, the police ones behind it, the flood alarms. */
let synth: Synthesized;
beforeAll(() => {
  synth = synthAmber();
});

const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  synth.stack.getLogicalId(construct.node.defaultChild as never);

test('POST /public/alerts/{id}/tips is public; the inbox and triage need a Cognito token', () => {
  const methods = Object.values(resourcesOfType(synth.template, 'AWS::ApiGateway::Method')).map(
    (m) => m.Properties as { HttpMethod: string; AuthorizationType: string; Integration?: { Uri?: unknown } },
  );
  const tipRoutes = API_ROUTES.filter((r) => r.path.includes('/tips'));
  expect(tipRoutes.map((r) => `${r.method} ${r.path} ${r.auth}`)).toEqual([
    'POST /public/alerts/{id}/tips false',
    'GET /alerts/{id}/tips true',
    'POST /alerts/{id}/tips/{tipId}/triage true',
  ]);
  for (const [name, auth] of [
    ['submitTip', 'NONE'],
    ['alertTips', 'COGNITO_USER_POOLS'],
    ['triageTip', 'COGNITO_USER_POOLS'],
  ] as const) {
    const fnId = synth.logicalId(synth.stack.api.functions[name]);
    const method = methods.find((m) => JSON.stringify(m.Integration?.Uri ?? '').includes(fnId));
    expect({ name, auth: method?.AuthorizationType }).toEqual({ name, auth });
  }
});

test('a flood of tips (refusals at an alert’s limit) and a failed urgent notice page the on-call team', () => {
  const logGroup = idOf(synth.stack.api.functions.submitTip.logGroup);
  const filters = Object.values(resourcesOfType(synth.template, 'AWS::Logs::MetricFilter')).map(
    (f) =>
      f.Properties as {
        LogGroupName: { Ref: string };
        FilterPattern: string;
        MetricTransformations: { MetricName: string }[];
      },
  );
  const flood = filters.find((f) => f.MetricTransformations[0]?.MetricName === 'TipFloodRefusals');
  expect(flood).toMatchObject({ LogGroupName: { Ref: logGroup }, FilterPattern: '{ $.tipFlood = 1 }' });
  const notice = filters.find((f) => f.MetricTransformations[0]?.MetricName === 'UrgentTipNoticeFailures');
  expect(notice?.LogGroupName).toEqual({ Ref: logGroup });
  expect(notice?.FilterPattern).toContain('Urgent tip notification failed');

  const opsTopic = { Ref: idOf(synth.stack.messaging.opsTopic) };
  for (const alarm of [synth.stack.tipAlarms.flood, synth.stack.tipAlarms.urgentNoticeFailed]) {
    const props = synth.template.toJSON().Resources[idOf(alarm)].Properties as {
      AlarmActions: unknown[];
      MetricName: string;
      Threshold: number;
    };
    expect(props.AlarmActions).toEqual([opsTopic]);
  }
  const floodAlarm = synth.template.toJSON().Resources[idOf(synth.stack.tipAlarms.flood)].Properties;
  expect(floodAlarm).toMatchObject({ MetricName: 'TipFloodRefusals', Threshold: 50, Period: 300 });
});

test('the retention purge reaches the tips table for contacts only through Query, UpdateItem, BatchWriteItem', () => {
  const vars = (
    synth.template.toJSON().Resources[synth.logicalId(synth.stack.retention.handler)].Properties as {
      Environment: { Variables: Record<string, unknown> };
    }
  ).Environment.Variables;
  expect(vars.TIPS_TABLE).toEqual({ Ref: idOf(synth.stack.data.tables.tips) });
});
