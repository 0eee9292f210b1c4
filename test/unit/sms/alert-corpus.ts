import fc from 'fast-check';
import type { AlertMode } from '../../../lambdas/domain/alert';
import type { SmsAlert } from '../../../lambdas/domain/sms';

/**
 * Realistic alerts for measuring the SMS composer: Albanian children and places (full of ë and ç), some
 * visiting English-speaking families, with and without vehicles. Built from fast-check arbitraries so
 * that the property tests draw from the same population, and sampled with a fixed seed so that the
 * corpus, and the figures measured on it, are the same on every run.
 */

const wordList = (text: string) => text.trim().split(/\s+/);

const ALBANIAN_FIRST_NAMES = wordList(`
  Arbër Ardit Besjana Dritë Elona Ermal Fjolla Gëzim Ilir Jonida Klea Lirie Mirela Rrezarta Sokol
  Teuta Valbona Xhensila Arlind Blerina Ënea Erëza Dorina Eris Anxhela Kejsi Amarildo Rigers Bora Lea
  Çlirim Alketa Ëngjëll Dhurata Kristjan Megi
`);
const ALBANIAN_SURNAMES = wordList(`
  Hoxha Çela Gjoka Kola Leka Marku Dervishi Shehu Brahimi Berisha Kërçiku Dushku Mëhilli Çaushi Zeneli
  Prençi Gjergji Meta Lika Bajraktari Kuçi Koçi Shkëmbi Ymeri Xhaferri Frashëri
`);
const ENGLISH_FIRST_NAMES = wordList(`
  Emily Oliver Sophie Jack Amelia Harry Grace Liam Chloe Noah Ava Leo
`);
const ENGLISH_SURNAMES = wordList(`
  Smith Brown Taylor Wilson Davies O'Brien Murphy Walker Clarke
`);

/** Places people actually name, with the county they are in. */
const PLACES: ReadonlyArray<{ place: string; county: string }> = [
  { place: 'Rruga e Kavajës, Tiranë', county: 'AL-11' },
  { place: 'Sheshi Skënderbej, Tiranë', county: 'AL-11' },
  { place: 'Parku i Liqenit, Tiranë', county: 'AL-11' },
  { place: 'pranë Urës së Tabakëve, Tiranë', county: 'AL-11' },
  { place: 'Bulevardi Zogu i Parë, para shkollës, Tiranë', county: 'AL-11' },
  { place: 'Plazhi i Durrësit, afër Vollgës, Durrës', county: 'AL-02' },
  { place: 'Stacioni i trenit, Durrës', county: 'AL-02' },
  { place: 'Pazari i Vjetër, Korçë', county: 'AL-06' },
  { place: 'Bulevardi Shën Gjergji, Korçë', county: 'AL-06' },
  { place: 'Kalaja e Gjirokastrës, Gjirokastër', county: 'AL-05' },
  { place: 'Rruga Kolë Idromeno, Shkodër', county: 'AL-10' },
  { place: 'Ura e Mesit, Shkodër', county: 'AL-10' },
  { place: 'Stacioni i autobusëve, Lezhë', county: 'AL-08' },
  { place: 'Qendra e qytetit, Kukës', county: 'AL-07' },
  { place: 'Lungomare, Vlorë', county: 'AL-12' },
  { place: "Shkolla 9-vjeçare 'Naim Frashëri', Elbasan", county: 'AL-03' },
  { place: 'Tregu i fruta-perimeve, Fier', county: 'AL-04' },
  { place: 'Lagjja 30 Vjetori, Berat', county: 'AL-01' },
  { place: 'Sheshi Skënderbeu, Peshkopi, Dibër', county: 'AL-09' },
];

const ALBANIAN_LOOKS = [
  'flokë të gështenjtë',
  'flokë bionde të gjata',
  'flokë të zeza kaçurrela',
  'sy jeshilë',
  'syze me skelet të zi',
  'gjatësia rreth 1.20 m',
  'e hollë, rreth 25 kg',
];
const ALBANIAN_CLOTHES = [
  'xhup i kuq',
  'bluzë e bardhë me vija',
  'pantallona xhins blu',
  'fustan rozë',
  'atlete të zeza',
  'çantë shpine jeshile',
  'kapuç gri',
  'këpucë të kuqe',
  'pallto e gjatë kafe',
];
const ENGLISH_LOOKS = [
  'brown hair',
  'long blond hair',
  'curly black hair',
  'green eyes',
  'glasses with black frames',
];
const ENGLISH_CLOTHES = [
  'red jacket',
  'white striped top',
  'blue jeans',
  'pink dress',
  'black trainers',
  'green backpack',
  'grey hoodie',
];

