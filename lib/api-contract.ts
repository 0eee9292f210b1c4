import * as z from 'zod';
import type { ZodMiniObject, ZodMiniType } from 'zod/mini';
import type { PhoneSchemas } from '../lambdas/domain/phone-schemas';
import type { Schemas } from '../lambdas/domain/schemas';
import type { TipSchemas } from '../lambdas/domain/tips/tip-contract-schemas';

/**
 * What each route of lib/api-routes.ts accepts and answers, for the OpenAPI document (lib/openapi.ts).
 * Request schemas are the handlers' own zod schemas, picked from buildSchemas(config) and
 * buildPhoneSchemas(config): the document cannot
 * drift from what the handlers enforce. A new route needs an entry here, keyed `METHOD path`;
 * test/unit/openapi/openapi.test.ts fails naming any route without one.
 */
/** Every request schema of the handlers: buildSchemas, buildPhoneSchemas and buildTipSchemas together. */
export type ContractSchemas = Schemas & PhoneSchemas & TipSchemas;
// Request schemas are zod/mini (lambdas/domain/schemas.ts) or classic zod (phone-schemas.ts): both zod 4.

export interface RouteContract {
  summary: string;
  /** The JSON body's schema, for POST routes that read one. */
  body?: (schemas: ContractSchemas) => z.ZodType | ZodMiniType;
  /** The query string's schema (an object of strings). */
  query?: (schemas: ContractSchemas) => z.ZodObject | ZodMiniObject;
  /** A valid request body: shown in the document and parsed by the test with `body`. */
  example?: Record<string, unknown>;
  success: { status: number; description: string };
  /** Error statuses the route answers with `{message, fields?}` (or an HTML page, see `htmlErrors`). */
  errors: readonly number[];
  /** The errors are HTML pages for a browser, not JSON. */
  htmlErrors?: true;
}

export type RouteKey = `${'GET' | 'POST'} ${string}`;

export const ErrorBodySchema = z
  .object({
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  })
  .meta({ description: 'Every error: a message, and the reasons per field for invalid input.' });

const EXAMPLE_PHONE = '+355692340001';

const SUBMISSION_EXAMPLE = {
  caseNumber: 'TR-2025-000123',
  child: { name: 'Arbër Hoxha', age: 7, description: 'Flokë kafe, xhaketë e kuqe' },
  suspect: { description: 'Burrë rreth 40 vjeç' },
  vehicle: { plate: 'AA 123 BC', make: 'Volkswagen', model: 'Golf', color: 'gri' },
  lastSeen: { place: 'Parku Rinia, Tiranë', county: 'AL-11', at: '2025-05-01T10:20:00+02:00' },
  counties: ['AL-11', 'AL-02'],
  criteria: { abductionBelieved: true, imminentDanger: true },
  durationHours: 24,
};

