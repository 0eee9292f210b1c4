/**
 * What the API answers, as the domain defines it: type-only imports, erased from the bundle. A change of the
 * domain's types breaks the console's typecheck.
 */
export type {
  Alert,
  AlertStatus,
  AuditEntry,
  BroadcastSummary,
  UpdateRequest,
} from '../../../lambdas/domain/alert';
export type { Submission } from '../../../lambdas/domain/schemas';
export type { AlertPreview, SmsPreview } from '../../../lambdas/use-cases/preview-alert';
export type { AlertView } from '../../../lambdas/use-cases/read-alerts';
