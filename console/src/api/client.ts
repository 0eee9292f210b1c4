import createClient, { type Middleware } from 'openapi-fetch';
import { session, signOut } from '../auth/session';
import type { paths } from './schema';

/**
 * The API client, typed from the OpenAPI document that lib/openapi.ts generates from the handlers' zod
 * schemas (npm run console:types): paths, parameters and request bodies that the API does not accept do not
 * compile. The console is served from the API's origin, so requests are same-origin (no CORS).
 */
export const api = createClient<paths>({ baseUrl: new URL('/', window.location.href).origin });

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.get()?.token;
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) signOut();
    return response;
  },
};
api.use(auth);

/** An error answer of the API: its message and, for invalid input, the reasons per field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

interface Result {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The body of a success, or an ApiError. The document describes requests, not answers: answers are typed
 * with the domain's own types (see types.ts).
 */
export async function unwrap<T>(call: Promise<Result>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const body = (error ?? {}) as { message?: unknown; fields?: unknown };
  throw new ApiError(
    response.status,
    typeof body.message === 'string' ? body.message : response.statusText,
    (body.fields as Record<string, string[]> | undefined) ?? {},
  );
}
