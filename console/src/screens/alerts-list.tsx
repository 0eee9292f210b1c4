import { useEffect, useState } from 'preact/hooks';
import { api, unwrap } from '../api/client';
import type { Alert, AlertStatus } from '../api/types';
import { ErrorSummary } from '../components/field';
import { ModeBadge } from '../components/mode-badge';
import { STATUSES } from '../country';
import { formatDateTime, t, tValue } from '../i18n';
import { go } from '../router';

/** The directorate's alerts (the national directorate's: all), newest first, filtered by status. */
export function AlertsList({ status }: { status: string | undefined }) {
  const [items, setItems] = useState<Alert[]>();
  const [error, setError] = useState<string>();
  const filter = STATUSES.find((s) => s === status);

  useEffect(() => {
    setItems(undefined);
    unwrap<{ items: Alert[] }>(api.GET('/alerts', { params: { query: filter ? { status: filter } : {} } }))
      .then((body) => setItems(body.items))
      .catch((e: unknown) => setError(t('errorGeneric', { message: String((e as Error).message) })));
  }, [filter]);

  const onFilter = (event: Event) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget as HTMLFormElement).get('status');
    go(value ? `#/alerts?status=${String(value)}` : '#/alerts');
  };

  return (
    <section>
      <h1>{t('alertsTitle')}</h1>
      <form class="filter" onSubmit={onFilter}>
        <label for="status-filter">{t('filterStatus')}</label>
        <select id="status-filter" name="status" value={filter ?? ''}>
          <option value="">{t('filterAll')}</option>
          {STATUSES.map((s: AlertStatus) => (
            <option key={s} value={s}>
              {tValue('status_', s)}
            </option>
          ))}
        </select>
        <button type="submit">{t('apply')}</button>
      </form>
      <ErrorSummary message={error} />
      {!items && !error && <p>{t('loading')}</p>}
      {items && items.length === 0 && <p>{t('noAlerts')}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table class="alerts">
            <thead>
              <tr>
                <th scope="col">{t('colCase')}</th>
                <th scope="col">{t('colChild')}</th>
                <th scope="col">{t('colMode')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colCreated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((alert) => (
                <tr key={alert.id} data-alert-id={alert.id} class={`row-${alert.mode.toLowerCase()}`}>
                  <td>
                    <a href={`#/alerts/${alert.id}`}>{alert.caseNumber}</a>
                  </td>
                  <td>{alert.child.name}</td>
                  <td>
                    <ModeBadge mode={alert.mode} />
                  </td>
                  <td>{tValue('status_', alert.status)}</td>
                  <td>{formatDateTime(alert.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
