/**
 * Typed domain errors. Handlers never build error responses themselves: the HTTP error middleware maps
 * these classes to status codes in one place, and anything else becomes a 500 without details.
 */
export type FieldErrors = Record<string, string[]>;

/**
 * Each class states its name as a string: the bundles are minified, and a name taken from the class
 * (`new.target.name`) would reach logs and Step Functions' Retry and Catch as `e` or `Aa`.
 */
export abstract class DomainError extends Error {
  abstract readonly statusCode: number;
  abstract override readonly name: string;
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class ValidationError extends DomainError {
  override readonly name: string = 'ValidationError';
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
}

export class UnauthorizedError extends DomainError {
  override readonly name: string = 'UnauthorizedError';
  readonly statusCode = 401;
  constructor(message = 'Authentication required') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  override readonly name: string = 'ForbiddenError';
  readonly statusCode = 403;
}

export class NotFoundError extends DomainError {
  override readonly name: string = 'NotFoundError';
  readonly statusCode = 404;
  constructor(message = 'Not found') {
    super(message);
  }
}

export class ConflictError extends DomainError {
  override readonly name: string = 'ConflictError';
  readonly statusCode = 409;
}

/** The resource existed and has ended for good (a tip for an alert that is over). */
export class GoneError extends DomainError {
  override readonly name: string = 'GoneError';
  readonly statusCode = 410;
}

/** Well-formed, but cannot be processed as asked (an idempotency key reused with another body). */
export class UnprocessableEntityError extends DomainError {
  override readonly name: string = 'UnprocessableEntityError';
  readonly statusCode = 422;
}

export class PayloadTooLargeError extends DomainError {
  override readonly name: string = 'PayloadTooLargeError';
  readonly statusCode = 413;
}

export class UnsupportedMediaTypeError extends DomainError {
  override readonly name: string = 'UnsupportedMediaTypeError';
  readonly statusCode = 415;
}

export class TooManyRequestsError extends DomainError {
  override readonly name: string = 'TooManyRequestsError';
  readonly statusCode = 429;
}

export class ServiceUnavailableError extends DomainError {
  override readonly name: string = 'ServiceUnavailableError';
  readonly statusCode = 503;
}

/** Lost a conditional write: the item was not in the state the caller expected. */
export class ConcurrentChangeError extends ConflictError {
  override readonly name: string = 'ConcurrentChangeError';
}

/**
 * An open alert of the same mode holds the case number. It carries the holder for the use case to decide
 * whether the caller may be told which alert that is; its own message names none.
 */
export class CaseNumberTakenError extends ConflictError {
  override readonly name: string = 'CaseNumberTakenError';
  constructor(readonly holder: { id: string; directorate: string }) {
    super('An open alert already has this caseNumber');
  }
}

/**
 * An item read from storage that does not have the shape the code expects: corrupt, or written in a shape the
 * code no longer reads. Not a DomainError: the central error map answers 500 without details. The message
 * names the kind of item and the paths that failed (parse-item.ts), never a value: items hold personal data.
 */
export class CorruptItemError extends Error {
  override name = 'CorruptItemError';
}
