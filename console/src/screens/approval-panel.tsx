import { useState } from 'preact/hooks';
import { ApiError, api, unwrap } from '../api/client';
import type { AlertView } from '../api/types';
import { isSupervisor, type Session } from '../auth/session';
import { ErrorSummary, Field } from '../components/field';
import { SmsPreviews } from '../components/sms-preview';
import { countyName } from '../country';
import { formatDateTime, t } from '../i18n';

type Confirming = 'APPROVE' | 'REJECT' | undefined;

/**
 * What the approver approves: the exact SMS per language, the audience per county, then Approve or Reject
 * behind a confirmation. Someone who may not approve is told why instead of seeing a dead button.
 */
export function ApprovalPanel({
  alert,
  session,
  onDone,
}: {
  alert: AlertView;
  session: Session;
  onDone: () => void;
}) {
  const [confirming, setConfirming] = useState<Confirming>();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string>();
  const own = alert.submittedBy.sub === session.sub;
  const whyNot = !isSupervisor(session) ? t('cannotApproveOfficer') : own ? t('cannotApproveOwn') : undefined;

  const decide = async (event: Event) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget as HTMLFormElement).get('reason') ?? '').trim();
    try {
      await unwrap(
        api.POST('/alerts/{id}/approval', {
          params: { path: { id: alert.id } },
          body: confirming === 'REJECT' ? { decision: 'REJECT', reason } : { decision: 'APPROVE' },
        }),
      );
      setConfirming(undefined);
      onDone();
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fields);
        setMessage(error.message);
      } else setMessage(String(error));
    }
  };

  return (
    <section class="panel" aria-labelledby="approval-title">
      <h2 id="approval-title">{t('approvalTitle')}</h2>
      <p>
        {t('approvalDeadline')}: {formatDateTime(alert.approvalDeadline)}
      </p>
      {alert.pendingSms && <SmsPreviews sms={alert.pendingSms} />}
      <h3>{t('audienceTitle')}</h3>
      {alert.mode === 'EXERCISE' ? (
        <p>{t('audienceExercise')}</p>
      ) : (
        <>
          <ul class="audience">
            {Object.entries(alert.estimatedRecipientsByCounty ?? {}).map(([county, count]) => (
              <li key={county} data-county={county}>
                {countyName(county)}: <strong>{count}</strong>
              </li>
            ))}
          </ul>
          <p data-testid="audience-total">{t('audienceTotal', { count: alert.estimatedRecipients ?? 0 })}</p>
        </>
      )}
      <ErrorSummary message={message} />
      {whyNot ? (
        <p class="why-not" data-testid="why-not">
          {whyNot}
        </p>
      ) : confirming ? (
        <form class="confirm" onSubmit={decide}>
          {confirming === 'APPROVE' ? (
            <p>
              <strong>{t('confirmApproveText')}</strong>
            </p>
          ) : (
            <Field name="reason" label={t('reason')} errors={errors} hint={t('reasonRequired')}>
              {(attrs) => <textarea {...attrs} rows={2} required />}
            </Field>
          )}
          <div class="actions">
            <button type="button" onClick={() => setConfirming(undefined)}>
              {t('cancel')}
            </button>
            <button type="submit" class={confirming === 'APPROVE' ? 'primary' : 'danger'}>
              {confirming === 'APPROVE' ? t('confirmApprove') : t('confirmReject')}
            </button>
          </div>
        </form>
      ) : (
        <div class="actions">
          <button type="button" class="primary" onClick={() => setConfirming('APPROVE')}>
            {t('approve')}
          </button>
          <button type="button" class="danger" onClick={() => setConfirming('REJECT')}>
            {t('reject')}
          </button>
        </div>
      )}
    </section>
  );
}
