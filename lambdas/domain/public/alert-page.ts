import type { AmberConfig } from '../../config/config';
import type { Alert } from '../alert';
// The SMS modules themselves, not their index: it would bring the SMS measuring packages into the page's bundle.
import { formatLongLocalTime } from '../sms/local-time';
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

/**
 * The page every alert SMS links to: plain HTML, no JavaScript, readable on any phone. Only the public
 * fields; every value typed by an officer is escaped.
 */
export function renderAlertPage(alert: Alert, config: AmberConfig, language: string): string {
  const t = pageTextsFor(language);
  const tz = config.country.timeZone;
  const { monthNames } = smsTemplatesFor(language);
  const when = (iso: string) => escapeHtml(formatLongLocalTime(new Date(iso), tz, monthNames));
  const status = pageStatus(alert);
  const police = escapeHtml(config.country.policeNumber);
  const county =
    config.country.regions.find((r) => r.code === alert.lastSeen.county)?.name ?? alert.lastSeen.county;
  const vehicle = [alert.vehicle?.plate, alert.vehicle?.make, alert.vehicle?.model, alert.vehicle?.color]
    .filter(Boolean)
    .join(', ');
  const suspect = [alert.suspect?.name, alert.suspect?.description].filter(Boolean).join(': ');
  const lastUpdate = latestMessage(alert)?.sentAt ?? alert.updatedAt;
  const row = (label: string, value: string) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;
  const others = config.country.languages
    .filter((l) => l !== language && l in PAGE_TEXTS)
    .map(
      (l) =>
        `<a href="?lang=${escapeHtml(l)}" hreflang="${escapeHtml(l)}">${escapeHtml(pageTextsFor(l).otherLanguage)}</a>`,
    )
    .join(' ');
  const photo = alert.child.photoUrl
    ? `<p><img src="${escapeHtml(alert.child.photoUrl)}" alt="${escapeHtml(t.photo(alert.child.name))}"></p>`
    : '';
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(language)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${t.title}: ${alert.child.name}`)}</title>`,
    `<style>${STYLE}</style></head>`,
    '<body>',
    others ? `<nav>${others}</nav>` : '',
    `<h1>${escapeHtml(t.title)}: ${escapeHtml(alert.child.name)}</h1>`,
    `<p class="status ${status}">${escapeHtml(t.status[status])}</p>`,
    status === 'active'
      ? `<p class="call"><a href="tel:${police}">${escapeHtml(t.callToAction(config.country.policeNumber))}</a></p>`
      : '',
    photo,
    '<dl>',
    row(t.name, alert.child.name),
    row(t.age, String(alert.child.age)),
    row(t.description, alert.child.description),
    row(
      t.lastSeen,
      `${alert.lastSeen.place}, ${county}, ${formatLongLocalTime(new Date(alert.lastSeen.at), tz, monthNames)}`,
    ),
    suspect ? row(t.suspect, suspect) : '',
    vehicle ? row(t.vehicle, vehicle) : '',
    status === 'active' && alert.expiresAt
      ? `<dt>${escapeHtml(t.expires)}</dt><dd>${when(alert.expiresAt)}</dd>`
      : '',
    `<dt>${escapeHtml(t.lastUpdate)}</dt><dd><time datetime="${escapeHtml(lastUpdate)}">${when(lastUpdate)}</time></dd>`,
    '</dl>',
    status === 'active' ? '' : `<p><a href="tel:${police}">${police}</a></p>`,
    '</body></html>',
  ]
    .filter(Boolean)
    .join('\n');
}
