import type { AmberConfig } from '../../config/config';
import { buildTipPoliceSchemas } from './tip-schemas';
import { buildTipSubmissionSchema } from './tip-submission-schema';

/** Every tip schema, for the OpenAPI document and the API Gateway models (lib/api-contract.ts). */
export function buildTipSchemas(config: AmberConfig) {
  return { ...buildTipSubmissionSchema(config), ...buildTipPoliceSchemas(config) };
}

export type TipSchemas = ReturnType<typeof buildTipSchemas>;
