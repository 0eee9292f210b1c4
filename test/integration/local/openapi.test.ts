import { API_ROUTES } from '../../../lib/api-routes';
import { startHttpServer } from '../../../local/http-server';
import { LocalIdentityProvider } from '../../../local/identities';
import { tempDir } from './helpers';

test('the local platform serves the OpenAPI document at /openapi.json, with every route', async () => {
  const dir = await tempDir();
  const identity = await LocalIdentityProvider.open({ dataDir: dir.path });
  const server = await startHttpServer({
    port: 0,
    routes: [],
    identity,
    sms: { messagesTo: () => [] },
    notifications: { list: () => [] },
  });
  try {
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const route of API_ROUTES) {
      expect(doc.paths[route.path]?.[route.method.toLowerCase()]).toBeDefined();
    }
  } finally {
    await server.close();
    await dir.remove();
  }
});
