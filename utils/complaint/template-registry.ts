/** The registry of complaint templates, and which one a country starts with. */

import type { ComplaintTemplate, TemplateId } from './template-parts';
import { euIsp, euRegulator } from './templates-eu';
import { deIsp, frArcep, generic, ukIsp } from './templates-national';
import { usFcc, usIsp, usStateAg } from './templates-us';

export { type Channel, type ComplaintTemplate, TEMPLATE_IDS, type TemplateId } from './template-parts';

export const TEMPLATES: Readonly<Record<TemplateId, ComplaintTemplate>> = {
  'us-isp': usIsp,
  'us-fcc': usFcc,
  'us-state-ag': usStateAg,
  'eu-isp': euIsp,
  'eu-regulator': euRegulator,
  'uk-isp': ukIsp,
  'de-isp': deIsp,
  'fr-arcep': frArcep,
  generic,
};

const EU_EEA = new Set(
  'AT BE BG CY CZ DK EE ES FI GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO'.split(' '),
);

/** The template a user in `country` (ISO 3166, 'US-CA' style allowed) most likely wants first. */
export function defaultTemplateFor(country: string | undefined | null): TemplateId {
  const c = (country ?? '').toUpperCase();
  const cc = c.slice(0, 2);
  if (cc === 'US') return 'us-isp';
  if (cc === 'GB' || cc === 'UK') return 'uk-isp';
  if (cc === 'DE') return 'de-isp';
  if (cc === 'FR') return 'fr-arcep';
  if (EU_EEA.has(cc)) return 'eu-isp';
  return 'generic';
}
