import type { AmberConfig } from '../config/config';
import type { Alert } from '../domain/alert';
import { endedAt, isDueForPurge, PURGEABLE_STATUSES, planPurge, retentionCutoff } from '../domain/retention';
import type { AlertRetentionStore } from '../ports/alert-repository';
import type { Clock } from '../ports/clock';
import type { DeliveryPurge } from '../ports/delivery-purge';
import type { TipRepository } from '../ports/tip-repository';
import { messageKey } from './broadcast/messages';

export interface PurgeDependencies {
  config: Pick<AmberConfig, 'retentionDays' | 'timeouts'> & Partial<Pick<AmberConfig, 'tips'>>;
  clock: Clock;
  alerts: AlertRetentionStore;
  deliveryPurge: DeliveryPurge;
  /** The tips' contact details go `tips.contactRetentionDays` after the alert ends (never later than it). */
  tipContacts?: Pick<TipRepository, 'purgeContacts'>;
}

/** Figures only: the report is logged, and must not carry anything personal. */
export interface PurgeReport {
  cutoff: string;
  /** Unpurged alerts of a final status created before the cutoff. */
  examined: number;
  purged: number;
  /** Ended too recently, or resolved with the cancellation still to send. */
  kept: number;
  /** Changed by someone else between the read and the write: left for the next run. */
  raced: number;
  deliveriesDeleted: number;
  /** Tips whose contact (phone, name) was removed. */
  tipContactsPurged: number;
}

/** Every delivery list an alert may have: the alert, each update version, the cancellation. */
export function deliveryKeysOf(alert: Alert): string[] {
  const versions = new Set<number>();
  for (const m of alert.messages ?? []) if (m.kind === 'UPDATE') versions.add(m.version);
  if (alert.updateRequest) versions.add(alert.updateRequest.version);
  return [
    messageKey(alert.id, 'ALERT'),
    ...[...versions].sort((a, b) => a - b).map((v) => messageKey(alert.id, 'UPDATE', v)),
    messageKey(alert.id, 'CANCELLATION'),
  ];
}

/**
 * Removes the personal fields of the alerts that ended more than `retentionDays` ago, and their delivery
 * records (the subscribers' phones). The delivery records go first: if the run stops half-way, the alert is
 * still unpurged and the next run finishes the job, whereas the other order could leave records behind for
 * good. Running it again changes nothing.
 */
export async function purgePersonalData(deps: PurgeDependencies, at?: Date): Promise<PurgeReport> {
  const now = at ?? deps.clock.now();
  const cutoff = retentionCutoff(now, deps.config.retentionDays, deps.config.timeouts.timeScale);
  // The tips' contacts may go sooner than the alert: alerts are read up to the later of the two cutoffs.
  const tipDays = Math.min(
    deps.config.tips?.contactRetentionDays ?? deps.config.retentionDays,
    deps.config.retentionDays,
  );
  const tipCutoff = retentionCutoff(now, tipDays, deps.config.timeouts.timeScale);
  const report: PurgeReport = {
    cutoff: cutoff.toISOString(),
    examined: 0,
    purged: 0,
    kept: 0,
    raced: 0,
    deliveriesDeleted: 0,
    tipContactsPurged: 0,
  };
  const readBefore = deps.tipContacts ? tipCutoff.toISOString() : report.cutoff;
  for (const status of PURGEABLE_STATUSES) {
    let cursor: string | undefined;
    do {
      const page = await deps.alerts.pageUnpurged(status, readBefore, cursor);
      for (const alert of page.items) {
        report.examined++;
        if (deps.tipContacts && !alert.purgedAt && Date.parse(endedAt(alert)) <= tipCutoff.getTime()) {
          report.tipContactsPurged += await deps.tipContacts.purgeContacts(alert.id, now);
        }
        if (!isDueForPurge(alert, cutoff)) {
          report.kept++;
          continue;
        }
        for (const key of deliveryKeysOf(alert)) {
          report.deliveriesDeleted += await deps.deliveryPurge.deleteMessage(key);
        }
        const written = await deps.alerts.purge(
          alert.id,
          status,
          alert.history.length,
          planPurge(alert, now),
        );
        if (written) report.purged++;
        else report.raced++;
      }
      cursor = page.next;
    } while (cursor);
  }
  return report;
}
