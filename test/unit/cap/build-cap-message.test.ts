import fc from 'fast-check';
import { validateXML } from 'xmllint-wasm';
import type { Alert } from '../../../lambdas/domain/alert';
import { buildCapMessage, type CapMessageInput, type CapReference } from '../../../lambdas/domain/cap';
import { CAP_XSD, capReferenceOf, childNames, field, infos, validateCap } from './cap-xml';
import { ALERT_ID, config, makeAlert, SENT } from './fixtures';

const OFFSET_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;
const WEB = `https://amber.example.org/a/${ALERT_ID}`;

const build = (input: Partial<CapMessageInput> & { alert?: Alert } = {}) =>
  buildCapMessage({
    alert: makeAlert(),
    kind: 'ALERT',
    version: 1,
    sent: SENT,
    references: [],
    config,
    ...input,
  } as CapMessageInput);

async function expectValid(xml: string) {
  const result = await validateCap([xml]);
  expect(result.errors).toEqual([]);
  expect(result.valid).toBe(true);
}

const first = build();
const firstRef = capReferenceOf(first);
/** What the alert records once its first message is out: the update counts from it. */
const issuedAlert = {
  kind: 'ALERT' as const,
  version: 1,
  sentAt: SENT.toISOString(),
  capIdentifier: firstRef.identifier,
  content: { ...makeAlert() },
};
const update = build({
  kind: 'UPDATE',
  version: 2,
  sent: new Date('2026-11-28T15:10:00Z'),
  references: [firstRef],
  alert: makeAlert({
    lastSeen: { place: 'Stacioni i trenit, Durrës', county: 'AL-02', at: '2026-11-28T14:55:00Z' },
    messages: [issuedAlert],
  }),
});
const updateRef = capReferenceOf(update);
const cancel = build({
  kind: 'CANCELLATION',
  version: 3,
  sent: new Date('2026-11-28T17:02:00Z'),
  references: [firstRef, updateRef],
  alert: makeAlert({ status: 'RESOLVED', outcome: 'FOUND', resolvedAt: '2026-11-28T17:00:00Z' }),
});

