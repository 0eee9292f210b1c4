import type { AmberConfig } from '../../config/config';
import type { Alert } from '../alert';
// The SMS modules themselves, not their index: it would bring the SMS measuring packages into the page's bundle.
import { formatLongLocalTime, zonedParts } from '../sms/local-time';
import { smsTemplatesFor } from '../sms/templates';
import { latestMessage } from './alert-messages';
import { PAGE_TEXTS, type PageTexts, pageTextsFor } from './page-texts';

/** Every user-typed value goes through this: text and attribute values alike. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export type PageStatus = keyof PageTexts['status'];

/** The status in the public's terms. An alert still being sent is already active for whoever got the SMS. */
export function pageStatus(alert: Alert): PageStatus {
  switch (alert.status) {
    case 'APPROVED':
    case 'ACTIVE':
      return 'active';
    case 'RESOLVED':
      return alert.outcome === 'FOUND' ? 'found' : 'cancelled';
    case 'EXPIRED':
      return 'expired';
    default:
      return 'ended';
  }
}

/** The page's language: `?lang=` if known, else the first known one the browser asks for, else the country's. */
export function pageLanguage(
  config: AmberConfig,
  query: string | undefined,
  acceptLanguage: string | undefined,
) {
  const known = config.country.languages.filter((l) => l in PAGE_TEXTS);
  if (query && known.includes(query)) return query;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().slice(0, 2);
    if (tag && known.includes(tag)) return tag;
  }
  return known.includes(config.country.defaultLanguage) ? config.country.defaultLanguage : (known[0] ?? 'en');
}

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem;line-height:1.4}' +
  '.status{padding:.75rem;border-radius:.4rem;font-weight:bold}.active{background:#ffd24d}' +
  '.found,.cancelled{background:#b7e4c7}.expired,.ended{background:#ddd}' +
  'img{max-width:100%;height:auto}dt{font-weight:bold}.call{font-size:1.3rem}';

/** The name the public knows the child by once the alert is over: the first name only. */
export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

function senderOf(config: AmberConfig, language: string): string {
  const names = config.country.senderName;
  return names[language] ?? names[config.country.defaultLanguage] ?? Object.values(names)[0] ?? '';
}

/** A time in the country's zone, saying which zone: "1 May 2024, 11:55 (UTC+02:00)", machine-readable too. */
function timeElement(iso: string, config: AmberConfig, language: string): string {
  const instant = new Date(iso);
  const tz = config.country.timeZone;
  const local = formatLongLocalTime(instant, tz, smsTemplatesFor(language).monthNames);
  const offset = zonedParts(instant, tz).offset;
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(local)} (UTC${offset})</time>`;
}

function page(config: AmberConfig, language: string, title: string, body: readonly string[]): string {
  const others = config.country.languages
    .filter((l) => l !== language && l in PAGE_TEXTS)
    .map(
      (l) =>
        `<a href="?lang=${escapeHtml(l)}" hreflang="${escapeHtml(l)}">${escapeHtml(pageTextsFor(l).otherLanguage)}</a>`,
    )
    .join(' ');
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(language)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style></head>`,
    '<body>',
    others ? `<nav>${others}</nav>` : '',
    '<main>',
    ...body,
    '</main>',
    '</body></html>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The page every alert SMS links to: plain HTML, no JavaScript, readable on any phone. Only the public
 * fields; every value typed by an officer is escaped. Once the alert is resolved it shows the outcome and
 * the child's first name only: the suspect, the vehicle and the description are no one's business any more.
 */
export function renderAlertPage(alert: Alert, config: AmberConfig, language: string): string {
  const t = pageTextsFor(language);
  const status = pageStatus(alert);
  const active = status === 'active';
  const police = escapeHtml(config.country.policeNumber);
  const time = (iso: string) => timeElement(iso, config, language);
  const name = active ? alert.child.name : firstName(alert.child.name);
  const lastUpdate = latestMessage(alert)?.sentAt ?? alert.updatedAt;
  const row = (label: string, value: string) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;
  const issuer = `<p>${escapeHtml(t.issuedBy(senderOf(config, language)))}</p>`;
  const updated = `<dt>${escapeHtml(t.lastUpdate)}</dt><dd>${time(lastUpdate)}</dd>`;
  const heading = [
    `<h1>${escapeHtml(t.title)}: ${escapeHtml(name)}</h1>`,
    `<p class="status ${status}">${escapeHtml(t.status[status])}</p>`,
  ];
  if (!active) {
    return page(config, language, `${t.title}: ${name}`, [
      ...heading,
      issuer,
      `<dl>${updated}</dl>`,
      `<p><a href="tel:${police}">${police}</a></p>`,
    ]);
  }
  const county =
    config.country.regions.find((r) => r.code === alert.lastSeen.county)?.name ?? alert.lastSeen.county;
  const vehicle = [alert.vehicle?.plate, alert.vehicle?.make, alert.vehicle?.model, alert.vehicle?.color]
    .filter(Boolean)
    .join(', ');
  const suspect = [alert.suspect?.name, alert.suspect?.description].filter(Boolean).join(': ');
  const photo = alert.child.photoUrl
    ? `<p><img src="${escapeHtml(alert.child.photoUrl)}" alt="${escapeHtml(t.photo(alert.child.name))}"></p>`
    : '';
  return page(config, language, `${t.title}: ${name}`, [
    ...heading,
    `<p class="call"><a href="tel:${police}">${escapeHtml(t.callToAction(config.country.policeNumber))}</a></p>`,
    `<p>${escapeHtml(t.instruction(alert.child.name, config.country.policeNumber))}</p>`,
    issuer,
    photo,
    '<dl>',
    row(t.name, alert.child.name),
    row(t.age, String(alert.child.age)),
    row(t.description, alert.child.description),
    `<dt>${escapeHtml(t.lastSeen)}</dt><dd>${escapeHtml(`${alert.lastSeen.place}, ${county}`)}, ${time(alert.lastSeen.at)}</dd>`,
    suspect ? row(t.suspect, suspect) : '',
    vehicle ? row(t.vehicle, vehicle) : '',
    alert.expiresAt ? `<dt>${escapeHtml(t.expires)}</dt><dd>${time(alert.expiresAt)}</dd>` : '',
    updated,
    '</dl>',
  ]);
}

/** The answer for an id with no alert to show: in the visitor's language, with the police number. */
export function renderNoAlertPage(config: AmberConfig, language: string): string {
  const t = pageTextsFor(language).noAlert;
  const police = escapeHtml(config.country.policeNumber);
  return page(config, language, t.title, [
    `<h1>${escapeHtml(t.title)}</h1>`,
    `<p>${escapeHtml(t.text)}</p>`,
    `<p class="call"><a href="tel:${police}">${escapeHtml(t.call(config.country.policeNumber))}</a></p>`,
  ]);
}
