import { type core, safeParse } from 'zod/mini';
import { CorruptItemError } from '../../../domain/errors';

/**
 * Items read back from DynamoDB are checked against their schema here, at the adapter boundary, instead of
 * being cast: a corrupt item, or one of a shape the code no longer writes, stops the request with a
 * CorruptItemError (a 500 without details) rather than failing later inside a use case.
 */
export function parseItem<S extends core.$ZodType>(schema: S, item: unknown, kind: string): core.output<S> {
  const result = safeParse(schema, item);
  if (result.success) return result.data;
  // Paths only: the values are personal data (names, phones, descriptions).
  throw new CorruptItemError(`${kind}: ${result.error.issues.map((issue) => issue.path.join('.'))}`);
}

/** A type with its intersections and aliases spelled out, so that two ways of writing one shape compare equal. */
type Spelled<T> = T extends readonly (infer U)[]
  ? Spelled<U>[]
  : T extends object
    ? { [K in keyof T]: Spelled<T[K]> }
    : T;

/** Type-level check that a schema's output is exactly a port's or the domain's type: they cannot drift apart. */
export type Same<A, B> =
  (<T>() => T extends Spelled<A> ? 1 : 2) extends <T>() => T extends Spelled<B> ? 1 : 2 ? true : false;
