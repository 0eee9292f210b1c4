import { useState } from 'preact/hooks';
import { ApiError, api, unwrap } from '../api/client';
import type { AlertView } from '../api/types';
import { isSupervisor, type Session } from '../auth/session';
import { ErrorSummary, Field } from '../components/field';
import { t } from '../i18n';

function useApiErrors() {
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string>();
  const fail = (error: unknown) => {
    if (error instanceof ApiError) {
      setErrors(error.fields);
      setMessage(error.message);
    } else setMessage(String(error));
  };
  const clear = () => {
    setErrors({});
    setMessage(undefined);
  };
  return { errors, message, fail, clear };
}

/** Found or cancelled: one person's act, behind one confirmation, because stopping must be fast. */
export function ResolvePanel({ alert, onDone }: { alert: AlertView; onDone: () => void }) {
  const [confirming, setConfirming] = useState<{ outcome: 'FOUND' | 'CANCELLED'; note: string }>();
  const { errors, message, fail, clear } = useApiErrors();

  const ask = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    setConfirming({
      outcome: data.get('outcome') === 'CANCELLED' ? 'CANCELLED' : 'FOUND',
      note: String(data.get('note') ?? '').trim(),
    });
  };
  const resolve = async () => {
    if (!confirming) return;
    try {
      await unwrap(
        api.POST('/alerts/{id}/resolution', {
          params: { path: { id: alert.id } },
          body: { outcome: confirming.outcome, ...(confirming.note ? { note: confirming.note } : {}) },
        }),
      );
      clear();
      setConfirming(undefined);
      onDone();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <section class="panel" aria-labelledby="resolve-title">
      <h2 id="resolve-title">{t('resolveTitle')}</h2>
      <p class="hint">{t('resolveHint')}</p>
      <ErrorSummary message={message} />
      {confirming ? (
        <div class="confirm">
          <p>
            <strong>{t(confirming.outcome === 'FOUND' ? 'outcomeFOUND' : 'outcomeCANCELLED')}</strong>
          </p>
          <div class="actions">
            <button type="button" onClick={() => setConfirming(undefined)}>
              {t('cancel')}
            </button>
            <button type="button" class="danger" onClick={resolve}>
              {t('confirmResolve')}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={ask}>
          <fieldset class="inline">
            <legend>{t('outcome')}</legend>
            <label class="choice">
              <input type="radio" name="outcome" value="FOUND" defaultChecked /> {t('outcomeFOUND')}
            </label>
            <label class="choice">
              <input type="radio" name="outcome" value="CANCELLED" /> {t('outcomeCANCELLED')}
            </label>
          </fieldset>
          <Field name="note" label={`${t('note')} ${t('optional')}`} errors={errors}>
            {(attrs) => <input {...attrs} type="text" />}
          </Field>
          <button type="submit" class="danger">
            {t('resolve')}
          </button>
        </form>
      )}
    </section>
  );
}

/** More hours for an active alert: a supervisor's act, no SMS (partners get a CAP Update). */
export function ExtendPanel({
  alert,
  session,
  onDone,
}: {
  alert: AlertView;
  session: Session;
  onDone: () => void;
}) {
  const { errors, message, fail, clear } = useApiErrors();
  const extend = async (event: Event) => {
    event.preventDefault();
    const hours = Number(new FormData(event.currentTarget as HTMLFormElement).get('hours'));
    try {
      await unwrap(
        api.POST('/alerts/{id}/extension', { params: { path: { id: alert.id } }, body: { hours } }),
      );
      clear();
      onDone();
    } catch (error) {
      fail(error);
    }
  };
  return (
    <section class="panel" aria-labelledby="extend-title">
      <h2 id="extend-title">{t('extendTitle')}</h2>
      {!isSupervisor(session) ? (
        <p class="why-not">{t('cannotExtend')}</p>
      ) : (
        <form onSubmit={extend}>
          <ErrorSummary message={message} />
          <Field name="hours" label={t('hours')} errors={errors}>
            {(attrs) => <input {...attrs} type="number" min={1} defaultValue="12" />}
          </Field>
          <button type="submit">{t('extend')}</button>
        </form>
      )}
    </section>
  );
}
