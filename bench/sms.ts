/**
 * SMS cost report: composes every message of the alert corpus in every language and prints segments,
 * budget fit and what transliteration saves. Run with `npm run bench:sms`.
 */
import { loadConfig } from '../lambdas/config/config';
import { composeAlertSms, smsSettingsFrom } from '../lambdas/domain/sms';
import { buildAlertCorpus } from '../test/unit/sms/alert-corpus';
import { composeCorpus, reportTable, summarize } from '../test/unit/sms/corpus-report';

const config = loadConfig();
const settings = smsSettingsFrom(config);
const languages = config.country.languages;
const corpus = buildAlertCorpus();

const started = performance.now();
const cases = composeCorpus(corpus, languages, settings);
const elapsed = performance.now() - started;

console.log(
  `SMS corpus: ${corpus.length} alerts x ${languages.length} languages x 3 kinds = ${cases.length} messages; ` +
    `budget ${settings.segmentBudget} segment(s), transliteration ${settings.transliterate ? 'on' : 'off'}, ` +
    `links ${settings.publicBaseUrl}/a/<uuid>`,
);
console.table(reportTable(summarize(cases)));

// The link is the longest protected field: how much would a short alert code in it free up?
const shortIds = corpus.map((c) => ({ ...c, alert: { ...c.alert, id: c.alert.id.slice(0, 8) } }));
const shortIdCases = composeCorpus(shortIds, languages, settings, []);
console.log('The same corpus with an 8-character alert code in the link instead of a UUID:');
const budgetColumns = [
  'language',
  'kind',
  'mode',
  'messages',
  'segments mean',
  'segments max',
  'fit budget',
  'nothing cut',
];
console.table(reportTable(summarize(shortIdCases)), budgetColumns);

console.log('Examples (first Albanian-typed alert with a vehicle):');
const sample = corpus.find((c) => c.mode === 'LIVE' && c.alert.vehicle?.plate) ?? corpus[0];
if (sample) {
  for (const language of languages) {
    for (const kind of ['ALERT', 'UPDATE', 'CANCELLATION'] as const) {
      const alert = kind === 'CANCELLATION' ? { ...sample.alert, outcome: 'FOUND' as const } : sample.alert;
      const sms = composeAlertSms({ kind, mode: 'LIVE', language, alert, version: 2 }, settings);
      console.log(`  [${language} ${kind}, ${sms.encoding}, ${sms.segments} seg] ${sms.body}`);
    }
  }
}
console.log(`Composed ${cases.length} messages (3 variants each) in ${(elapsed / 1000).toFixed(1)} s.`);
