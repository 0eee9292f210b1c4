import type { AlertSmsFields } from './template-types';

/** The free-text fields the composer may cut, in the order it cuts them. */
export type ShortenableField = 'description' | 'vehicleDetails' | 'place';

interface ShorteningRule {
  field: ShortenableField;
  /** Fewest words worth keeping with an ellipsis; below that the field is dropped. */
  minWords: number;
}

/**
 * Description goes first: clothing and looks help least from a phone screen and are on the linked page.
 * Make and colour go next, whole (half a make misleads). The place is cut last, word by word, since
 * where the child was last seen is what most people can act on. Name, age, plate, police number and
 * link are never cut.
 */
export const SHORTENING_ORDER: readonly ShorteningRule[] = [
  { field: 'description', minWords: 3 },
  { field: 'vehicleDetails', minWords: Number.POSITIVE_INFINITY },
  { field: 'place', minWords: 1 },
];

export const ELLIPSIS = '...';

/** The first `count` words, without the dangling punctuation, followed by "...". */
export function truncateAtWord(text: string, count: number): string {
  const kept = text
    .split(' ')
    .slice(0, count)
    .join(' ')
    .replace(/[\s,;:.-]+$/u, '');
  return `${kept}${ELLIPSIS}`;
}

/** Largest n in [low, high] for which `ok(n)` holds, given that ok is true up to some n and false after. */
function largestPassing(low: number, high: number, ok: (n: number) => boolean): number | undefined {
  // Usually even the shortest cut is too long: one check then spares the whole search.
  if (low > high || !ok(low)) return undefined;
  let best = low;
  let lo = low + 1;
  let hi = high;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) {
      best = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

export interface FittedMessage {
  body: string;
  fields: AlertSmsFields;
  shortened: ShortenableField[];
}

/**
 * Cuts the shortenable fields one after the other, each as little as possible, until the rendered body
 * fits. If nothing left to cut makes it fit, returns the shortest body it could make.
 */
export function fitToLimit(
  fields: AlertSmsFields,
  order: readonly ShorteningRule[],
  render: (f: AlertSmsFields) => string,
  fits: (body: string) => boolean,
): FittedMessage {
  let current = fields;
  const shortened: ShortenableField[] = [];
  for (const { field, minWords } of order) {
    if (fits(render(current))) break;
    const value = current[field];
    if (value === '') continue;
    const words = value.split(' ');
    const withWords = (n: number) => ({ ...current, [field]: truncateAtWord(value, n) });
    const keep = largestPassing(minWords, words.length - 1, (n) => fits(render(withWords(n))));
    current = keep === undefined ? { ...current, [field]: '' } : withWords(keep);
    shortened.push(field);
  }
  return { body: render(current), fields: current, shortened };
}
