import type { AmberConfig } from '../../config/config';
import type { PublicAlert } from '../alert';
import { escapeHtml } from './alert-page';
import { type SiteTexts, siteTextsFor } from './site-texts';

/**
 * The public site's pages (home, subscribe, unsubscribe): plain HTML, no JavaScript, one <main>, the
 * language declared, every control labelled. Forms POST; every value is escaped.
 */

/** The only stylesheet; the handler allows exactly it by its hash (no 'unsafe-inline'). */
export const SITE_STYLE =
  'body{font-family:system-ui,sans-serif;margin:0;line-height:1.5;color:#0b0c0c}' +
  'header{background:#0b0c0c;color:#fff;padding:.75rem 1rem;display:flex;justify-content:space-between;flex-wrap:wrap;gap:.5rem}' +
  'header a{color:#fff;font-weight:bold}main{max-width:40rem;margin:0 auto;padding:1rem}' +
  'a{color:#1d4ed8}a:focus,input:focus,button:focus{outline:3px solid #fd0;box-shadow:0 0 0 5px #0b0c0c}' +
  '.alert{border:3px solid #b00020;padding:1rem;margin:0 0 1rem;border-radius:.4rem}.alert img{max-width:100%;height:auto}' +
  '.alert h2{margin:.25rem 0}label{display:block;font-weight:bold}.hint{color:#505a5f;margin:.25rem 0}' +
  'input[type=tel],input[type=text]{font:inherit;width:100%;max-width:20rem;padding:.5rem;border:2px solid #0b0c0c;min-height:44px}' +
  'fieldset{border:none;padding:0;margin:0 0 1rem}legend{font-weight:bold}' +
  '.choice{display:flex;gap:.5rem;align-items:center;font-weight:normal;min-height:44px}.choice input{width:1.4rem;height:1.4rem}' +
  '.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr))}' +
  'button{font:inherit;font-weight:bold;background:#00703c;color:#fff;border:none;padding:.75rem 1.25rem;min-height:44px;cursor:pointer}' +
  '.error{color:#b00020;font-weight:bold}.summary{border:4px solid #b00020;padding:.75rem;margin-bottom:1rem}' +
  '.field{margin-bottom:1rem}.field.invalid{border-left:4px solid #b00020;padding-left:.75rem}';

export type FieldName = keyof SiteTexts['fieldErrors'];
export type PageErrors = Partial<Record<FieldName, true>>;

interface Layout {
  language: string;
  title: string;
  body: string;
  /** The same page in the other languages (GET pages only: a POST's answer has no address to link). */
  path?: string;
  config: AmberConfig;
}

function layout({ language, title, body, path, config }: Layout): string {
  const t = siteTextsFor(language);
  const others = path
    ? config.country.languages
        .filter((l) => l !== language)
        .map((l) => {
          const href = `${path}${path.includes('?') ? '&' : '?'}lang=${encodeURIComponent(l)}`;
          return `<a href="${escapeHtml(href)}" hreflang="${escapeHtml(l)}" lang="${escapeHtml(l)}">${escapeHtml(siteTextsFor(l).languageNames[l] ?? l)}</a>`;
        })
        .join(' ')
    : '';
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(language)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${title} — ${t.siteName}`)}</title>`,
    `<style>${SITE_STYLE}</style></head>`,
    '<body>',
    `<header><a href="/?lang=${escapeHtml(language)}">${escapeHtml(t.siteName)}</a>${others ? `<nav aria-label="${escapeHtml(t.language)}">${others}</nav>` : ''}</header>`,
    `<main>${body}</main>`,
    '</body></html>',
  ].join('\n');
}

const countyNameOf = (config: AmberConfig, code: string) =>
  config.country.regions.find((r) => r.code === code)?.name ?? code;

/** `/`: the active alerts, each with its photo, linking to its page, and how to subscribe. */
export function renderHome(alerts: readonly PublicAlert[], config: AmberConfig, language: string): string {
  const t = siteTextsFor(language);
  const lang = encodeURIComponent(language);
  const items = alerts.map((alert) => {
    const photo = alert.child.photoUrl
      ? `<img src="${escapeHtml(alert.child.photoUrl)}" alt="${escapeHtml(t.photo(alert.child.name))}" width="320">`
      : '';
    return [
      '<article class="alert">',
      `<h2><a href="/a/${escapeHtml(alert.id)}?lang=${lang}">${escapeHtml(alert.child.name)}</a></h2>`,
      photo,
      `<p>${escapeHtml(t.childAge(alert.child.age))}. ${escapeHtml(t.lastSeen)}: ${escapeHtml(alert.lastSeen.place)}, ${escapeHtml(countyNameOf(config, alert.lastSeen.county))}</p>`,
      '</article>',
    ].join('');
  });
  const body = [
    `<h1>${escapeHtml(t.homeTitle)}</h1>`,
    items.length > 0 ? items.join('\n') : `<p>${escapeHtml(t.noAlerts)}</p>`,
    `<p>${escapeHtml(t.subscribeLine)} <a href="/subscribe?lang=${lang}">${escapeHtml(t.subscribeLink)}</a>. <a href="/unsubscribe?lang=${lang}">${escapeHtml(t.unsubscribeLink)}</a>.</p>`,
  ].join('\n');
  return layout({ language, title: t.homeTitle, body, path: '/', config });
}

