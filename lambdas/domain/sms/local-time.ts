/** Wall-clock fields of an instant in a time zone, plus that zone's offset from UTC at that instant. */
export interface ZonedParts {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** "+01:00" style, never "Z". */
  offset: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "GMT+01:00" -> "+01:00"; ICU writes a bare "GMT" for a zero offset. */
function offsetOf(zoneName: string): string {
  const match = /([+-])(\d{1,2}):?(\d{2})?/.exec(zoneName);
  if (!match) return '+00:00';
  const [, sign, hours = '0', minutes = '00'] = match;
  return `${sign}${hours.padStart(2, '0')}:${minutes}`;
}

export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const num = (type: string) => Number(parts[type] ?? 0);
  return {
    year: num('year'),
    month: num('month'),
    day: num('day'),
    hour: num('hour'),
    minute: num('minute'),
    second: num('second'),
    offset: offsetOf(parts.timeZoneName ?? ''),
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "28 Nov 14:30": short enough for an SMS, unambiguous for a reader in that zone. */
export function formatShortLocalTime(instant: Date, timeZone: string, monthNames: readonly string[]): string {
  const p = zonedParts(instant, timeZone);
  return `${p.day} ${monthNames[p.month - 1] ?? pad2(p.month)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** "28 Nov 2026, 14:30", for texts without a length limit. */
export function formatLongLocalTime(instant: Date, timeZone: string, monthNames: readonly string[]): string {
  const p = zonedParts(instant, timeZone);
  return `${p.day} ${monthNames[p.month - 1] ?? pad2(p.month)} ${p.year}, ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** ISO 8601 with the zone's numeric offset and whole seconds, as CAP 1.2 requires. */
export function formatIsoWithOffset(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}${p.offset}`;
}
