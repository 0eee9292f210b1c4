import { type core, safeParse } from 'zod/mini';
import { type FieldErrors, ValidationError } from '../domain/errors';

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Turns zod issues into `{ "child.age": ["must be 17 or younger"] }`, one entry per offending field. The
 * input tells a missing field ("is required") from one of the wrong type, which zod reports alike.
 */
export function fieldErrors(error: core.$ZodError, input: unknown): FieldErrors {
  // No prototype: a client's field named `constructor` or `__proto__` must be just another key.
  const fields: FieldErrors = Object.create(null);
  const add = (path: PropertyKey[], message: string) => {
    const key = path.length > 0 ? path.map(String).join('.') : 'body';
    fields[key] = [...(Object.hasOwn(fields, key) ? (fields[key] ?? []) : []), message];
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add([...issue.path, key], 'is not an allowed field');
    } else if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
      add(issue.path, 'is required');
    } else {
      add(issue.path, issue.message);
    }
  }
  return fields;
}

/** Takes zod/mini schemas (lambdas/domain/schemas.ts) and classic ones alike: both are zod 4 core schemas. */
export function parseWith<S extends core.$ZodType>(
  schema: S,
  input: unknown,
  what = 'Request',
): core.output<S> {
  const result = safeParse(schema, input);
  if (!result.success) throw new ValidationError(`${what} is invalid`, fieldErrors(result.error, input));
  return result.data;
}
