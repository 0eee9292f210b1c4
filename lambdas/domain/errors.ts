/**
 * Typed domain errors. Handlers never build error responses themselves: the HTTP error middleware maps
 * these classes to status codes in one place, and anything else becomes a 500 without details.
 */
export type FieldErrors = Record<string, string[]>;

export abstract class DomainError extends Error {
  abstract readonly statusCode: number;
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
}

export class UnauthorizedError extends DomainError {
  readonly statusCode = 401;
  constructor(message = 'Authentication required') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly statusCode = 403;
}

export class NotFoundError extends DomainError {
  readonly statusCode = 404;
  constructor(message = 'Not found') {
    super(message);
  }
}

export class ConflictError extends DomainError {
  readonly statusCode = 409;
}

/** The resource existed and has ended for good (a tip for an alert that is over). */
export class GoneError extends DomainError {
  readonly statusCode = 410;
}

/** Well-formed, but cannot be processed as asked (an idempotency key reused with another body). */
export class UnprocessableEntityError extends DomainError {
  readonly statusCode = 422;
}

export class PayloadTooLargeError extends DomainError {
  readonly statusCode = 413;
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly statusCode = 415;
}

export class TooManyRequestsError extends DomainError {
  readonly statusCode = 429;
}

export class ServiceUnavailableError extends DomainError {
  readonly statusCode = 503;
}

/** Lost a conditional write: the item was not in the state the caller expected. */
export class ConcurrentChangeError extends ConflictError {}
