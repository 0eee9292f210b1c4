import type { BroadcastSummary } from '../api/types';
import { formatDateTime, t } from '../i18n';

/** Sent, failed, pending, rate and ETA, as the send shards last wrote them. */
export function BroadcastProgress({ summary }: { summary: BroadcastSummary }) {
  const pending = summary.pending ?? Math.max(0, summary.recipients - summary.sent - summary.failed);
  return (
    <section class="panel" aria-labelledby="progress-title">
      <h2 id="progress-title">{t('progressTitle')}</h2>
      <progress
        max={Math.max(summary.recipients, 1)}
        value={summary.sent + summary.failed}
        aria-labelledby="progress-title"
      />
      <dl class="figures">
        <div>
          <dt>{t('sent')}</dt>
          <dd data-testid="sent">{summary.sent}</dd>
        </div>
        <div>
          <dt>{t('failed')}</dt>
          <dd data-testid="failed">{summary.failed}</dd>
        </div>
        <div>
          <dt>{t('pending')}</dt>
          <dd data-testid="pending">{pending}</dd>
        </div>
        <div>
          <dt>{t('rate')}</dt>
          <dd>{summary.ratePerSecond?.toFixed(1) ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('eta')}</dt>
          <dd>{formatDateTime(summary.estimatedFinishAt ?? summary.finishedAt)}</dd>
        </div>
      </dl>
    </section>
  );
}
