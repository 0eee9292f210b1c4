import type { AmberConfig } from '../../config/config';
import { type Alert, deadlineAfter, type IssuedMessage } from '../alert';
import { alertAsIssued } from '../alert-update';
import { capTextsFor } from '../cap';
import { capFacts } from '../cap/cap-facts';
import { withoutDeclaration, writeXml, xmlText } from '../cap/xml';
import { alertLink } from '../sms';
import { hasPublicMessages, latestMessage, textsKindOf } from './alert-messages';
import { capMessageOf } from './cap-history';

export const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';
/** Aggregators refuse or cut large feeds; 900 KB (decimal, the stricter reading) leaves room under 1 MB. */
export const FEED_MAX_BYTES = 900_000;
/** A resolved alert stays this long, as its Cancel, so that every aggregator sees it end. */
export const RESOLVED_FEED_HOURS = 24;

export interface FeedItem {
  alert: Alert;
  message: IssuedMessage;
}

/**
 * What the feed carries now, newest first: the latest message of each live alert that is running (or still
 * being sent), and the Cancel of each alert resolved in the last 24 hours (shortened by the time scale like
 * every deadline). Expired alerts, exercises and anything else drop out.
 */
export function currentFeedItems(alerts: readonly Alert[], now: Date, config: AmberConfig): FeedItem[] {
  const items: FeedItem[] = [];
  for (const alert of alerts) {
    const message = latestMessage(alert);
    if (!message || !hasPublicMessages(alert)) continue;
    const running =
      (alert.status === 'APPROVED' || alert.status === 'ACTIVE') &&
      message.kind !== 'CANCELLATION' &&
      (!alert.expiresAt || Date.parse(alert.expiresAt) > now.getTime());
    const recentlyResolved =
      alert.status === 'RESOLVED' &&
      message.kind === 'CANCELLATION' &&
      !!alert.resolvedAt &&
      Date.parse(
        deadlineAfter(new Date(alert.resolvedAt), RESOLVED_FEED_HOURS * 3600, config.timeouts.timeScale),
      ) > now.getTime();
    if (running || recentlyResolved) items.push({ alert, message });
  }
  return items.sort((a, b) => b.message.sentAt.localeCompare(a.message.sentAt));
}

const base = (config: AmberConfig) => config.publicBaseUrl.replace(/\/+$/, '');
export const feedUrl = (config: AmberConfig) => `${base(config)}/public/feed.atom`;
export const publicListUrl = (config: AmberConfig) => `${base(config)}/public/alerts`;
export const capUrl = (config: AmberConfig, alertId: string, version: number) =>
  `${base(config)}/public/alerts/${encodeURIComponent(alertId)}/cap/${version}`;

function entryTitle(item: FeedItem, config: AmberConfig): string {
  const language = config.country.defaultLanguage;
  const texts = capTextsFor(language) ?? capTextsFor('en');
  const { kind, version } = textsKindOf(item.alert, item.message);
  const facts = capFacts(alertAsIssued(item.alert, item.message), version, config, language);
  return texts ? texts.headline(kind, facts) : `AMBER Alert ${item.alert.id}`;
}

/** One entry, standalone (it declares the Atom namespace itself), with its CAP message inline or linked. */
function entryXml(item: FeedItem, config: AmberConfig, inlineCap: boolean): string {
  const { alert, message } = item;
  const xml = writeXml('entry', {
    '@_xmlns': ATOM_NAMESPACE,
    id: xmlText(`urn:cap:${message.capIdentifier}`),
    title: xmlText(entryTitle(item, config)),
    updated: message.sentAt,
    link: [
      {
        '@_rel': 'alternate',
        '@_type': 'application/cap+xml',
        '@_href': xmlText(capUrl(config, alert.id, message.version)),
      },
      {
        '@_rel': 'related',
        '@_type': 'text/html',
        '@_href': xmlText(alertLink(config.publicBaseUrl, alert.id)),
      },
    ],
  });
  if (!inlineCap) return xml;
  // The CAP message is already valid XML: written as it is, it reads exactly as the /cap endpoint serves it.
  const cap = withoutDeclaration(capMessageOf(alert, message, config));
  // Cut and joined, not String.replace: officer text in the message would be read as `$&`-style patterns.
  const close = xml.lastIndexOf('</entry>');
  return `${xml.slice(0, close)}<content type="application/cap+xml">${cap}</content>${xml.slice(close)}`;
}

function feedHead(config: AmberConfig, updated: string): string {
  const language = config.country.defaultLanguage;
  const sender =
    config.country.senderName[language] ?? Object.values(config.country.senderName)[0] ?? 'AMBER Alert';
  const country = config.country.countryName[language] ?? config.country.countryCode;
  return writeXml(
    'feed',
    {
      '@_xmlns': ATOM_NAMESPACE,
      '@_xml:lang': xmlText(language),
      id: xmlText(feedUrl(config)),
      title: xmlText(`AMBER Alerts: ${country}`),
      updated,
      author: { name: xmlText(sender) },
      link: [
        { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': xmlText(feedUrl(config)) },
        // The list of the active alerts: a resource the API serves (the bare base URL may serve nothing).
        { '@_rel': 'alternate', '@_type': 'application/json', '@_href': xmlText(publicListUrl(config)) },
      ],
    },
    { declaration: true },
  );
}

export interface AtomFeed {
  xml: string;
  bytes: number;
  entries: number;
  /** Entries that carry their CAP message inline; the others only link to it (the size limit). */
  inline: number;
}

/**
 * The Atom 1.0 feed of the current CAP messages. Newest first, each entry carries its CAP message inline
 * while the feed stays under `maxBytes`; past that, entries only link to it, and past that they are left out.
 */
export function buildAtomFeed(
  items: readonly FeedItem[],
  now: Date,
  config: AmberConfig,
  maxBytes = FEED_MAX_BYTES,
): AtomFeed {
  const updated = items[0]?.message.sentAt ?? now.toISOString();
  const [open, close] = splitHead(feedHead(config, updated));
  let bytes = Buffer.byteLength(open) + Buffer.byteLength(close);
  const entries: string[] = [];
  let inline = 0;
  for (const item of items) {
    const full = entryXml(item, config, true);
    const fullBytes = Buffer.byteLength(full);
    if (bytes + fullBytes < maxBytes) {
      entries.push(full);
      bytes += fullBytes;
      inline++;
      continue;
    }
    const linked = entryXml(item, config, false);
    const linkedBytes = Buffer.byteLength(linked);
    if (bytes + linkedBytes >= maxBytes) break;
    entries.push(linked);
    bytes += linkedBytes;
  }
  const xml = open + entries.join('') + close;
  return { xml, bytes: Buffer.byteLength(xml), entries: entries.length, inline };
}

/** The serialized head, cut before `</feed>` so that entries can be written in between. */
function splitHead(head: string): [string, string] {
  const at = head.lastIndexOf('</feed>');
  return [head.slice(0, at), head.slice(at)];
}
