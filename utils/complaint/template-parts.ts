/**
 * What a complaint template is, and the pieces the English letters share. Each template is a function of
 * the facts, so nothing is left as a placeholder except the deliberate fill-in markers for what only the
 * user knows (account number, contract speeds, earlier tickets).
 */

import type { ComplaintFacts } from './facts';
import { type Blocks, EN } from './text-en';

export const TEMPLATE_IDS = [
  'us-isp',
  'us-fcc',
  'us-state-ag',
  'eu-isp',
  'eu-regulator',
  'uk-isp',
  'de-isp',
  'fr-arcep',
  'generic',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface Channel {
  label: string;
  url?: string;
}

export interface ComplaintTemplate {
  id: TemplateId;
  jurisdiction: 'US' | 'EU' | 'UK' | 'DE' | 'FR' | 'generic';
  label: string;
  /** 'email': a letter to send; 'form': text to paste into the recipient's web form. */
  kind: 'email' | 'form';
  lang: Blocks['lang'];
  channels: (x: ComplaintFacts) => Channel[];
  draft: (x: ComplaintFacts) => { subject: string; body: string };
}

/** National regulators of EU/EEA states, where we are sure of the name; others get a fill-in marker. */
export const EU_REGULATORS: Readonly<Record<string, string>> = {
  AT: 'RTR (Rundfunk und Telekom Regulierungs-GmbH)',
  BE: 'BIPT',
  CZ: 'ČTÚ',
  DE: 'Bundesnetzagentur',
  FI: 'Traficom',
  FR: 'Arcep',
  GR: 'EETT',
  IE: 'ComReg',
  IT: 'AGCOM',
  LU: 'ILR',
  NL: 'ACM (Autoriteit Consument & Markt)',
  PL: 'UKE',
  PT: 'ANACOM',
  RO: 'ANCOM',
  SE: 'PTS',
};

export const section = (title: string, text: string) => `${title}\n${text}`;
export const countryOf = (x: ComplaintFacts) => (x.country ?? '').toUpperCase();
export const isCalifornia = (x: ComplaintFacts) => countryOf(x) === 'US-CA';
export const regulatorOf = (x: ComplaintFacts) =>
  EU_REGULATORS[countryOf(x).slice(0, 2)] ?? EN.fill('NATIONAL REGULATOR');

/** What I measured / What this suggests / What else could explain it — in every English letter. */
export function englishCore(x: ComplaintFacts): string {
  return [
    section('What I measured', EN.measured(x)),
    section('What this suggests', EN.suggests(x)),
    section('What else could explain it', EN.caveats(x)),
  ].join('\n\n');
}

/** For channel labels, which are UI text and never carry fill-in markers. */
export const ispOr = (x: ComplaintFacts, fallback: string) => x.isp ?? fallback;
export const account = (x: ComplaintFacts) =>
  `${EN.isp(x)}, account ${EN.fill('ACCOUNT NUMBER')}, service address ${EN.fill('SERVICE ADDRESS')}`;
