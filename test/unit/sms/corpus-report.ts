import type { AlertMode } from '../../../lambdas/domain/alert';
import {
  type AlertMessageKind,
  type ComposedSms,
  composeAlertSms,
  type SmsSettings,
} from '../../../lambdas/domain/sms';
import type { CorpusAlert } from './alert-corpus';

export const REPORT_KINDS: readonly AlertMessageKind[] = ['ALERT', 'UPDATE', 'CANCELLATION'];

/** Budget high enough that nothing is shortened: the cost of the whole text. */
const UNLIMITED = 10;

export interface ComposedCase {
  item: CorpusAlert;
  language: string;
  kind: AlertMessageKind;
  /** As sent: configured budget and transliteration. */
  sent: ComposedSms;
  /** The whole text, transliterated (only for the kinds asked for: measuring long texts is slow). */
  fullGsm?: ComposedSms;
  /** The whole text, as typed: what it would cost without transliteration. */
  fullRaw?: ComposedSms;
}

export function composeCorpus(
  corpus: readonly CorpusAlert[],
  languages: readonly string[],
  settings: SmsSettings,
  wholeTextKinds: readonly AlertMessageKind[] = REPORT_KINDS,
): ComposedCase[] {
  const cases: ComposedCase[] = [];
  for (const item of corpus) {
    for (const language of languages) {
      for (const kind of REPORT_KINDS) {
        const alert = kind === 'CANCELLATION' ? { ...item.alert, outcome: 'FOUND' as const } : item.alert;
        const input = {
          kind,
          mode: item.mode,
          language,
          alert,
          ...(kind === 'UPDATE' ? { version: 2 } : {}),
        };
        const sent = composeAlertSms(input, settings);
        const whole = wholeTextKinds.includes(kind)
          ? {
              // Nothing cut: the whole text is what was sent.
              fullGsm:
                sent.shortened.length === 0
                  ? sent
                  : composeAlertSms(input, { ...settings, segmentBudget: UNLIMITED }),
              fullRaw: composeAlertSms(input, {
                ...settings,
                transliterate: false,
                segmentBudget: UNLIMITED,
              }),
            }
          : {};
        cases.push({ item, language, kind, sent, ...whole });
      }
    }
  }
  return cases;
}

export interface ReportRow {
  language: string;
  kind: AlertMessageKind;
  mode: AlertMode;
  messages: number;
  meanSegments: number;
  maxSegments: number;
  /** Share of messages within the segment budget. */
  fitShare: number;
  /** Share of messages sent with every field whole. */
  wholeShare: number;
  /** Whole-text figures, when measured for this kind. */
  wholeText?: {
    meanGsmSegments: number;
    meanRawSegments: number;
    /** Segments saved by transliteration: 1 - GSM-7 / untransliterated. */
    saving: number;
  };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const mean = (values: readonly number[]) => (values.length === 0 ? 0 : sum(values) / values.length);

export function summarize(cases: readonly ComposedCase[]): ReportRow[] {
  const groups = new Map<string, ComposedCase[]>();
  for (const c of cases) {
    const key = `${c.language}|${c.kind}|${c.item.mode}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].map((group) => {
    const [first] = group as [ComposedCase];
    const measured = group.flatMap((c) =>
      c.fullGsm && c.fullRaw ? [{ gsm: c.fullGsm, raw: c.fullRaw }] : [],
    );
    const full = sum(measured.map((m) => m.gsm.segments));
    const raw = sum(measured.map((m) => m.raw.segments));
    return {
      language: first.language,
      kind: first.kind,
      mode: first.item.mode,
      messages: group.length,
      meanSegments: mean(group.map((c) => c.sent.segments)),
      maxSegments: Math.max(...group.map((c) => c.sent.segments)),
      fitShare: group.filter((c) => c.sent.fitsBudget).length / group.length,
      wholeShare: group.filter((c) => c.sent.shortened.length === 0).length / group.length,
      ...(measured.length === 0
        ? {}
        : {
            wholeText: {
              meanGsmSegments: full / measured.length,
              meanRawSegments: raw / measured.length,
              saving: 1 - full / raw,
            },
          }),
    };
  });
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The report as rows for console.table. */
export function reportTable(rows: readonly ReportRow[]): Array<Record<string, string | number>> {
  return rows.map((r) => ({
    language: r.language,
    kind: r.kind,
    mode: r.mode,
    messages: r.messages,
    'segments mean': Number(r.meanSegments.toFixed(2)),
    'segments max': r.maxSegments,
    'fit budget': pct(r.fitShare),
    'nothing cut': pct(r.wholeShare),
    'whole text GSM-7': r.wholeText ? Number(r.wholeText.meanGsmSegments.toFixed(2)) : '-',
    'whole text as typed': r.wholeText ? Number(r.wholeText.meanRawSegments.toFixed(2)) : '-',
    saving: r.wholeText ? pct(r.wholeText.saving) : '-',
  }));
}