const VEHICLE_MODELS = [
  { make: 'Mercedes-Benz', model: 'E-Class' },
  { make: 'Volkswagen', model: 'Golf' },
  { make: 'Fiat', model: 'Punto' },
  { make: 'Toyota', model: 'Yaris' },
  { make: 'Opel', model: 'Astra' },
  { make: 'Ford', model: 'Transit' },
  { make: 'Renault', model: 'Clio' },
];
const ALBANIAN_COLOURS = ['e zezë', 'e bardhë', 'gri', 'e kuqe', 'blu e errët'];
const ENGLISH_COLOURS = ['black', 'white', 'grey', 'red', 'dark blue'];

/** The language the officer typed the free text in. */
export type TypedIn = 'sq' | 'en';

export interface CorpusAlert {
  typedIn: TypedIn;
  mode: AlertMode;
  alert: SmsAlert;
}

const pick = <T>(list: readonly T[]) => fc.constantFrom(...list);
const someOf = (list: readonly string[], max: number) =>
  fc.uniqueArray(pick(list), { minLength: 1, maxLength: max }).map((parts) => parts.join(', '));

/** Albanian plates: "AA 123 BB" on new cars, sometimes typed without the spaces. */
const plateArb = fc
  .tuple(
    fc.stringMatching(/^[A-Z]{2}$/),
    fc.integer({ min: 100, max: 999 }),
    fc.stringMatching(/^[A-Z]{2}$/),
    fc.boolean(),
  )
  .map(([a, n, b, spaced]) => (spaced ? `${a} ${n} ${b}` : `${a}${n}${b}`));

const vehicleArb = (typedIn: TypedIn) =>
  fc.record(
    {
      plate: plateArb,
      make: pick(VEHICLE_MODELS).map((v) => v.make),
      model: pick(VEHICLE_MODELS).map((v) => v.model),
      color: pick(typedIn === 'sq' ? ALBANIAN_COLOURS : ENGLISH_COLOURS),
    },
    { requiredKeys: [] },
  );

/** The last sighting, anywhere in 2026: both sides of the daylight-saving changes. */
const lastSeenAtArb = fc
  .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-31T23:59:00Z'), noInvalidDate: true })
  .map((d) => new Date(Math.floor(d.getTime() / 60_000) * 60_000).toISOString());

export const corpusAlertArb = (typedIn: TypedIn, mode: AlertMode = 'LIVE'): fc.Arbitrary<CorpusAlert> => {
  const first = typedIn === 'sq' ? ALBANIAN_FIRST_NAMES : ENGLISH_FIRST_NAMES;
  const last = typedIn === 'sq' ? ALBANIAN_SURNAMES : ENGLISH_SURNAMES;
  const looks = typedIn === 'sq' ? ALBANIAN_LOOKS : ENGLISH_LOOKS;
  const clothes = typedIn === 'sq' ? ALBANIAN_CLOTHES : ENGLISH_CLOTHES;
  // Unbiased: fast-check otherwise favours edge values (age 0, 31 Dec 23:59, all-zero UUIDs).
  return fc
    .noBias(
      fc.record({
        id: fc.uuid({ version: 4 }),
        name: fc.tuple(pick(first), pick(last)).map(([f, l]) => `${f} ${l}`),
        age: fc.integer({ min: 0, max: 17 }),
        description: fc.tuple(someOf(looks, 2), someOf(clothes, 3)).map(([a, b]) => `${a}; ${b}`),
        lastSeen: fc.record({ spot: pick(PLACES), at: lastSeenAtArb }),
        vehicle: fc.option(vehicleArb(typedIn), { freq: 2, nil: undefined }),
      }),
    )
    .map((r) => ({
      typedIn,
      mode,
      alert: {
        id: r.id,
        child: { name: r.name, age: r.age, description: r.description },
        ...(r.vehicle && Object.keys(r.vehicle).length > 0 ? { vehicle: r.vehicle } : {}),
        lastSeen: { place: r.lastSeen.spot.place, county: r.lastSeen.spot.county, at: r.lastSeen.at },
      },
    }));
};

/** 240 alerts: two thirds typed in Albanian, one in eight an exercise. Same seed, same corpus. */
export function buildAlertCorpus(size = 240, seed = 2023): CorpusAlert[] {
  const albanian = Math.round((size * 2) / 3);
  const exercises = Math.round(size / 8);
  return [
    ...fc.sample(corpusAlertArb('sq'), { seed, numRuns: albanian - exercises / 2 }),
    ...fc.sample(corpusAlertArb('sq', 'EXERCISE'), { seed: seed + 1, numRuns: exercises / 2 }),
    ...fc.sample(corpusAlertArb('en'), { seed: seed + 2, numRuns: size - albanian - exercises / 2 }),
    ...fc.sample(corpusAlertArb('en', 'EXERCISE'), { seed: seed + 3, numRuns: exercises / 2 }),
  ];
}
