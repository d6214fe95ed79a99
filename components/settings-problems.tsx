import { type MessageKey, t } from '@/utils/i18n';
import type { SettingsField, SettingsProblem } from '@/utils/settings/schema';

// One sentence per field: the languages inflect the sentence around the field's name.
const INVALID: Record<SettingsField, MessageKey> = {
  isp: 'settingsBadIsp',
  planDownKbps: 'settingsBadPlan',
  country: 'settingsBadCountry',
  sampleRetentionDays: 'settingsBadRetention',
  badgeMode: 'settingsBadBadge',
};

/** What could not be used of the stored settings, in the UI language. */
export function problemText(p: SettingsProblem): string {
  switch (p.code) {
    case 'not-object':
      return t('settingsNotObject');
    case 'unknown-version':
      return t('settingsUnknownVersion', p.stored);
    case 'newer':
      return t('settingsNewer');
    case 'unreadable':
      return t('settingsUnreadable', p.reason);
    case 'invalid-field':
      return t(INVALID[p.field], p.value);
  }
}

/** The stored settings the page could not use, and what saving will do about them. */
export function SettingsProblems({ problems }: { problems: SettingsProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div class="note" role="alert" data-testid="settings-problems">
      <p>{t('optProblemsIntro')}</p>
      <ul>
        {problems.map((p) => {
          const text = problemText(p);
          return <li key={text}>{text}</li>;
        })}
      </ul>
      <p>{t('optProblemsOutro')}</p>
    </div>
  );
}
