import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { DomainError, TooManyRequestsError, ValidationError } from '../domain/errors';
import { logger } from '../observability/logger';
import { json } from './responses';

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** The one place where errors become HTTP answers: typed domain errors keep their status, the rest are 500s. */
export function toErrorResponse(error: unknown): APIGatewayProxyResult {
  if (error instanceof ValidationError) {
    return json(400, { message: error.message, fields: error.fields });
  }
  if (error instanceof TooManyRequestsError && typeof error.details?.retryAfterSeconds === 'number') {
    return json(
      error.statusCode,
      { message: error.message, ...error.details },
      { 'retry-after': String(Math.max(1, Math.ceil(error.details.retryAfterSeconds))) },
    );
  }
  if (error instanceof DomainError) {
    return json(error.statusCode, { message: error.message, ...(error.details ?? {}) });
  }
  logger.error('Unhandled error', {
    error: error instanceof Error ? { name: error.name, stack: error.stack } : 'unknown',
  });
  return json(500, { message: 'Internal server error' });
}

export function httpHandler(
  route: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>,
): ApiHandler {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      onError: async (request) => {
        request.response = toErrorResponse(request.error);
      },
    })
    .handler((event) => route(event));
}
