import { loadConfig } from '../../../lambdas/config/config';
import { type SmsAlert, type SmsSettings, smsSettingsFrom } from '../../../lambdas/domain/sms';

/** The deployed defaults: Albania, one segment, transliteration on, https://amber.example.org. */
export const config = loadConfig({});
export const settings: SmsSettings = smsSettingsFrom(config);

export const ALERT_ID = '3f2b8c1e-9a4d-4e21-b7c5-0d6f1a2b3c4d';
export const LINK = `https://amber.example.org/a/${ALERT_ID}`;

/** Short enough that everything fits once the description is gone. */
export const shortAlert: SmsAlert = {
  id: ALERT_ID,
  child: { name: 'Arbër Çela', age: 7, description: 'Flokë kafe, xhup i kuq' },
  lastSeen: { place: 'Korçë', county: 'AL-06', at: '2026-11-28T13:30:00Z' },
};

export const alertWithVehicle: SmsAlert = {
  ...shortAlert,
  vehicle: { plate: 'AA 123 BB', make: 'Fiat', model: 'Punto', color: 'e kuqe' },
};

/** Long free text, the way officers write it when every detail matters. */
export const wordyAlert: SmsAlert = {
  id: ALERT_ID,
  child: {
    name: 'Rrezarta Mëhilli',
    age: 11,
    description: 'Flokë të gjata bionde, sy jeshilë, xhup i kuq, pantallona xhins blu dhe atlete të bardha',
  },
  vehicle: { plate: 'TR 482 KC', make: 'Mercedes-Benz', model: 'E-Class', color: 'gri' },
  lastSeen: {
    place: 'Bulevardi Zogu i Parë, para shkollës, Tiranë',
    county: 'AL-11',
    at: '2026-07-04T08:05:00Z',
  },
};
