import { useState } from 'preact/hooks';
import { ApiError, api, unwrap } from '../api/client';
import type { Alert, AlertPreview } from '../api/types';
import { ErrorSummary, Field } from '../components/field';
import { ModeBanner } from '../components/mode-badge';
import { SmsPreviews } from '../components/sms-preview';
import { country, countyName } from '../country';
import { t } from '../i18n';
import { go } from '../router';
import { type FormValues, toSubmission } from './submission-form';

type Step = { name: 'edit' } | { name: 'review'; preview: AlertPreview };

/**
 * Every field of the submission, then a review of the SMS exactly as phones will get it (POST
 * /alerts/preview, nothing stored), and only then the submission.
 */
export function NewAlert() {
  const [values, setValues] = useState<FormValues>({
    mode: 'LIVE',
    durationHours: '24',
    'lastSeen.county': 'AL-11',
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string>();
  const [step, setStep] = useState<Step>({ name: 'edit' });
  const [busy, setBusy] = useState(false);

  const fail = (error: unknown) => {
    if (error instanceof ApiError) {
      setErrors(error.fields);
      setMessage(Object.keys(error.fields).length > 0 ? t('formHasErrors') : error.message);
    } else setMessage(t('errorGeneric', { message: String(error) }));
    setStep({ name: 'edit' });
  };

  const review = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const next = readForm(form);
    setValues(next);
    setBusy(true);
    try {
      const preview = await unwrap<AlertPreview>(api.POST('/alerts/preview', { body: toSubmission(next) }));
      setErrors({});
      setMessage(undefined);
      setStep({ name: 'review', preview });
      window.scrollTo(0, 0);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    setBusy(true);
    try {
      const alert = await unwrap<Alert>(api.POST('/alerts', { body: toSubmission(values) }));
      go(`#/alerts/${alert.id}`);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  if (step.name === 'review') {
    return (
      <section>
        <h1>{t('reviewTitle')}</h1>
        <ModeBanner mode={step.preview.mode} />
        <p>{t('reviewHint')}</p>
        <p>
          {t('sectionCounties')}: {step.preview.counties.map(countyName).join(', ')}
        </p>
        <SmsPreviews sms={step.preview.sms} />
        <div class="actions">
          <button type="button" onClick={() => setStep({ name: 'edit' })}>
            {t('backToEdit')}
          </button>
          <button type="button" class="primary" onClick={submit} disabled={busy}>
            {t('submit')}
          </button>
        </div>
      </section>
    );
  }

  const text = (
    name: string,
    label: string,
    opts: { required?: boolean; type?: string; hint?: string } = {},
  ) => (
    <Field
      name={name}
      label={opts.required ? label : `${label} ${t('optional')}`}
      errors={errors}
      hint={opts.hint}
    >
      {(attrs) => (
        <input
          {...attrs}
          type={opts.type ?? 'text'}
          value={values[name] ?? ''}
          required={opts.required}
          autocomplete="off"
        />
      )}
    </Field>
  );
  const checked = (name: string) => values[name] === 'on';
  const countyErrors = errors.counties ?? [];

  return (
    <section>
      <h1>{t('newAlertTitle')}</h1>
      <ModeBanner mode={values.mode === 'EXERCISE' ? 'EXERCISE' : 'LIVE'} />
      <ErrorSummary message={message} />
      <form
        onSubmit={review}
        onChange={(e) => setValues(readForm(e.currentTarget as HTMLFormElement))}
        noValidate
      >
        <fieldset>
          <legend>{t('sectionCase')}</legend>
          {text('caseNumber', t('caseNumber'), { required: true })}
          <fieldset class="inline">
            <legend>{t('mode')}</legend>
            {(['LIVE', 'EXERCISE'] as const).map((mode) => (
              <label key={mode} class="choice">
                <input type="radio" name="mode" value={mode} checked={values.mode === mode} />{' '}
                {mode === 'LIVE' ? t('modeLive') : t('modeExercise')}
              </label>
            ))}
          </fieldset>
        </fieldset>
        <fieldset>
          <legend>{t('sectionChild')}</legend>
          {text('child.name', t('childName'), { required: true })}
          {text('child.age', t('childAge'), { required: true, type: 'number' })}
          <Field name="child.description" label={t('childDescription')} errors={errors}>
            {(attrs) => <textarea {...attrs} rows={3} required value={values['child.description'] ?? ''} />}
          </Field>
          {text('child.photoUrl', t('photoUrl'), { type: 'url' })}
        </fieldset>
        <fieldset>
          <legend>{t('sectionSuspect')}</legend>
          {text('suspect.name', t('suspectName'))}
          {text('suspect.description', t('suspectDescription'))}
        </fieldset>
        <fieldset>
          <legend>{t('sectionVehicle')}</legend>
          {text('vehicle.plate', t('plate'))}
          {text('vehicle.make', t('make'))}
          {text('vehicle.model', t('model'))}
          {text('vehicle.color', t('color'))}
        </fieldset>
        <fieldset>
          <legend>{t('sectionLastSeen')}</legend>
          {text('lastSeen.place', t('place'), { required: true })}
          <Field name="lastSeen.county" label={t('county')} errors={errors}>
            {(attrs) => (
              <select {...attrs} value={values['lastSeen.county'] ?? ''}>
                {country.regions.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('lastSeen.at', t('at'), { required: true, type: 'datetime-local' })}
        </fieldset>
        <fieldset aria-describedby={countyErrors.length > 0 ? 'counties-error' : undefined}>
          <legend>{t('sectionCounties')}</legend>
          {countyErrors.length > 0 && (
            <p class="error" id="counties-error" data-field="counties">
              {countyErrors.join('; ')}
            </p>
          )}
          <div class="counties">
            {country.regions.map((r) => (
              <label key={r.code} class="choice">
                <input
                  type="checkbox"
                  name="counties"
                  value={r.code}
                  checked={values.counties?.split(',').includes(r.code)}
                />{' '}
                {countyName(r.code)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('sectionCriteria')}</legend>
          <p class="hint">{t('criteriaHint')}</p>
          {(['abductionBelieved', 'imminentDanger'] as const).map((criterion) => {
            const name = `criteria.${criterion}`;
            const criterionErrors = errors[name] ?? [];
            return (
              <div class="criterion" key={criterion}>
                <label class="choice">
                  <input
                    type="checkbox"
                    name={name}
                    checked={checked(name)}
                    aria-describedby={`${criterion}-help${criterionErrors.length > 0 ? ` ${criterion}-error` : ''}`}
                  />{' '}
                  {t(criterion)}
                </label>
                <p class="hint" id={`${criterion}-help`}>
                  {t(`${criterion}Help`)}
                </p>
                {criterionErrors.length > 0 && (
                  <p class="error" id={`${criterion}-error`} data-field={name}>
                    {criterionErrors.join('; ')}
                  </p>
                )}
              </div>
            );
          })}
        </fieldset>
        {text('durationHours', t('durationHours'), { required: true, type: 'number' })}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('toReview')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Every control's value by name; checkboxes "on", the counties joined by commas. */
function readForm(form: HTMLFormElement): FormValues {
  const data = new FormData(form);
  const values: FormValues = {};
  for (const [name, value] of data.entries()) {
    if (name === 'counties') continue;
    values[name] = String(value);
  }
  values.counties = data.getAll('counties').map(String).join(',');
  return values;
}