describe('buildCapMessage: an alert', () => {
  it('validates against the CAP 1.2 schema, with the declaration and the namespace', async () => {
    await expectValid(first);
    expect(first.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(first).toContain('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
  });

  it('carries the message fields in schema order', () => {
    expect(childNames(first)).toEqual([
      'identifier',
      'sender',
      'sent',
      'status',
      'msgType',
      'scope',
      'info',
      'info',
    ]);
    expect(field(first, 'identifier')).toBe(`amber.example.org.${ALERT_ID}.1`);
    expect(field(first, 'sender')).toBe('amber.example.org');
    expect(field(first, 'status')).toBe('Actual');
    expect(field(first, 'msgType')).toBe('Alert');
    expect(field(first, 'scope')).toBe('Public');
  });

  it('writes sent in Tirana time with a numeric offset, never Z', () => {
    expect(field(first, 'sent')).toBe('2026-11-28T14:40:00+01:00');
    const summer = build({ sent: new Date('2026-07-04T08:05:09.999Z') });
    expect(field(summer, 'sent')).toBe('2026-07-04T10:05:09+02:00');
    expect(field(summer, 'sent')).toMatch(OFFSET_DATE_TIME);
  });

  it('has one info per configured language, in that language', () => {
    const [sq, en] = infos(first);
    expect(infos(first).map((i) => i.text('language'))).toEqual(['sq', 'en']);
    expect(sq?.text('event')).toBe('Rrëmbim fëmije');
    expect(en?.text('event')).toBe('Child Abduction Emergency');
    expect(sq?.text('senderName')).toBe('Policia e Shtetit');
    expect(en?.text('senderName')).toBe('Albanian State Police');
    expect(sq?.text('headline')).toBe('AMBER Alert: Arbër Çela, 7 vjeç, parë së fundi në Tiranë');
    expect(en?.text('headline')).toBe('AMBER Alert: Arbër Çela, age 7, last seen in Tiranë');
    expect(en?.text('description')).toBe(
      'Arbër Çela, age 7, was last seen on 28 Nov 2026, 14:30 at Rruga e Kavajës, Tiranë (Tiranë county). ' +
        'Description: Flokë kafe, xhup i kuq. Suspect: Gëzim Kola, burrë rreth 40 vjeç, mjekër e zezë. ' +
        'Vehicle: plate AA 123 BB, Fiat Punto, e kuqe.',
    );
    expect(en?.text('instruction')).toContain('call the police on 129');
    expect(sq?.text('instruction')).toContain('telefononi menjëherë policinë në 129');
  });

  it('assesses an AMBER alert: Rescue, Immediate, Severe, Likely, SAME CAE', () => {
    for (const info of infos(first)) {
      expect(info.text('category')).toBe('Rescue');
      expect(info.text('responseType')).toBe('Monitor');
      expect(info.text('urgency')).toBe('Immediate');
      expect(info.text('severity')).toBe('Severe');
      expect(info.text('certainty')).toBe('Likely');
      expect(info.pairs('eventCode')).toEqual({ SAME: ['CAE'] });
      expect(info.text('expires')).toBe('2026-11-29T14:40:00+01:00');
      expect(info.text('web')).toBe(WEB);
    }
    expect(infos(first)[1]?.text('contact')).toBe('Albanian State Police, 129');
  });

  it('gives the short and long phone texts within 90 and 360 characters, in GSM-7', () => {
    const [sq, en] = infos(first).map((i) => i.pairs('parameter'));
    expect(en?.CMAMtext).toEqual([
      'AMBER Alert: Arber Çela, age 7, last seen Rruga e Kavajes... Plate AA 123 BB. Call 129.',
    ]);
    expect(sq?.CMAMlongtext?.[0]).toContain(WEB);
    for (const params of [sq, en]) {
      expect(params?.CMAMtext?.[0]?.length).toBeLessThanOrEqual(90);
      expect(params?.CMAMlongtext?.[0]?.length).toBeLessThanOrEqual(360);
      expect(params?.CMAMlongtext?.[0]).not.toMatch(/[ëç]/);
    }
  });

  it('targets every county with an ISO 3166-2 geocode and a short areaDesc', () => {
    for (const info of infos(first)) {
      expect(info.areaDesc).toBe('Tiranë, Durrës');
      expect(info.pairs('geocode')).toEqual({ 'ISO3166-2': ['AL-11', 'AL-02'] });
    }
  });

  it('links the photo of the child', () => {
    const [, en] = infos(first);
    expect(en?.text('resource')).toContain('https://amber.example.org/photos/arber.jpg');
    expect(en?.names).toContain('resource');
  });
});

describe('buildCapMessage: without vehicle, suspect or photo', () => {
  const alert = makeAlert({
    child: { name: 'Klea Hoxha', age: 12, description: 'Flokë bionde' },
    vehicle: undefined,
    suspect: undefined,
  });
  const xml = build({ alert });

  it('validates, and says nothing about a vehicle', async () => {
    await expectValid(xml);
    const [sq, en] = infos(xml);
    expect(en?.text('description')).not.toContain('Vehicle');
    expect(sq?.text('description')).not.toContain('Automjeti');
    expect(en?.names).not.toContain('resource');
    expect(en?.pairs('parameter').CMAMtext?.[0]).not.toContain('Plate');
  });
});

describe('buildCapMessage: an update', () => {
  it('validates and references the alert it updates', async () => {
    await expectValid(update);
    expect(field(update, 'msgType')).toBe('Update');
    expect(field(update, 'identifier')).toBe(`amber.example.org.${ALERT_ID}.2`);
    expect(field(update, 'references')).toBe(
      `amber.example.org,amber.example.org.${ALERT_ID}.1,2026-11-28T14:40:00+01:00`,
    );
    const [sq, en] = infos(update);
    expect(en?.text('headline')).toBe('AMBER Alert update 2: Arbër Çela, age 7, last seen in Durrës');
    expect(sq?.text('headline')).toBe(
      'AMBER Alert, përditësimi 2: Arbër Çela, 7 vjeç, parë së fundi në Durrës',
    );
    expect(en?.pairs('parameter').CMAMlongtext?.[0]).toMatch(/^AMBER ALERT UPDATE 2: /);
  });

  it('is refused without references', () => {
    expect(() => build({ kind: 'UPDATE', version: 2 })).toThrow(/must reference/);
    expect(() => build({ kind: 'CANCELLATION', version: 2 })).toThrow(/must reference/);
  });
});

describe('buildCapMessage: a cancellation', () => {
  it('validates and references every earlier message, space-separated', async () => {
    await expectValid(cancel);
    expect(field(cancel, 'msgType')).toBe('Cancel');
    const triples = field(cancel, 'references')?.split(' ') ?? [];
    expect(triples).toEqual([
      `amber.example.org,amber.example.org.${ALERT_ID}.1,2026-11-28T14:40:00+01:00`,
      `amber.example.org,amber.example.org.${ALERT_ID}.2,2026-11-28T16:10:00+01:00`,
    ]);
    expect(childNames(cancel).slice(0, 8)).toEqual([
      'identifier',
      'sender',
      'sent',
      'status',
      'msgType',
      'scope',
      'note',
      'references',
    ]);
  });

  it('says the event is over: Past, Minor, Observed, AllClear, found', () => {
    expect(field(cancel, 'note')).toBe('fëmija është gjetur / the child has been found.');
    const [sq, en] = infos(cancel);
    for (const info of [sq, en]) {
      expect(info?.text('urgency')).toBe('Past');
      expect(info?.text('severity')).toBe('Minor');
      expect(info?.text('certainty')).toBe('Observed');
      expect(info?.text('responseType')).toBe('AllClear');
      expect(info?.names).not.toContain('resource');
    }
    expect(en?.text('headline')).toBe('AMBER Alert ended for Arbër Çela, age 7: the child has been found');
    expect(sq?.text('headline')).toBe('Përfundoi AMBER Alert për Arbër Çela, 7 vjeç: fëmija është gjetur');
    expect(en?.text('description')).not.toContain('Flokë');
    expect(en?.text('instruction')).toBe('No action is needed.');
  });

  it('says when the police cancelled it', async () => {
    const xml = build({
      kind: 'CANCELLATION',
      version: 2,
      references: [firstRef],
      alert: makeAlert({ outcome: 'CANCELLED' }),
    });
    await expectValid(xml);
    expect(infos(xml)[1]?.text('headline')).toBe(
      'AMBER Alert ended for Arbër Çela, age 7: the alert is cancelled',
    );
    expect(infos(xml)[0]?.text('headline')).toContain('alarmi është anuluar');
  });

  it('stays in the feed for at least an hour after it is sent', () => {
    const late = build({
      kind: 'CANCELLATION',
      version: 2,
      references: [firstRef],
      sent: new Date('2026-11-29T13:30:00Z'),
      alert: makeAlert({ outcome: 'FOUND' }),
    });
    expect(infos(late)[0]?.text('expires')).toBe('2026-11-29T15:30:00+01:00');
  });
});

describe('buildCapMessage: an exercise', () => {
  const alert = makeAlert({ mode: 'EXERCISE' });
  const exercise = build({ alert });
  const exerciseCancel = build({
    alert: { ...alert, outcome: 'FOUND' },
    kind: 'CANCELLATION',
    version: 2,
    references: [capReferenceOf(exercise)],
  });

  it('is marked Exercise, in the status, the note and every headline', async () => {
    await expectValid(exercise);
    await expectValid(exerciseCancel);
    for (const xml of [exercise, exerciseCancel]) {
      expect(field(xml, 'status')).toBe('Exercise');
      expect(field(xml, 'note')).toContain('USHTRIM - JO ALARM I VËRTETË. / EXERCISE - NOT A REAL ALERT.');
      const [sq, en] = infos(xml);
      expect(sq?.text('headline')).toMatch(/^USHTRIM - JO ALARM I VËRTETË\. /);
      expect(en?.text('headline')).toMatch(/^EXERCISE - NOT A REAL ALERT\. /);
      expect(en?.pairs('parameter').CMAMtext?.[0]).toMatch(/^EXERCISE: /);
    }
  });
});

describe('buildCapMessage: hostile input', () => {
  it('writes text exactly as typed: markup, entity look-alikes, no characters XML cannot carry', async () => {
    const alert = makeAlert({
      child: { name: 'Ana <b>&amp; "Leka" &foo;', age: 5, description: 'xhup\u0007 i kuq\u0000 😀 &#38;' },
      lastSeen: { place: "Rr. 'Myslym Shyri' & Sami Frashëri", county: 'AL-11', at: '2026-11-28T13:30:00Z' },
    });
    const xml = build({ alert });
    await expectValid(xml);
    const [, en] = infos(xml);
    expect(en?.text('headline')).toBe('AMBER Alert: Ana <b>&amp; "Leka" &foo;, age 5, last seen in Tiranë');
    expect(en?.text('description')).toContain("at Rr. 'Myslym Shyri' & Sami Frashëri (Tiranë county)");
    // xmlbuilder2's own parser decodes "&amp;#38;" twice; libxml2's canonical form shows the real text.
    const canonical = await validateXML({
      xml: [{ fileName: 'm.xml', contents: xml }],
      normalization: 'c14n',
    });
    expect(canonical.normalized).toContain('Description: xhup i kuq 😀 &amp;#38;.');
  });

  it('any typed name is written as typed: schema-valid, and libxml2 reads back the same text (60 samples)', async () => {
    const pieces = [
      '<',
      '>',
      '&',
      '&amp;',
      '&#38;',
      '&foo;',
      ']]>',
      '"',
      "'",
      '<![CDATA[',
      '\u0000',
      '\ud800',
      '\r\n',
      'ë',
      '😀',
    ];
    const hostile = fc
      .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'binary', maxLength: 4 })), {
        maxLength: 8,
      })
      .map((parts) => `A${parts.join('')}`);
    // What a reader must get: characters XML cannot carry gone, line ends as XML normalizes them.
    const asRead = (typed: string) =>
      [...typed]
        .filter((c) => /[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(c))
        .join('')
        .replace(/\r\n?/g, '\n');
    // Canonical XML escapes exactly these in text, so the expected text can be found in libxml2's output.
    const c14nText = (text: string) =>
      text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    // One libxml2 run for all the samples: each run costs about half a second here.
    const names = fc.sample(hostile, 60);
    const messages = names.map((name) =>
      build({ alert: makeAlert({ child: { name, age: 5, description: name } }) }),
    );
    const result = await validateXML({
      xml: messages.map((contents, i) => ({ fileName: `m${i}.xml`, contents })),
      normalization: 'c14n',
      schema: [CAP_XSD],
    });
    expect(result.errors).toEqual([]);
    for (const name of names) {
      const headline = `AMBER Alert: ${asRead(name)}, age 5, last seen in Tiranë`;
      expect(result.normalized).toContain(`<headline>${c14nText(headline)}</headline>`);
    }
  }, 30_000); // one libxml2 (WebAssembly) run over 60 messages: seconds on a loaded 2-core machine

  it('keeps the phone texts within their limits even for a very long name', async () => {
    const name = 'Anxhela-Mirela Xhensila Bajraktari-Frashëri Gjergji-Kërçiku e Dervishit';
    const xml = build({ alert: makeAlert({ child: { name, age: 9, description: 'x' } }) });
    await expectValid(xml);
    for (const info of infos(xml)) {
      expect(info.pairs('parameter').CMAMtext?.[0]?.length).toBeLessThanOrEqual(90);
      expect(info.pairs('parameter').CMAMlongtext?.[0]?.length).toBeLessThanOrEqual(360);
    }
  });
});

describe('capReferenceOf', () => {
  it('reads sender, identifier and sent back from a message', () => {
    const expected: CapReference = {
      sender: 'amber.example.org',
      identifier: `amber.example.org.${ALERT_ID}.1`,
      sent: '2026-11-28T14:40:00+01:00',
    };
    expect(firstRef).toEqual(expected);
  });

  it('refuses what is not a CAP message', () => {
    expect(() => capReferenceOf('<alert><identifier>x</identifier></alert>')).toThrow(
      /Not a CAP 1.2 message/,
    );
  });
});
