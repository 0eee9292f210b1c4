/**
 * API Gateway's resource matching, for the route table of lib/api-routes.ts and the local-only endpoints:
 * `{name}` matches one path segment, `{name+}` the rest of the path, and literal segments win over
 * parameters. A path that exists with another method answers 405, one that does not exist 404.
 */

export type HttpMethod = 'GET' | 'POST';

/** What the local server needs of a route of lib/api-routes.ts. */
export interface RouteSpec {
  method: HttpMethod;
  /** API Gateway resource path, e.g. `/alerts/{id}/approval`. */
  path: string;
}

export type RouteMatch<R extends RouteSpec> =
  | { kind: 'found'; route: R; pathParameters: Record<string, string> }
  | { kind: 'methodNotAllowed'; allowed: HttpMethod[] }
  | { kind: 'notFound' };

type Segment = { literal: string } | { param: string; greedy: boolean };

interface CompiledRoute<R> {
  route: R;
  segments: Segment[];
  /** Literal segments first: the more literal a template, the more specific. */
  specificity: number;
}

export class RouteTable<R extends RouteSpec> {
  private readonly compiled: CompiledRoute<R>[];

  constructor(routes: readonly R[]) {
    this.compiled = routes
      .map((route) => {
        const segments = splitPath(route.path).map(toSegment);
        return { route, segments, specificity: segments.filter((s) => 'literal' in s).length };
      })
      .sort((a, b) => b.specificity - a.specificity);
  }

  match(method: string, path: string): RouteMatch<R> {
    const parts = splitPath(path);
    const candidates: { route: R; pathParameters: Record<string, string> }[] = [];
    for (const { route, segments } of this.compiled) {
      const pathParameters = matchSegments(segments, parts);
      if (pathParameters) candidates.push({ route, pathParameters });
    }
    if (candidates.length === 0) return { kind: 'notFound' };
    const found = candidates.find((c) => c.route.method === method);
    if (found) return { kind: 'found', ...found };
    return { kind: 'methodNotAllowed', allowed: [...new Set(candidates.map((c) => c.route.method))] };
  }
}

/** `/alerts/` and `/alerts` are the same resource; empty segments (`//`) match nothing. */
function splitPath(path: string): string[] {
  const trimmed = path.length > 1 ? path.replace(/\/$/, '') : path;
  return trimmed === '/' ? [] : trimmed.slice(1).split('/');
}

function toSegment(part: string): Segment {
  const param = /^\{([A-Za-z0-9_]+)(\+)?\}$/.exec(part);
  return param?.[1] ? { param: param[1], greedy: param[2] === '+' } : { literal: part };
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    if ('literal' in segment) {
      if (parts[i] !== segment.literal) return undefined;
      continue;
    }
    if (segment.greedy) {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.some((p) => p === '')) return undefined;
      params[segment.param] = rest.map(decode).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined || part === '') return undefined;
    params[segment.param] = decode(part);
  }
  return parts.length === segments.length ? params : undefined;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
