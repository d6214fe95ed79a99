import { type MessageKey, t } from '@/utils/i18n';
import {
  type FormError,
  type FormErrors,
  MAX_ISP_LENGTH,
  MAX_RETENTION_DAYS,
  type SettingsForm,
} from '@/utils/settings/schema';

export type { FormErrors };

export interface OptionsFormProps {
  value: SettingsForm;
  errors: FormErrors;
  /** The complaint template the country starts the drafts with, in words. */
  templateLabel: string;
  onChange: (key: keyof SettingsForm, value: string) => void;
  onSave: () => void;
  /** What the last save did ("Saved." or why not). */
  status: string | null;
}

/** Why a field was refused, in the UI language (numbers the way it writes them). */
export function formErrorText(error: FormError): string {
  switch (error) {
    case 'too-long':
      return t('optErrIsp', MAX_ISP_LENGTH);
    case 'not-a-speed':
      return t('optErrPlan', 100, 0.5);
    case 'not-a-country':
      return t('optErrCountry');
    case 'not-days':
      return t('optErrDays', 1, MAX_RETENTION_DAYS);
    case 'not-a-choice':
      return t('optErrBadge');
  }
}

/** The user's statements about their line, and how the extension keeps and shows its numbers. */
export function OptionsForm({ value, errors, templateLabel, onChange, onSave, status }: OptionsFormProps) {
  const field = (key: keyof SettingsForm, label: MessageKey, hint: string, input: preact.JSX.Element) => {
    const error = errors[key];
    return (
      <p class="field">
        <label for={`opt-${key}`}>{t(label)}</label>
        {input}
        <span class="muted small" id={`opt-${key}-hint`}>
          {hint}
        </span>
        {error && (
          <span class="error small" role="alert" data-testid={`error-${key}`}>
            {formErrorText(error)}
          </span>
        )}
      </p>
    );
  };
  const text = (key: keyof SettingsForm, extra: Record<string, string> = {}) => (
    <input
      id={`opt-${key}`}
      data-testid={`opt-${key}`}
      value={value[key]}
      aria-describedby={`opt-${key}-hint`}
      aria-invalid={errors[key] ? 'true' : undefined}
      onInput={(e) => onChange(key, (e.target as HTMLInputElement).value)}
      {...extra}
    />
  );
  return (
    <form
      data-testid="options-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <fieldset>
        <legend>{t('optLineLegend')}</legend>
        {field('isp', 'optIsp', t('optIspHint'), text('isp'))}
        {field('planMbps', 'optPlan', t('optPlanHint', 100), text('planMbps', { inputMode: 'decimal' }))}
        {field(
          'country',
          'optCountry',
          t('optCountryHint', templateLabel),
          text('country', { maxLength: '6', autoComplete: 'country' }),
        )}
      </fieldset>
      <fieldset>
        <legend>{t('optRecordingLegend')}</legend>
        {field(
          'sampleRetentionDays',
          'optRetention',
          t('optRetentionHint'),
          text('sampleRetentionDays', { inputMode: 'numeric' }),
        )}
        {field(
          'badgeMode',
          'optBadge',
          t('optBadgeHint'),
          <select
            id="opt-badgeMode"
            data-testid="opt-badgeMode"
            value={value.badgeMode}
            aria-describedby="opt-badgeMode-hint"
            onChange={(e) => onChange('badgeMode', (e.target as HTMLSelectElement).value)}
          >
            <option value="resolution">{t('optBadgeResolution')}</option>
            <option value="off">{t('optBadgeOff')}</option>
          </select>,
        )}
      </fieldset>
      <button type="submit" class="primary" data-testid="save-settings">
        {t('optSave')}
      </button>
      {status && (
        <span class="small" role="status" data-testid="save-status">
          {' '}
          {status}
        </span>
      )}
    </form>
  );
}
