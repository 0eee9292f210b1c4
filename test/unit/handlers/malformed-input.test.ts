import '../support/env';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { createHandler as confirm } from '../../../lambdas/handlers/api/confirm-subscription';
import { createHandler as decide } from '../../../lambdas/handlers/api/decide-approval';
import { createHandler as drill } from '../../../lambdas/handlers/api/drill-recipients';
import { createHandler as resolve } from '../../../lambdas/handlers/api/resolve-alert';
import { createHandler as submit } from '../../../lambdas/handlers/api/submit-alert';
import { createHandler as subscribe } from '../../../lambdas/handlers/api/subscribe';
import type { ApiHandler } from '../../../lambdas/http/http-handler';
import { apiEvent, bodyOf, invoke } from '../support/api-gateway';
import { anActiveAlert, anAlert, aSubmissionBody, officer, supervisor } from '../support/builders';
import { fakeDependencies } from '../support/deps';

/**
 * Whatever a client sends, a POST route answers 4xx with a JSON message: never a 5xx, which would page the
 * on-call team (and, on API Gateway, be retried by some clients).
 */

const deps = fakeDependencies();
deps.clock.set(new Date());
const pending = anAlert({ caseNumber: 'PENDING-1', approvalDeadline: '2999-01-01T00:00:00.000Z' });
const active = anActiveAlert({ caseNumber: 'ACTIVE-1' });
deps.alerts.seed(pending, active);

const routes: [
  string,
  ApiHandler,
  Partial<APIGatewayProxyEvent> & { principal?: ReturnType<typeof officer> },
][] = [
  ['POST /alerts', submit(deps), { principal: officer() }],
  [
    'POST /alerts/{id}/approval',
    decide(deps),
    { principal: supervisor(), pathParameters: { id: pending.id } },
  ],
  [
    'POST /alerts/{id}/resolution',
    resolve(deps),
    { principal: officer(), pathParameters: { id: active.id } },
  ],
  ['POST /subscriptions', subscribe(deps), {}],
  ['POST /subscriptions/confirm', confirm(deps), {}],
  ['POST /drill-recipients', drill(deps), { principal: supervisor(), httpMethod: 'POST' }],
];

const deepArray = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
const deepObject = `${'{"a":'.repeat(9_000)}1${'}'.repeat(9_000)}`;

const bodies: [string, string | null][] = [
  ['no body', null],
  ['an empty body', ''],
  ['whitespace', ' \n\t '],
  ['truncated JSON', '{"caseNumber": "TR-1", '],
  ['a trailing comma', '{"decision":"APPROVE",}'],
  ['single quotes', "{'decision':'APPROVE'}"],
  ['JSON null', 'null'],
  ['a JSON array', '[1,2,3]'],
  ['a JSON string', '"APPROVE"'],
  ['a JSON number', '42'],
  ['an empty object', '{}'],
  ['unknown fields only', '{"hello":"world"}'],
  [
    'nulls everywhere',
    '{"caseNumber":null,"child":null,"decision":null,"outcome":null,"phone":null,"code":null}',
  ],
  [
    'wrong types',
    '{"caseNumber":1,"child":"x","counties":"AL-11","decision":true,"outcome":[],"phone":355,"code":123456}',
  ],
  ['a huge number', '{"child":{"age":1e400},"durationHours":-1e400,"code":1e400}'],
  ['a lone surrogate', '{"caseNumber":"\\ud800","phone":"\\udfff","reason":"\\ud800"}'],
  ['control characters', '{"caseNumber":"\\u0000\\u0007","phone":"\\u0000","note":"\\u0000"}'],
  [
    'a very long phone',
    `{"phone":"+355${'9'.repeat(5000)}","counties":["AL-11"],"language":"sq","code":"123456"}`,
  ],
  ['a deeply nested array', deepArray],
  ['a deeply nested object', deepObject],
  ['a body over 64 KiB', JSON.stringify({ ...aSubmissionBody(), caseNumber: 'x'.repeat(70_000) })],
  ['not JSON at all', '<xml>alert</xml>'],
  ['binary garbage', '\u0000\u0001\u00ff\ufffd'],
];

describe.each(routes)('%s never answers 5xx to malformed input', (_route, handler, base) => {
  test.each(bodies)('%s → 4xx with a JSON message', async (_what, body) => {
    const { principal, ...rest } = base;
    const event = { ...apiEvent({ method: 'POST', ...(principal ? { principal } : {}) }), ...rest, body };
    const response = await invoke(handler, event);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(bodyOf(response)).toHaveProperty('message');
  });

  test.each([
    ['a __proto__ key', '{"__proto__":{"isAdmin":true}}'],
    ['a constructor key', '{"constructor":{"prototype":{"x":1}}}'],
    ['a toString key', '{"toString":"x"}'],
  ])('%s → 4xx naming the field', async (_what, body) => {
    const { principal, ...rest } = base;
    const event = { ...apiEvent({ method: 'POST', ...(principal ? { principal } : {}) }), ...rest, body };
    const response = await invoke(handler, event);
    expect(response.statusCode).toBe(400);
  });

  test('a base64 body that is not base64 of JSON → 400', async () => {
    const { principal, ...rest } = base;
    const event = {
      ...apiEvent({ method: 'POST', ...(principal ? { principal } : {}) }),
      ...rest,
      body: '!!!not base64 at all###',
      isBase64Encoded: true,
    };
    expect((await invoke(handler, event)).statusCode).toBe(400);
  });

  test('a wrong content type → 415', async () => {
    const { principal, ...rest } = base;
    const event = {
      ...apiEvent({
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'text/xml' },
        ...(principal ? { principal } : {}),
      }),
      ...rest,
    };
    expect((await invoke(handler, event)).statusCode).toBe(415);
  });

  test('null headers are tolerated', async () => {
    const { principal, ...rest } = base;
    const event = {
      ...apiEvent({ method: 'POST', body: '{}', ...(principal ? { principal } : {}) }),
      ...rest,
    };
    const response = await invoke(handler, {
      ...event,
      headers: null as unknown as APIGatewayProxyEvent['headers'],
    });
    expect(response.statusCode).toBe(400);
  });
});

test('the malformed bodies changed nothing', () => {
  expect(deps.alerts.stored(pending.id).status).toBe('PENDING_APPROVAL');
  expect(deps.alerts.stored(active.id).status).toBe('ACTIVE');
  expect(deps.alerts.items.size).toBe(2);
  expect(deps.sms.sent).toEqual([]);
  expect(deps.subscribers.drill.size).toBe(0);
});

describe('every API handler module', () => {
  const dir = join(__dirname, '../../../lambdas/handlers/api');
  const modules = readdirSync(dir).filter((f) => f.endsWith('.ts'));

  test('there are handler modules to check', () => {
    expect(modules.length).toBeGreaterThanOrEqual(8);
  });

  test.each(modules)('%s exports createHandler(deps) and the AWS-wired handler', async (file) => {
    const mod = (await import(join(dir, file))) as { createHandler?: unknown; handler?: unknown };
    expect(typeof mod.createHandler).toBe('function');
    expect(typeof mod.handler).toBe('function');
    expect(typeof (mod.createHandler as (d: unknown) => unknown)(fakeDependencies())).toBe('function');
  });
});