export const API_CONTRACT: Readonly<Record<RouteKey, RouteContract>> = {
  'POST /alerts': {
    summary: 'An officer submits an alert; it waits for a second person to approve it.',
    body: (s) => s.submission,
    example: SUBMISSION_EXAMPLE,
    success: { status: 201, description: 'The alert, PENDING_APPROVAL' },
    errors: [400, 401, 403, 409],
  },
  'POST /alerts/preview': {
    summary:
      'The review step: the body of a submission, validated as POST /alerts does; nothing is stored. Answers the ALERT SMS per language as it will be sent, with its encoding and segment count.',
    body: (s) => s.submission,
    example: SUBMISSION_EXAMPLE,
    success: {
      status: 200,
      description: '`{"mode", "counties", "sms": {language: {"body", "encoding", "segments"}}}`',
    },
    errors: [400, 401, 403],
  },
  'GET /alerts': {
    summary: "Alerts of the caller's directorate (NATIONAL: all), optionally by status.",
    query: (s) => s.listQuery,
    success: { status: 200, description: '`{"items"}`' },
    errors: [400, 401, 403],
  },
  'GET /alerts/{id}': {
    summary: 'One alert with its history, broadcast progress and `tips` `{"total", "new"}`.',
    success: { status: 200, description: 'The alert' },
    errors: [401, 404],
  },
  'POST /alerts/{id}/approval': {
    summary: 'A supervisor (not the submitter) approves or rejects a pending alert.',
    body: (s) => s.approval,
    example: { decision: 'REJECT', reason: 'The criteria are not met' },
    success: { status: 200, description: 'The alert' },
    errors: [400, 401, 403, 404, 409],
  },
  'POST /alerts/{id}/resolution': {
    summary: 'The child is found, or the alert is cancelled; subscribers get a cancellation.',
    body: (s) => s.resolution,
    example: { outcome: 'FOUND', note: 'Found safe' },
    success: { status: 200, description: 'The alert' },
    errors: [400, 401, 404, 409],
  },
  'POST /alerts/{id}/updates': {
    summary:
      'An officer asks to change public fields of an active alert (each object given is merged); a second person approves.',
    body: (s) => s.alertUpdate,
    example: {
      changes: { child: { description: 'Xhaketë blu, jo e kuqe' }, vehicle: { plate: 'AB 456 CD' } },
      note: 'Witness corrected the jacket colour',
    },
    success: { status: 201, description: 'The alert, with `updateRequest` AWAITING_APPROVAL' },
    errors: [400, 401, 403, 404, 409],
  },
  'POST /alerts/{id}/updates/{version}/approval': {
    summary:
      'A supervisor (not the author of the update) approves or rejects it; approved, it goes out as UPDATE {version}.',
    body: (s) => s.updateDecision,
    example: { decision: 'APPROVE' },
    success: { status: 200, description: 'The alert' },
    errors: [400, 401, 403, 404, 409],
  },
  'POST /alerts/{id}/extension': {
    summary:
      'A supervisor extends an active alert by some hours; no SMS is sent, a CAP Update (the next version) carries the new expiry. 409 while an update awaiting approval or not yet issued holds that version.',
    body: (s) => s.extension,
    example: { hours: 12 },
    success: { status: 200, description: 'The alert, with its new `expiresAt`' },
    errors: [400, 401, 403, 404, 409],
  },
  'POST /drill-recipients': {
    summary: 'A supervisor adds a phone to the drill group, the only phones an exercise reaches.',
    body: (s) => s.drillRecipient,
    example: { phone: EXAMPLE_PHONE, language: 'sq' },
    success: { status: 201, description: 'The drill recipient' },
    errors: [400, 401, 403],
  },
  'GET /drill-recipients': {
    summary: 'The drill group.',
    success: { status: 200, description: '`{"items"}`' },
    errors: [401, 403],
  },
  'POST /drill-recipients/removal': {
    summary: 'A supervisor takes a phone out of the drill group. A STOP reply from the phone does the same.',
    body: (s) => s.drillRemoval,
    example: { phone: EXAMPLE_PHONE },
    success: {
      status: 200,
      description: '`{"removed": true}`, or false when the phone was not in the group',
    },
    errors: [400, 401, 403],
  },
  'GET /public/alerts': {
    summary: 'Active alerts, public fields only.',
    success: { status: 200, description: '`{"items"}`' },
    errors: [],
  },
  'GET /public/alerts/{id}': {
    summary: 'The public view of an active alert.',
    success: { status: 200, description: 'The public view' },
    errors: [404],
  },
  'GET /public/alerts/{id}/cap': {
    summary: 'The latest CAP 1.2 message of a live alert, as issued (application/cap+xml).',
    success: { status: 200, description: 'CAP 1.2 XML (Alert, Update or Cancel)' },
    errors: [404],
  },
  'GET /public/alerts/{id}/cap/{version}': {
    summary: 'One CAP 1.2 message of a live alert by version: 1 is the Alert, then Updates, the Cancel last.',
    success: { status: 200, description: 'CAP 1.2 XML' },
    errors: [404],
  },
  'GET /public/feed.atom': {
    summary:
      'Atom 1.0 feed of the current CAP messages (application/atom+xml); resolved alerts stay 24 h as their Cancel.',
    success: { status: 200, description: 'Atom feed, each entry with its CAP message' },
    errors: [],
  },
  'GET /a/{id}': {
    summary:
      'The public alert page the SMS link opens (text/html, no JavaScript), in the language of `?lang` or Accept-Language. Once resolved it shows the outcome and the first name only.',
    success: { status: 200, description: 'HTML page' },
    errors: [404, 410],
    htmlErrors: true,
  },
  'POST /public/alerts/{id}/tips': {
    summary:
      'Anyone sends a tip (what they saw) for an active alert; the answer gives a reference and what happens next. Optional `Idempotency-Key` header: the same key and body store one tip and give the same reference; the same key with another body answers 422. Bodies over 8 KB answer 413; too many tips per client or per alert 429.',
    body: (s) => s.tipSubmission,
    example: {
      message: 'A boy in a red jacket with a grey Volkswagen, heading towards Durrës',
      seenAt: '2025-05-01T11:05:00+02:00',
      place: 'Rruga e Durrësit, near the roundabout',
      location: { lat: 41.3317, lon: 19.8172 },
      seenNow: true,
      contact: { phone: EXAMPLE_PHONE, name: 'Elira' },
      language: 'sq',
    },
    success: { status: 201, description: '`{"reference", "message"}`' },
    errors: [400, 404, 410, 413, 415, 422, 429],
  },
  'GET /alerts/{id}/tips': {
    summary:
      "The alert's tips, newest first, in pages (`next` → `cursor`), optionally in one state, with `counts`; for the alert's directorate (NATIONAL: all). `Accept: text/csv` exports every tip as CSV (formula prefixes neutralised).",
    query: (s) => s.tipListQuery,
    success: { status: 200, description: '`{"items", "counts", "next"?}` or text/csv' },
    errors: [400, 401, 404],
  },
  'POST /alerts/{id}/tips/{tipId}/triage': {
    summary:
      'A police user of the directorate triages a tip; who, when, from which state to which and why join its history in the same conditional write.',
    body: (s) => s.triage,
    example: { state: 'ACTIONABLE', note: 'Patrol 12 sent to the roundabout' },
    success: { status: 200, description: 'The tip with its history' },
    errors: [400, 401, 404, 409],
  },
  'GET /': {
    summary:
      'The public site: the active alerts, each linking to its page, and how to subscribe (text/html).',
    success: { status: 200, description: 'HTML page' },
    errors: [],
  },
  'GET /subscribe': {
    summary: 'The subscription form (text/html, no JavaScript); `?done=1` says the subscription is active.',
    success: { status: 200, description: 'HTML page' },
    errors: [],
  },
  'POST /subscribe': {
    summary:
      'The subscription form posted (application/x-www-form-urlencoded: phone, counties, language, lang): the code page, or the form with each problem in words.',
    success: { status: 200, description: 'HTML page asking for the code' },
    errors: [400, 429],
  },
  'POST /subscribe/confirm': {
    summary:
      'The code page posted (phone, code, lang): 303 to /subscribe?done=1, or the code page with the problem.',
    success: { status: 303, description: 'Redirect to the confirmation page' },
    errors: [400],
  },
  'GET /unsubscribe': {
    summary: 'The form to stop the SMS (text/html, no JavaScript); `?done=1` says the number was removed.',
    success: { status: 200, description: 'HTML page' },
    errors: [],
  },
  'POST /unsubscribe': {
    summary: 'The unsubscription form posted (phone, lang): the code page, or the form with the problem.',
    success: { status: 200, description: 'HTML page asking for the code' },
    errors: [400, 429],
  },
  'POST /unsubscribe/confirm': {
    summary:
      'The code page posted (phone, code, lang): 303 to /unsubscribe?done=1, or the code page with the problem.',
    success: { status: 303, description: 'Redirect to the confirmation page' },
    errors: [400],
  },
  'POST /subscriptions': {
    summary: 'Anyone subscribes a mobile number to counties; an SMS brings a 6-digit code.',
    body: (s) => s.subscription,
    example: { phone: EXAMPLE_PHONE, counties: ['AL-11'], language: 'sq' },
    success: { status: 202, description: '`{"status": "PENDING_CONFIRMATION"}`' },
    errors: [400, 429],
  },
  'POST /subscriptions/confirm': {
    summary: 'The code from the SMS confirms the subscription.',
    body: (s) => s.confirmation,
    example: { phone: EXAMPLE_PHONE, code: '123456' },
    success: { status: 200, description: '`{"status": "ACTIVE"}`' },
    errors: [400],
  },
  'POST /subscriptions/unsubscribe': {
    summary:
      'A subscriber asks to stop alerts; an SMS brings a 6-digit code. Same answer for any number, subscribed or not.',
    body: (s) => s.unsubscription,
    example: { phone: EXAMPLE_PHONE },
    success: { status: 202, description: '`{"status": "PENDING_CONFIRMATION"}`' },
    errors: [400, 429],
  },
  'POST /subscriptions/unsubscribe/confirm': {
    summary: 'The code from the SMS ends the subscription; subscribing again needs a new code.',
    body: (s) => s.confirmation,
    example: { phone: EXAMPLE_PHONE, code: '123456' },
    success: { status: 200, description: '`{"status": "UNSUBSCRIBED"}`' },
    errors: [400],
  },
};
