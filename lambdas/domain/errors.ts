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

/**
 * An item read from storage that does not have the shape the code expects: corrupt, or written in a shape the
 * code no longer reads. Not a DomainError: the central error map answers 500 without details. The message
 * names the kind of item and the paths that failed (parse-item.ts), never a value: items hold personal data.
 */
export class CorruptItemError extends Error {
  override name = 'CorruptItemError';
}
