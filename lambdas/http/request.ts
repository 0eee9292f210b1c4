import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { core } from 'zod/mini';
import { isAlertId } from '../domain/alert-id';
import {
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../domain/errors';
import type { Principal } from '../domain/identity';
import { parseWith } from './validation';

export const MAX_BODY_BYTES = 64 * 1024;

export function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value ?? undefined;
  }
  return undefined;
}

/** Parses a JSON body against a strict schema: every refusal is a 4xx that names the field and the reason. */
export function parseJsonBody<S extends core.$ZodType>(
  event: APIGatewayProxyEvent,
  schema: S,
): core.output<S> {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES)
    throw new PayloadTooLargeError(`Body over ${MAX_BODY_BYTES} bytes`);
  const contentType = header(event, 'content-type');
  if (contentType && !/^application\/([a-z.+-]*\+)?json\b/i.test(contentType.trim())) {
    throw new UnsupportedMediaTypeError('Content-Type must be application/json');
  }
  if (text.trim() === '') throw new ValidationError('Body is required', { body: ['is required'] });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ValidationError('Body is not valid JSON', { body: ['is not valid JSON'] });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ValidationError('Body must be a JSON object', { body: ['must be a JSON object'] });
  }
  return parseWith(schema, parsed, 'Body');
}

export function parseQuery<S extends core.$ZodType>(event: APIGatewayProxyEvent, schema: S): core.output<S> {
  return parseWith(schema, event.queryStringParameters ?? {}, 'Query');
}

/** An id that is not of the alert id form cannot exist, and says so the same way as a missing alert. */
export function alertIdFrom(event: APIGatewayProxyEvent): string {
  const id = event.pathParameters?.id?.toLowerCase();
  if (!id || !isAlertId(id)) throw new NotFoundError('Alert not found');
  return id;
}

/** A message version that is not a positive whole number cannot exist, and says so like a missing one. */
export function versionFrom(raw: string | undefined): number {
  if (!raw || !/^[1-9]\d{0,3}$/.test(raw)) throw new NotFoundError('No such version');
  return Number(raw);
}

/** API Gateway's Cognito authorizer passes claims as strings: groups arrive as "a,b" or "[a b]". */
function parseGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .map((g) => g.trim())
    .filter(Boolean);
}

export function principalFrom(event: APIGatewayProxyEvent): Principal {
  const claims = event.requestContext?.authorizer?.claims as Record<string, unknown> | undefined;
  const sub = claims?.sub;
  const username = claims?.['cognito:username'];
  const directorate = claims?.['custom:directorate'];
  if (typeof sub !== 'string' || typeof username !== 'string' || typeof directorate !== 'string') {
    throw new UnauthorizedError();
  }
  return { sub, username, directorate, groups: parseGroups(claims?.['cognito:groups']) };
}

export function clientIp(event: APIGatewayProxyEvent): string {
  return event.requestContext?.identity?.sourceIp ?? 'unknown';
}
