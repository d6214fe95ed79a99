/** The report's summary: its totals are the chosen sessions', and the by-service table says which rows are comparisons. */
import { describe, expect, it } from 'vitest';
import { SummaryView } from '@/components/evidence/summary-view';
import { totalsByService, totalsOf } from '@/utils/evidence/totals';
import { buildFixture } from '../evidence/fixtures';
import { mount } from './fixtures';

describe('SummaryView', () => {
  it('marks the services present only for comparison, and no other', async () => {
    const file = await buildFixture(); // Netflix chosen, YouTube at the same times
    const subjects = file.sessions.filter((s) => s.role === 'subject');
    const el = mount(
      <SummaryView
        totals={totalsOf(subjects)}
        byService={totalsByService(file.sessions)}
        comparisons={new Set(['youtube'])}
        subscriber={file.subscriber}
      />,
    );
    const rows = [...el.querySelectorAll('tbody tr')].map((r) => r.querySelector('td')?.textContent);
    expect(rows).toEqual(['Netflix', 'YouTube (comparison)']);
    expect(el.querySelector('[data-testid="sum-stalls"]')?.textContent).toMatch(/^6,/);
  });
});
