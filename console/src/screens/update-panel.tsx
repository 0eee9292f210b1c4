import { useState } from 'preact/hooks';
import { ApiError, api, unwrap } from '../api/client';
import type { AlertView } from '../api/types';
import { isOfficer, isSupervisor, type Session } from '../auth/session';
import { ErrorSummary, Field } from '../components/field';
import { t, tValue } from '../i18n';
import type { MessageKey } from '../i18n/sq';

/** The fields an update may change, with their labels. */
const UPDATABLE: readonly [
  group: 'child' | 'suspect' | 'vehicle' | 'lastSeen',
  field: string,
  label: MessageKey,
][] = [
  ['child', 'description', 'childDescription'],
  ['child', 'photoUrl', 'photoUrl'],
  ['suspect', 'description', 'suspectDescription'],
  ['vehicle', 'plate', 'plate'],
  ['vehicle', 'make', 'make'],
  ['vehicle', 'model', 'model'],
  ['vehicle', 'color', 'color'],
  ['lastSeen', 'place', 'place'],
];

const fieldValue = (source: unknown, group: string, field: string): string => {
  const object = (source as Record<string, Record<string, unknown> | undefined>)[group];
  const value = object?.[field];
  return value === undefined || value === null ? '' : String(value);
};

/** An officer asks for an update; another supervisor sees the diff of the changed fields and decides. */
export function UpdatePanel({
  alert,
  session,
  onDone,
}: {
  alert: AlertView;
  session: Session;
  onDone: () => void;
}) {
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string>();
  const request = alert.updateRequest;
  const fail = (error: unknown) => {
    if (error instanceof ApiError) {
      setErrors(error.fields);
      setMessage(error.message);
    } else setMessage(String(error));
  };

  const ask = async (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const changes: Record<string, Record<string, string>> = {};
    for (const [group, field] of UPDATABLE) {
      const value = String(data.get(`${group}.${field}`) ?? '').trim();
      if (value) changes[group] = { ...changes[group], [field]: value };
    }
    const note = String(data.get('note') ?? '').trim();
    try {
      await unwrap(
        api.POST('/alerts/{id}/updates', {
          params: { path: { id: alert.id } },
          body: { changes, ...(note ? { note } : {}) },
        }),
      );
      setErrors({});
      setMessage(undefined);
      onDone();
    } catch (error) {
      fail(error);
    }
  };

  const decide = async (decision: 'APPROVE' | 'REJECT', event?: Event) => {
    event?.preventDefault();
    if (!request) return;
    const reason =
      decision === 'REJECT' && event
        ? String(new FormData(event.currentTarget as HTMLFormElement).get('reason') ?? '').trim()
        : '';
    try {
      await unwrap(
        api.POST('/alerts/{id}/updates/{version}/approval', {
          params: { path: { id: alert.id, version: String(request.version) } },
          body: decision === 'REJECT' ? { decision, reason } : { decision },
        }),
      );
      onDone();
    } catch (error) {
      fail(error);
    }
  };

  const awaiting = request?.state === 'AWAITING_APPROVAL';
  const own = request?.submittedBy.sub === session.sub;
  return (
    <section class="panel" aria-labelledby="update-title">
      <h2 id="update-title">{t('updateTitle')}</h2>
      <ErrorSummary message={message} />
      {request && (
        <>
          <p>
            {awaiting
              ? t('updateAwaiting', { version: request.version })
              : t('updateState', { version: request.version, state: tValue('updateState_', request.state) })}
          </p>
          <div class="table-wrap">
            <table class="diff">
              <thead>
                <tr>
                  <th scope="col">{t('field')}</th>
                  <th scope="col">{t('before')}</th>
                  <th scope="col">{t('after')}</th>
                </tr>
              </thead>
              <tbody>
                {UPDATABLE.filter(
                  ([g, f]) =>
                    fieldValue(request.changes, g, f) !== '' &&
                    fieldValue(request.changes, g, f) !== fieldValue(awaiting ? alert : {}, g, f),
                ).map(([g, f, label]) => (
                  <tr key={`${g}.${f}`}>
                    <th scope="row">{t(label)}</th>
                    <td>
                      <del>{awaiting ? fieldValue(alert, g, f) : ''}</del>
                    </td>
                    <td>
                      <ins>{fieldValue(request.changes, g, f)}</ins>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {awaiting &&
            (!isSupervisor(session) ? (
              <p class="why-not">{t('cannotApproveOfficer')}</p>
            ) : own ? (
              <p class="why-not">{t('cannotApproveUpdateOwn')}</p>
            ) : (
              <div class="actions">
                <button type="button" class="primary" onClick={() => decide('APPROVE')}>
                  {t('approveUpdate')}
                </button>
                <form class="inline-form" onSubmit={(e) => decide('REJECT', e)}>
                  <Field name="reason" label={t('reason')} errors={errors}>
                    {(attrs) => <input {...attrs} type="text" required />}
                  </Field>
                  <button type="submit" class="danger">
                    {t('rejectUpdate')}
                  </button>
                </form>
              </div>
            ))}
        </>
      )}
      {!awaiting && isOfficer(session) && (
        <form onSubmit={ask}>
          <p class="hint">{t('updateHint')}</p>
          {UPDATABLE.map(([group, field, label]) => (
            <Field
              key={`${group}.${field}`}
              name={`changes.${group}.${field}`}
              label={t(label)}
              errors={errors}
            >
              {(attrs) => (
                <input
                  {...attrs}
                  name={`${group}.${field}`}
                  type="text"
                  placeholder={fieldValue(alert, group, field)}
                />
              )}
            </Field>
          ))}
          <Field name="note" label={`${t('note')} ${t('optional')}`} errors={errors}>
            {(attrs) => <input {...attrs} type="text" />}
          </Field>
          <button type="submit">{t('requestUpdate')}</button>
        </form>
      )}
    </section>
  );
}
