import '../support/env';
import { createHandler } from '../../../lambdas/handlers/api/drill-recipients';
import { apiEvent, bodyOf, fieldsOf, invoke } from '../support/api-gateway';
import { mobile, nationalSupervisor, officer, otherSupervisor, supervisor } from '../support/builders';
import { fakeDependencies } from '../support/deps';

function setup() {
  const deps = fakeDependencies();
  const handler = createHandler(deps);
  return { deps, call: (options: Parameters<typeof apiEvent>[0]) => invoke(handler, apiEvent(options)) };
}

describe('POST and GET /drill-recipients', () => {
  test('a supervisor of any directorate registers a phone; the list shows it masked', async () => {
    const { deps, call } = setup();
    const phone = mobile(7);
    for (const principal of [supervisor(), otherSupervisor(), nationalSupervisor()]) {
      const added = await call({ method: 'POST', principal, body: { phone, language: 'en' } });
      expect(added.statusCode).toBe(201);
      expect(bodyOf(added)).toMatchObject({ phone: `${'*'.repeat(phone.length - 3)}${phone.slice(-3)}` });
    }
    expect([...deps.subscribers.drill.keys()]).toEqual([phone]);
    const listed = await call({ method: 'GET', principal: supervisor() });
    expect(listed.statusCode).toBe(200);
    const items = bodyOf(listed).items as { phone: string; language: string }[];
    expect(items).toHaveLength(1);
    expect(items[0]?.phone).not.toContain(phone.slice(0, -3));
    expect(items[0]?.language).toBe('en');
  });

  test('officers get 403 before their body is read; anonymous calls 401', async () => {
    const { deps, call } = setup();
    const refused = await call({ method: 'POST', principal: officer(), body: { phone: 'nonsense' } });
    expect(refused.statusCode).toBe(403);
    expect((await call({ method: 'GET', principal: officer() })).statusCode).toBe(403);
    expect((await call({ method: 'GET' })).statusCode).toBe(401);
    expect(deps.subscribers.drill.size).toBe(0);
  });

  test('400 naming the field for a landline, an unknown language and an extra field', async () => {
    const { deps, call } = setup();
    const landline = await call({
      method: 'POST',
      principal: supervisor(),
      body: { phone: '+355 4 222 3333', language: 'xx', extra: 1 },
    });
    expect(landline.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(landline)).sort()).toEqual(['extra', 'language', 'phone']);
    expect(fieldsOf(landline).phone).toEqual(['is not a mobile number']);
    expect(deps.subscribers.drill.size).toBe(0);
  });
});

describe('POST /drill-recipients/removal', () => {
  const removal = (principal: ReturnType<typeof supervisor> | undefined, body: unknown) => ({
    method: 'POST' as const,
    path: '/drill-recipients/removal',
    resource: '/drill-recipients/removal',
    ...(principal ? { principal } : {}),
    body,
  });

  test('a supervisor takes a phone out of the drill group; the list no longer shows it', async () => {
    const { deps, call } = setup();
    deps.subscribers.seedDrill(mobile(7)).seedDrill(mobile(8));
    const removed = await call(removal(otherSupervisor(), { phone: mobile(7) }));
    expect(removed.statusCode).toBe(200);
    expect(bodyOf(removed)).toEqual({ removed: true });
    expect([...deps.subscribers.drill.keys()]).toEqual([mobile(8)]);
    expect(bodyOf(await call(removal(supervisor(), { phone: mobile(7) })))).toEqual({ removed: false });
  });

  test('officers get 403, anonymous calls 401, a bad phone 400; nothing is removed', async () => {
    const { deps, call } = setup();
    deps.subscribers.seedDrill(mobile(7));
    expect((await call(removal(officer(), { phone: mobile(7) }))).statusCode).toBe(403);
    expect((await call(removal(undefined, { phone: mobile(7) }))).statusCode).toBe(401);
    const bad = await call(removal(supervisor(), { phone: 'nonsense', extra: 1 }));
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toHaveProperty('phone');
    expect(deps.subscribers.drill.size).toBe(1);
  });
});
