import { t } from '../i18n';

/** The mode in colour and in words, on every row and page: an exercise must never pass for a live alert. */
export function ModeBadge({ mode }: { mode: 'LIVE' | 'EXERCISE' }) {
  return (
    <span class={`mode mode-${mode.toLowerCase()}`} data-mode={mode}>
      {mode === 'EXERCISE' ? t('modeExercise') : t('modeLive')}
    </span>
  );
}

export function ModeBanner({ mode }: { mode: 'LIVE' | 'EXERCISE' }) {
  return (
    <p class={`mode-banner mode-${mode.toLowerCase()}`} data-mode={mode}>
      {mode === 'EXERCISE' ? t('modeExercise') : t('modeLive')}
    </p>
  );
}
