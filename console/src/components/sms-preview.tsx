import type { SmsPreview } from '../api/types';
import { t, tValue } from '../i18n';

/** The SMS as a phone shows it, per language, with encoding and segment count. */
export function SmsPreviews({ sms }: { sms: Record<string, SmsPreview> }) {
  return (
    <div class="sms-list">
      {Object.entries(sms).map(([language, text]) => (
        <figure class="sms" key={language} data-language={language}>
          <figcaption>{t('smsIn', { language: tValue('languageName_', language) })}</figcaption>
          <p class="sms-body" lang={language}>
            {text.body}
          </p>
          <p class="sms-meta">
            {t('encoding', { encoding: text.encoding })} · {t('segments', { segments: text.segments })}
          </p>
        </figure>
      ))}
    </div>
  );
}