function errorSummary(t: SiteTexts, errors: PageErrors, message?: string): string {
  const fields = Object.keys(errors) as FieldName[];
  if (fields.length === 0 && !message) return '';
  const items = fields.map((f) => `<li><a href="#${f}">${escapeHtml(t.fieldErrors[f])}</a></li>`);
  if (message) items.push(`<li>${escapeHtml(message)}</li>`);
  return `<div class="summary" role="alert"><h2>${escapeHtml(t.errorSummary)}</h2><ul>${items.join('')}</ul></div>`;
}

function fieldError(t: SiteTexts, errors: PageErrors, field: FieldName): string {
  return errors[field] ? `<p class="error" id="${field}-error">${escapeHtml(t.fieldErrors[field])}</p>` : '';
}

const describedBy = (errors: PageErrors, field: FieldName, hint?: string) => {
  const ids = [hint, errors[field] ? `${field}-error` : undefined].filter(Boolean).join(' ');
  return ids ? ` aria-describedby="${ids}"` : '';
};

export interface SubscribeValues {
  phone?: string;
  counties?: string[];
  language?: string;
}

/** `/subscribe` and `/unsubscribe`: the phone (and, to subscribe, counties and language). */
export function renderPhoneForm(
  purpose: 'subscribe' | 'unsubscribe',
  config: AmberConfig,
  language: string,
  values: SubscribeValues = {},
  errors: PageErrors = {},
  message?: string,
): string {
  const t = siteTextsFor(language);
  const title = purpose === 'subscribe' ? t.subscribeTitle : t.unsubscribeTitle;
  const intro = purpose === 'subscribe' ? t.subscribeIntro : t.unsubscribeIntro;
  const chosenLanguage = values.language ?? language;
  const phone = [
    `<div class="field${errors.phone ? ' invalid' : ''}">`,
    `<label for="phone">${escapeHtml(t.phone)}</label>`,
    `<p class="hint" id="phone-hint">${escapeHtml(t.phoneHint)}</p>`,
    fieldError(t, errors, 'phone'),
    `<input type="tel" id="phone" name="phone" autocomplete="tel" required value="${escapeHtml(values.phone ?? '')}"${describedBy(errors, 'phone', 'phone-hint')}>`,
    '</div>',
  ].join('');
  const extra =
    purpose === 'subscribe'
      ? [
          `<fieldset id="counties" class="field${errors.counties ? ' invalid' : ''}"${describedBy(errors, 'counties')}>`,
          `<legend>${escapeHtml(t.counties)}</legend>`,
          fieldError(t, errors, 'counties'),
          '<div class="grid">',
          ...config.country.regions.map(
            (r) =>
              `<label class="choice"><input type="checkbox" name="counties" value="${escapeHtml(r.code)}"${values.counties?.includes(r.code) ? ' checked' : ''}> ${escapeHtml(r.name)}</label>`,
          ),
          '</div></fieldset>',
          `<fieldset id="language" class="field${errors.language ? ' invalid' : ''}"${describedBy(errors, 'language')}>`,
          `<legend>${escapeHtml(t.language)}</legend>`,
          fieldError(t, errors, 'language'),
          ...config.country.languages.map(
            (l) =>
              `<label class="choice"><input type="radio" name="language" value="${escapeHtml(l)}"${l === chosenLanguage ? ' checked' : ''}> ${escapeHtml(t.languageNames[l] ?? l)}</label>`,
          ),
          '</fieldset>',
        ].join('')
      : '';
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    errorSummary(t, errors, message),
    `<p>${escapeHtml(intro)}</p>`,
    `<form method="post" action="/${purpose}" novalidate>`,
    `<input type="hidden" name="lang" value="${escapeHtml(language)}">`,
    phone,
    extra,
    `<button type="submit">${escapeHtml(t.sendCode)}</button>`,
    '</form>',
  ].join('\n');
  return layout({ language, title, body, path: `/${purpose}`, config });
}

/** The code page: the answer to the phone form's POST, carrying the phone to the confirmation. */
export function renderCodeForm(
  purpose: 'subscribe' | 'unsubscribe',
  config: AmberConfig,
  language: string,
  phone: string,
  errors: PageErrors = {},
  message?: string,
): string {
  const t = siteTextsFor(language);
  const body = [
    `<h1>${escapeHtml(t.codeTitle)}</h1>`,
    errorSummary(t, errors, message),
    `<p>${escapeHtml(t.codeIntro)}</p>`,
    `<form method="post" action="/${purpose}/confirm" novalidate>`,
    `<input type="hidden" name="lang" value="${escapeHtml(language)}">`,
    `<input type="hidden" name="phone" value="${escapeHtml(phone)}">`,
    `<div class="field${errors.code ? ' invalid' : ''}">`,
    `<label for="code">${escapeHtml(t.code)}</label>`,
    fieldError(t, errors, 'code'),
    `<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required${describedBy(errors, 'code')}>`,
    '</div>',
    `<button type="submit">${escapeHtml(t.confirm)}</button>`,
    '</form>',
  ].join('\n');
  return layout({ language, title: t.codeTitle, body, config });
}

/** Where the confirmation redirects: done. */
export function renderDone(
  purpose: 'subscribe' | 'unsubscribe',
  config: AmberConfig,
  language: string,
): string {
  const t = siteTextsFor(language);
  const [title, text] =
    purpose === 'subscribe'
      ? [t.subscribedTitle, t.subscribedText]
      : [t.unsubscribedTitle, t.unsubscribedText];
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p role="status">${escapeHtml(text)}</p>`,
    `<p><a href="/?lang=${escapeHtml(language)}">${escapeHtml(t.backHome)}</a></p>`,
  ].join('\n');
  return layout({ language, title, body, path: `/${purpose}?done=1`, config });
}
