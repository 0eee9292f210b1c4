import { SegmentedMessage } from 'sms-segments-calculator';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsMeasure {
  encoding: SmsEncoding;
  segments: number;
}

/** Encoding and segment count as the carriers bill them (GSM 03.38 with its extension table, or UCS-2). */
export function measureSms(body: string): SmsMeasure {
  const message = new SegmentedMessage(body);
  return { encoding: message.encodingName, segments: message.segmentsCount };
}

interface CharCost {
  gsm: boolean;
  /** Septets in GSM-7 (2 for the extension table), UTF-16 code units in UCS-2. */
  units: number;
}

const charCosts = new Map<string, CharCost>();

function costOf(char: string): CharCost {
  let cost = charCosts.get(char);
  if (!cost) {
    const message = new SegmentedMessage(char);
    const gsm = message.encodingName === 'GSM-7';
    cost = { gsm, units: gsm ? message.numberOfCharacters : char.length };
    charCosts.set(char, cost);
  }
  return cost;
}

/** Whether one character (code point) can travel in a GSM-7 message, by the same rules as measureSms. */
export function isGsm7Char(char: string): boolean {
  return costOf(char).gsm;
}

const capacities = new Map<string, number>();

/** How many units of an encoding fit in `segments` segments, asked of the calculator once and kept. */
function capacityOf(encoding: SmsEncoding, segments: number): number {
  const key = `${encoding}/${segments}`;
  let capacity = capacities.get(key);
  if (capacity === undefined) {
    const unit = encoding === 'GSM-7' ? 'a' : 'ë';
    let lo = 0;
    let hi = 160 * segments;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (new SegmentedMessage(unit.repeat(mid)).segmentsCount <= segments) lo = mid;
      else hi = mid - 1;
    }
    capacity = lo;
    capacities.set(key, capacity);
  }
  return capacity;
}

/**
 * A fast check of whether a body fits in `segments` segments, with `slack` units held back.
 *
 * The calculator costs about 2 ms per 160 characters, and shortening a message tries many candidate
 * bodies. This check sums per-character costs and capacities the calculator itself reported, which is
 * exact for a single segment; across several segments a two-unit character cannot straddle a boundary,
 * so it can be optimistic by a unit or two. The composer therefore confirms its final body with
 * measureSms and, in that rare case, tries again with more slack.
 */
export function roughlyFits(body: string, segments: number, slack = 0): boolean {
  let septets = 0;
  let gsm = true;
  for (const char of body) {
    const cost = costOf(char);
    if (!cost.gsm) {
      gsm = false;
      break;
    }
    septets += cost.units;
  }
  return gsm
    ? septets <= capacityOf('GSM-7', segments) - slack
    : body.length <= capacityOf('UCS-2', segments) - slack;
}
