import { t } from '@/utils/i18n';
import type { Service } from '@/utils/schema/playback';
import { SITES, serviceName } from '@/utils/sites';

export interface HistoryFilterValue {
  /** '' for every service. */
  service: Service | '';
  /** 'YYYY-MM-DD' local days, inclusive; '' leaves that end open. */
  fromDay: string;
  toDay: string;
}

export const NO_FILTER: HistoryFilterValue = { service: '', fromDay: '', toDay: '' };

export const isFiltered = (f: HistoryFilterValue) => f.service !== '' || f.fromDay !== '' || f.toDay !== '';

export interface HistoryFilterProps {
  value: HistoryFilterValue;
  onChange: (value: HistoryFilterValue) => void;
}

// From SITES rather than the zod enum, so the popup's first chunk does not carry zod.
const SERVICE_OPTIONS: readonly Service[] = [...SITES.map((s) => s.id), 'other'];
const isService = (v: string): v is Service => (SERVICE_OPTIONS as readonly string[]).includes(v);

/** Service and date range. Each change applies at once; the page reloads the first page. */
export function HistoryFilter({ value, onChange }: HistoryFilterProps) {
  const reversed = value.fromDay !== '' && value.toDay !== '' && value.fromDay > value.toDay;
  return (
    <fieldset class="filters" data-testid="history-filter">
      <legend class="sr-only">{t('filterLegend')}</legend>
      <label>
        {t('filterService')}
        <select
          data-testid="filter-service"
          value={value.service}
          onChange={(e) => {
            const v = e.currentTarget.value;
            onChange({ ...value, service: isService(v) ? v : '' });
          }}
        >
          <option value="">{t('filterAll')}</option>
          {SERVICE_OPTIONS.map((s) => (
            <option key={s} value={s}>
              {serviceName(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filterFrom')}
        <input
          type="date"
          data-testid="filter-from"
          value={value.fromDay}
          max={value.toDay || undefined}
          onChange={(e) => onChange({ ...value, fromDay: e.currentTarget.value })}
        />
      </label>
      <label>
        {t('filterTo')}
        <input
          type="date"
          data-testid="filter-to"
          value={value.toDay}
          min={value.fromDay || undefined}
          onChange={(e) => onChange({ ...value, toDay: e.currentTarget.value })}
        />
      </label>
      {isFiltered(value) && (
        <button type="button" class="link" data-testid="filter-clear" onClick={() => onChange(NO_FILTER)}>
          {t('filterClear')}
        </button>
      )}
      {reversed && (
        <p class="note warn" role="status">
          {t('filterReversed')}
        </p>
      )}
    </fieldset>
  );
}
