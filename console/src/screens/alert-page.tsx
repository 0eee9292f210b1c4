import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, api, unwrap } from '../api/client';
import type { AlertView } from '../api/types';
import { isOfficer, isSupervisor, type Session } from '../auth/session';
import { ErrorSummary } from '../components/field';
import { ModeBanner } from '../components/mode-badge';
import { countyName } from '../country';
import { formatDateTime, t, tValue } from '../i18n';
import { ApprovalPanel } from './approval-panel';
import { BroadcastProgress } from './broadcast-progress';
import { ExtendPanel, ResolvePanel } from './resolve-extend';
import { UpdatePanel } from './update-panel';

const OPEN = ['PENDING_APPROVAL', 'APPROVED', 'ACTIVE'];
export const REFRESH_SECONDS = 2;

/** One alert: status in words, content, approval, broadcast progress, resolution, updates, history. */
export function AlertPage({ id, session }: { id: string; session: Session }) {
  const [alert, setAlert] = useState<AlertView>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    try {
      setAlert(await unwrap<AlertView>(api.GET('/alerts/{id}', { params: { path: { id } } })));
      setError(undefined);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 404 ? t('notFound') : t('errorGeneric', { message: String(e) }),
      );
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  const open = alert ? OPEN.includes(alert.status) : false;
  // While the workflow may still change it, the page follows by itself: approval, broadcast, sending.
  useEffect(() => {
    if (!open) return;
    const timer = window.setInterval(() => void load(), REFRESH_SECONDS * 1000);
    return () => window.clearInterval(timer);
  }, [open, load]);

  if (!alert) {
    return (
      <section>
        <ErrorSummary message={error} />
        {!error && <p>{t('loading')}</p>}
        <p>
          <a href="#/alerts">{t('back')}</a>
        </p>
      </section>
    );
  }

  return (
    <section>
      <h1>{t('alertTitle', { caseNumber: alert.caseNumber })}</h1>
      <ModeBanner mode={alert.mode} />
      <p class={`status status-${alert.status.toLowerCase()}`} data-status={alert.status}>
        <strong>{t('colStatus')}:</strong> {tValue('status_', alert.status)}
        {alert.outcome && <> — {t('outcomeLabel', { outcome: tValue('outcome', alert.outcome) })}</>}
      </p>
      {open && <p class="muted">{t('autoRefresh', { seconds: REFRESH_SECONDS })}</p>}
      <ErrorSummary message={error} />

      <h2>{t('details')}</h2>
      <AlertDetails alert={alert} />

      {alert.status === 'PENDING_APPROVAL' && <ApprovalPanel alert={alert} session={session} onDone={load} />}
      {alert.status !== 'PENDING_APPROVAL' && alert.broadcast && (
        <BroadcastProgress summary={alert.broadcast} />
      )}
      {open && (isOfficer(session) || isSupervisor(session)) && <ResolvePanel alert={alert} onDone={load} />}
      {alert.status === 'ACTIVE' && <UpdatePanel alert={alert} session={session} onDone={load} />}
      {alert.status === 'ACTIVE' && <ExtendPanel alert={alert} session={session} onDone={load} />}
      {/* Tips from the public (GET /alerts/{id}/tips): their inbox and triage go here once the API has them. */}

      <h2>{t('history')}</h2>
      <div class="table-wrap">
        <table class="history">
          <thead>
            <tr>
              <th scope="col">{t('colWhen')}</th>
              <th scope="col">{t('colWho')}</th>
              <th scope="col">{t('colWhat')}</th>
              <th scope="col">{t('colReason')}</th>
            </tr>
          </thead>
          <tbody>
            {alert.history.map((entry) => (
              <tr key={`${entry.at}-${entry.action}`}>
                <td>{formatDateTime(entry.at)}</td>
                <td>{entry.actor.username}</td>
                <td>{tValue('action_', entry.action)}</td>
                <td>{entry.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AlertDetails({ alert }: { alert: AlertView }) {
  const rows: [string, string | undefined][] = [
    [t('childName'), alert.child.name],
    [t('childAge'), String(alert.child.age)],
    [t('childDescription'), alert.child.description],
    [t('photoUrl'), alert.child.photoUrl],
    [t('suspectName'), alert.suspect?.name],
    [t('suspectDescription'), alert.suspect?.description],
    [t('plate'), alert.vehicle?.plate],
    [
      `${t('make')} / ${t('model')}`,
      [alert.vehicle?.make, alert.vehicle?.model].filter(Boolean).join(' ') || undefined,
    ],
    [t('color'), alert.vehicle?.color],
    [t('place'), `${alert.lastSeen.place} (${countyName(alert.lastSeen.county)})`],
    [t('at'), formatDateTime(alert.lastSeen.at)],
    [t('sectionCounties'), alert.counties.map(countyName).join(', ')],
    [t('expires'), alert.expiresAt ? formatDateTime(alert.expiresAt) : undefined],
  ];
  return (
    <dl class="details">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
