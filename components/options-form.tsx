import type { SettingsForm } from '@/utils/settings/schema';

export type FormErrors = Partial<Record<keyof SettingsForm, string>>;

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

/** The user's statements about their line, and how the extension keeps and shows its numbers. */
export function OptionsForm({ value, errors, templateLabel, onChange, onSave, status }: OptionsFormProps) {
  const field = (key: keyof SettingsForm, label: string, hint: string, input: preact.JSX.Element) => (
    <p class="field">
      <label for={`opt-${key}`}>{label}</label>
      {input}
      <span class="muted small" id={`opt-${key}-hint`}>
        {hint}
      </span>
      {errors[key] && (
        <span class="error small" role="alert" data-testid={`error-${key}`}>
          {errors[key]}
        </span>
      )}
    </p>
  );
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
        <legend>Your internet line (goes into evidence files and complaint drafts)</legend>
        {field(
          'isp',
          'Internet provider',
          'As on your bill. Leave empty if you prefer not to say.',
          text('isp'),
        )}
        {field(
          'planMbps',
          'Plan download speed (Mbps)',
          'The advertised or label speed, e.g. 100.',
          text('planMbps', { inputMode: 'decimal' }),
        )}
        {field(
          'country',
          'Country or region',
          `Two letters (US, GB, DE, FR…), or with a region (US-CA). Complaint drafts start with: ${templateLabel}.`,
          text('country', { maxLength: '6', autoComplete: 'country' }),
        )}
      </fieldset>
      <fieldset>
        <legend>Recording</legend>
        {field(
          'sampleRetentionDays',
          'Keep raw samples for (days)',
          'Older per-second samples are removed once a day; session summaries and stalls stay until you delete them.',
          text('sampleRetentionDays', { inputMode: 'numeric' }),
        )}
        {field(
          'badgeMode',
          'Toolbar badge',
          'The popup shows everything either way.',
          <select
            id="opt-badgeMode"
            data-testid="opt-badgeMode"
            value={value.badgeMode}
            aria-describedby="opt-badgeMode-hint"
            onChange={(e) => onChange('badgeMode', (e.target as HTMLSelectElement).value)}
          >
            <option value="resolution">Resolution and health (e.g. 1080, 720!, WAIT)</option>
            <option value="off">Off (no badge)</option>
          </select>,
        )}
      </fieldset>
      <button type="submit" class="primary" data-testid="save-settings">
        Save settings
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
