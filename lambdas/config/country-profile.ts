import * as z from 'zod/mini';
import './zod-locale';

export const LanguageSchema = z.string().check(z.regex(/^[a-z]{2}$/, 'an ISO 639-1 language code'));

export const CountryProfileSchema = z.strictObject({
  /** ISO 3166-1 alpha-2. */
  countryCode: z.string().check(z.regex(/^[A-Z]{2}$/)),
  countryName: z.record(z.string(), z.string()),
  /** libphonenumber-js region whose mobile numbers may subscribe. */
  phoneRegion: z.string().check(z.regex(/^[A-Z]{2}$/)),
  defaultLanguage: LanguageSchema,
  languages: z.array(LanguageSchema).check(z.minLength(1)),
  /** ISO 3166-2 subdivisions that alerts can target and police directorates belong to. */
  regions: z
    .array(z.strictObject({ code: z.string().check(z.regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/)), name: z.string() }))
    .check(z.minLength(1)),
  /**
   * The country's bounding box in WGS84 degrees: a tip's location outside it is refused (a typo, or a
   * point that cannot be a sighting for this deployment).
   */
  bounds: z
    .strictObject({ south: z.number(), west: z.number(), north: z.number(), east: z.number() })
    .check(z.refine((b) => b.south < b.north && b.west < b.east, 'south < north and west < east')),
  /** The number the public calls with a sighting. */
  policeNumber: z.string().check(z.minLength(2)),
  timeZone: z.string(),
  senderName: z.record(z.string(), z.string()),
  /** Alphanumeric sender ID, where the country's carriers allow one (max 11 characters). */
  smsSenderId: z.string().check(z.regex(/^[A-Za-z0-9]{1,11}$/)),
  /**
   * Whether the public can reply to the platform's SMS: true only where SNS sends from a long code or short
   * code that receives (two-way SMS). An alphanumeric sender ID cannot: then no inbound SMS topic is
   * deployed, and the texts give the web route to stop instead of "reply STOP". AMBER_TWO_WAY_SMS overrides it
   * (an operator short code, or an aggregator with two-way SMS, arranged for the deployment).
   */
  twoWaySms: z.boolean(),
});

export type CountryProfile = z.infer<typeof CountryProfileSchema>;
