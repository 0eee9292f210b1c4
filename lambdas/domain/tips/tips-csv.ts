import type { Tip } from './tip';

/**
 * The CSV export of an alert's tips for the investigators' case system (RFC 4180: every field quoted,
 * quotes doubled, CRLF between rows). A cell that a spreadsheet would read as a formula (it starts with
 * =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe, so opening the file runs nothing.
 */
export const TIP_CSV_COLUMNS = [
  'reference',
  'receivedAt',
  'channel',
  'mode',
  'state',
  'seenNow',
  'seenAt',
  'place',
  'lat',
  'lon',
  'message',
  'contactName',
  'contactPhone',
  'lastTriagedBy',
  'lastTriagedAt',
  'lastTriageNote',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cell(value: string | number | boolean | undefined): string {
  const text = value === undefined ? '' : neutralizeCell(String(value));
  return `"${text.replace(/"/g, '""')}"`;
}

function row(tip: Tip): string {
  const triage = [...tip.history].reverse().find((e) => e.action === 'TRIAGE');
  const values: Record<(typeof TIP_CSV_COLUMNS)[number], string | number | boolean | undefined> = {
    reference: tip.reference,
    receivedAt: tip.receivedAt,
    channel: tip.channel,
    mode: tip.mode,
    state: tip.state,
    seenNow: tip.seenNow,
    seenAt: tip.seenAt,
    place: tip.place,
    lat: tip.location?.lat,
    lon: tip.location?.lon,
    message: tip.message,
    contactName: tip.contact?.name,
    contactPhone: tip.contact?.phone,
    lastTriagedBy: triage?.actor.username,
    lastTriagedAt: triage?.at,
    lastTriageNote: triage?.note,
  };
  return TIP_CSV_COLUMNS.map((column) => cell(values[column])).join(',');
}

export function tipsToCsv(tips: readonly Tip[]): string {
  return [TIP_CSV_COLUMNS.map((c) => cell(c)).join(','), ...tips.map(row)].join('\r\n').concat('\r\n');
}
