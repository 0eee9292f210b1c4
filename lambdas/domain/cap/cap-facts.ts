import type { AmberConfig } from '../../config/config';
import type { Alert } from '../alert';
import { formatLongLocalTime, smsTemplatesFor } from '../sms';
import type { CapFacts } from './cap-texts';

/** The alert as the info texts of one language tell it: names for codes, local time, joined vehicle. */
export function capFacts(alert: Alert, version: number, config: AmberConfig, language: string): CapFacts {
  const county =
    config.country.regions.find((r) => r.code === alert.lastSeen.county)?.name ?? alert.lastSeen.county;
  const { monthNames } = smsTemplatesFor(language);
  const v = alert.vehicle;
  const makeModel = [v?.make, v?.model].filter(Boolean).join(' ');
  const details = [makeModel, v?.color].filter(Boolean).join(', ');
  const vehicle = v?.plate || details ? { ...(v?.plate ? { plate: v.plate } : {}), details } : undefined;
  return {
    name: alert.child.name,
    age: alert.child.age,
    county,
    place: alert.lastSeen.place,
    when: formatLongLocalTime(new Date(alert.lastSeen.at), config.country.timeZone, monthNames),
    description: alert.child.description,
    ...(alert.suspect ? { suspect: alert.suspect } : {}),
    ...(vehicle ? { vehicle } : {}),
    ...(alert.outcome ? { outcome: alert.outcome } : {}),
    version,
  };
}
