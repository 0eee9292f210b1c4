import * as z from 'zod';

export const LanguageSchema = z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 language code');

export const CountryProfileSchema = z.strictObject({
  /** ISO 3166-1 alpha-2. */
  countryCode: z.string().regex(/^[A-Z]{2}$/),
  countryName: z.record(z.string(), z.string()),
  /** libphonenumber-js region whose mobile numbers may subscribe. */
  phoneRegion: z.string().regex(/^[A-Z]{2}$/),
  defaultLanguage: LanguageSchema,
  languages: z.array(LanguageSchema).min(1),
  /** ISO 3166-2 subdivisions that alerts can target and police directorates belong to. */
  regions: z
    .array(z.strictObject({ code: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/), name: z.string() }))
    .min(1),
  /** The number the public calls with a sighting. */
  policeNumber: z.string().min(2),
  timeZone: z.string(),
  senderName: z.record(z.string(), z.string()),
  /** Alphanumeric sender ID, where the country's carriers allow one (max 11 characters). */
  smsSenderId: z.string().regex(/^[A-Za-z0-9]{1,11}$/),
});

export type CountryProfile = z.infer<typeof CountryProfileSchema>;
