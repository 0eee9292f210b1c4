/**
 * The REST API as data: the CDK stack creates one Lambda function per handler and one API Gateway method per
 * route from this table, and the tests and the local platform read the same table.
 *
 * Paths use API Gateway's syntax (`{id}` is a path parameter). Entries are relative to the repository root;
 * each module exports `handler`.
 */

/** The API's Lambda handlers by name: one function per entry. */
export const API_HANDLERS = {
  submitAlert: 'lambdas/handlers/api/submit-alert.ts',
  listAlerts: 'lambdas/handlers/api/list-alerts.ts',
  getAlert: 'lambdas/handlers/api/get-alert.ts',
  decideApproval: 'lambdas/handlers/api/decide-approval.ts',
  resolveAlert: 'lambdas/handlers/api/resolve-alert.ts',
  publicAlerts: 'lambdas/handlers/api/public-alerts.ts',
  subscribe: 'lambdas/handlers/api/subscribe.ts',
  confirmSubscription: 'lambdas/handlers/api/confirm-subscription.ts',
  unsubscribe: 'lambdas/handlers/api/unsubscribe.ts',
  confirmUnsubscribe: 'lambdas/handlers/api/confirm-unsubscribe.ts',
  drillRecipients: 'lambdas/handlers/api/drill-recipients.ts',
  submitUpdate: 'lambdas/handlers/api/submit-update.ts',
  decideUpdate: 'lambdas/handlers/api/decide-update.ts',
  extendAlert: 'lambdas/handlers/api/extend-alert.ts',
  publicCap: 'lambdas/handlers/api/public-cap.ts',
  alertPage: 'lambdas/handlers/api/alert-page.ts',
  submitTip: 'lambdas/handlers/api/submit-tip.ts',
  alertTips: 'lambdas/handlers/api/alert-tips.ts',
  triageTip: 'lambdas/handlers/api/triage-tip.ts',
  subscriptionPages: 'lambdas/handlers/api/subscription-pages.ts',
} as const;

export type ApiHandlerName = keyof typeof API_HANDLERS;

/** Not an API route: the SNS-triggered handler of SMS replies (lib/constructs/inbound-sms.ts, local/platform.ts). */
export const INBOUND_SMS_HANDLER = 'lambdas/handlers/sms/inbound-sms.ts';

export type HttpMethod = 'GET' | 'POST';

export interface ApiRoute {
  method: HttpMethod;
  /** API Gateway resource path, e.g. `/alerts/{id}/approval`. */
  path: string;
  handler: ApiHandlerName;
  /** The handler's module, relative to the repository root (= API_HANDLERS[handler]). */
  entry: string;
  /** True: police only, through the Cognito user pool authorizer. False: public, no authorization. */
  auth: boolean;
}

const route = (method: HttpMethod, path: string, handler: ApiHandlerName, auth: boolean): ApiRoute => ({
  method,
  path,
  handler,
  entry: API_HANDLERS[handler],
  auth,
});

export const API_ROUTES: readonly ApiRoute[] = [
  // Police (Cognito): officers submit, supervisors approve, either resolves.
  route('POST', '/alerts', 'submitAlert', true),
  route('POST', '/alerts/preview', 'submitAlert', true),
  route('GET', '/alerts', 'listAlerts', true),
  route('GET', '/alerts/{id}', 'getAlert', true),
  route('POST', '/alerts/{id}/approval', 'decideApproval', true),
  route('POST', '/alerts/{id}/resolution', 'resolveAlert', true),
  // Officers ask for updates, another supervisor approves them; supervisors extend.
  route('POST', '/alerts/{id}/updates', 'submitUpdate', true),
  route('POST', '/alerts/{id}/updates/{version}/approval', 'decideUpdate', true),
  route('POST', '/alerts/{id}/extension', 'extendAlert', true),
  // Supervisors: the drill group, the only phones an exercise reaches.
  route('POST', '/drill-recipients', 'drillRecipients', true),
  route('GET', '/drill-recipients', 'drillRecipients', true),
  route('POST', '/drill-recipients/removal', 'drillRecipients', true),
  // Public: active alerts and SMS subscriptions.
  route('GET', '/public/alerts', 'publicAlerts', false),
  route('GET', '/public/alerts/{id}', 'publicAlerts', false),
  route('POST', '/subscriptions', 'subscribe', false),
  route('POST', '/subscriptions/confirm', 'confirmSubscription', false),
  route('POST', '/subscriptions/unsubscribe', 'unsubscribe', false),
  route('POST', '/subscriptions/unsubscribe/confirm', 'confirmUnsubscribe', false),
  // Public: the CAP messages as issued, the Atom feed for partners, and the page the SMS link opens.
  route('GET', '/public/alerts/{id}/cap', 'publicCap', false),
  route('GET', '/public/alerts/{id}/cap/{version}', 'publicCap', false),
  route('GET', '/public/feed.atom', 'publicCap', false),
  route('GET', '/a/{id}', 'alertPage', false),
  // Tips: anyone sends one for an active alert; the alert's directorate reads (JSON or CSV) and triages.
  route('POST', '/public/alerts/{id}/tips', 'submitTip', false),
  route('GET', '/alerts/{id}/tips', 'alertTips', true),
  route('POST', '/alerts/{id}/tips/{tipId}/triage', 'triageTip', true),
  // Public site, plain HTML without JavaScript: the active alerts and the subscription forms.
  route('GET', '/', 'publicAlerts', false),
  route('GET', '/subscribe', 'subscriptionPages', false),
  route('POST', '/subscribe', 'subscriptionPages', false),
  route('POST', '/subscribe/confirm', 'subscriptionPages', false),
  route('GET', '/unsubscribe', 'subscriptionPages', false),
  route('POST', '/unsubscribe', 'subscriptionPages', false),
  route('POST', '/unsubscribe/confirm', 'subscriptionPages', false),
];
