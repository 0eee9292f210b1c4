import { albania } from '../../lambdas/config/albania';
import { ALERT_STATUSES } from '../../lambdas/domain/alert';

/** The deployment's country profile (lambdas/config/): counties by name, the police number. */
export const country = albania;
export const STATUSES = ALERT_STATUSES;

const names = new Map(country.regions.map((r) => [r.code, r.name]));

/** Counties by name; the code only when the profile does not know it. */
export const countyName = (code: string): string => names.get(code) ?? code;
