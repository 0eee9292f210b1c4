import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, unwrap } from '../api/client';
import { isSupervisor, type Session } from '../auth/session';
import { ErrorSummary, Field } from '../components/field';
import { t, tValue } from '../i18n';

interface DrillRecipientView {
  phone: string;
  language: string;
  addedBy?: string;
  addedAt?: string;
}

/** The drill group: the only phones exercises reach. Supervisors add phones; numbers come back masked. */
export function DrillGroup({ session }: { session: Session }) {
  const [items, setItems] = useState<DrillRecipientView[]>();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const supervisor = isSupervisor(session);

  const load = () =>
    unwrap<{ items: DrillRecipientView[] }>(api.GET('/drill-recipients'))
      .then((body) => setItems(body.items))
      .catch((e: unknown) => setMessage(String((e as Error).message)));
  useEffect(() => {
    if (supervisor) void load();
  }, [supervisor]);

  const add = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    try {
      await unwrap(
        api.POST('/drill-recipients', {
          body: {
            phone: String(data.get('phone') ?? ''),
            language: data.get('language') === 'en' ? 'en' : 'sq',
          },
        }),
      );
      setErrors({});
      setMessage(undefined);
      setNotice(t('added'));
      form.reset();
      await load();
    } catch (error) {
      setNotice(undefined);
      if (error instanceof ApiError) {
        setErrors(error.fields);
        setMessage(error.message);
      } else setMessage(String(error));
    }
  };

  return (
    <section>
      <h1>{t('drillTitle')}</h1>
      <p>{t('drillHint')}</p>
      {!supervisor ? (
        <p class="why-not">{t('drillOnlySupervisors')}</p>
      ) : (
        <>
          <ErrorSummary message={message} />
          {notice && <p role="status">{notice}</p>}
          <form onSubmit={add}>
            <Field name="phone" label={t('phone')} errors={errors}>
              {(attrs) => <input {...attrs} type="tel" autocomplete="off" required />}
            </Field>
            <Field name="language" label={t('language')} errors={errors}>
              {(attrs) => (
                <select {...attrs}>
                  <option value="sq">{tValue('languageName_', 'sq')}</option>
                  <option value="en">{tValue('languageName_', 'en')}</option>
                </select>
              )}
            </Field>
            <button type="submit">{t('add')}</button>
          </form>
          {items && items.length === 0 && <p>{t('drillEmpty')}</p>}
          {items && items.length > 0 && (
            <ul class="drill-list">
              {items.map((item) => (
                <li key={`${item.phone}-${item.addedAt ?? ''}`}>
                  {item.phone} · {tValue('languageName_', item.language)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
