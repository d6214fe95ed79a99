/**
 * European Union: the ISP and the national regulator, on Regulation (EU) 2015/2120 — Art. 4(1) contract
 * speeds, Art. 4(4) non-conformity shown by a certified mechanism (which these measurements are not, and
 * the text says so), Art. 3(3) equal treatment of traffic.
 */

import type { ComplaintFacts } from './facts';
import {
  type ComplaintTemplate,
  countryOf,
  EU_REGULATORS,
  englishCore,
  ispOr,
  regulatorOf,
  section,
} from './template-parts';
import { EN } from './text-en';

function euArticles(x: ComplaintFacts): string {
  return `Article 4(4) of Regulation (EU) 2015/2120 treats a significant discrepancy, continuous or regularly recurring, between the actual performance of the service and the performance in the contract as non-conformity, where the facts are established by a monitoring mechanism certified by the national regulatory authority. These browser measurements are not such a certified measurement; a certified measurement, if available in my country: ${EN.fill('RESULT OF A CERTIFIED MEASUREMENT, OR "not yet made"')}.\nArticle 3(3) requires providers to treat all traffic equally, allowing only reasonable traffic management. If traffic to ${EN.services(x)} is handled differently from other traffic, please explain how and why.`;
}

const euSpeeds = (x: ComplaintFacts) =>
  `Under Article 4(1) of Regulation (EU) 2015/2120 my contract states these download speeds: minimum ${EN.fill('MINIMUM SPEED')}, normally available ${EN.fill('NORMALLY AVAILABLE SPEED')}, maximum ${EN.fill('MAXIMUM SPEED')}, advertised ${EN.plan(x)}.`;

export const euIsp: ComplaintTemplate = {
  id: 'eu-isp',
  jurisdiction: 'EU',
  label: 'European Union — to your internet provider (Regulation 2015/2120)',
  kind: 'email',
  lang: 'en',
  channels: (x) => [
    {
      label: `${ispOr(x, 'Your internet provider')}: customer service (keep a copy: the regulator will ask for it)`,
    },
  ],
  draft: (x) => ({
    subject: `Internet service performance (Regulation (EU) 2015/2120): ${EN.issue(x)} — customer ${EN.fill('CUSTOMER NUMBER')}`,
    body: [
      `Dear ${EN.isp(x)},`,
      `I am your customer (number ${EN.fill('CUSTOMER NUMBER')}, connection address ${EN.fill('CONNECTION ADDRESS')}). ${euSpeeds(x)}`,
      englishCore(x),
      section('How this relates to my contract', euArticles(x)),
      section(
        'What I ask',
        `Please check my connection, tell me what you find and fix the cause. Where the service does not conform to the contract, I ask for the remedy it and national law provide: ${EN.fill('THE REMEDY YOU WANT, e.g. a price reduction or leaving the contract')}. Earlier tickets: ${EN.fill('EARLIER TICKET NUMBERS, OR "none"')}.`,
      ),
      section('Evidence', EN.evidence(x)),
      `Kind regards,\n${EN.signature}`,
    ].join('\n\n'),
  }),
};

export const euRegulator: ComplaintTemplate = {
  id: 'eu-regulator',
  jurisdiction: 'EU',
  label: 'European Union — national regulator',
  kind: 'form',
  lang: 'en',
  channels: (x) => [
    {
      label: `${EU_REGULATORS[countryOf(x).slice(0, 2)] ?? 'Your national regulatory authority'} (national regulator)`,
    },
  ],
  draft: (x) => ({
    subject: `Report about my internet provider ${EN.isp(x)}: service performance (Regulation (EU) 2015/2120)`,
    body: [
      `To ${regulatorOf(x)},`,
      `I wish to report the internet service I receive from ${EN.isp(x)} (customer number ${EN.fill('CUSTOMER NUMBER')}). ${euSpeeds(x)} I raised the problem with the provider on ${EN.fill('DATE AND TICKET NUMBER')}; their answer: ${EN.fill('THEIR RESPONSE, OR "no response"')}.`,
      englishCore(x),
      section('Legal context', euArticles(x)),
      section(
        'What I ask',
        'Please take note of this report and, as far as your role allows, ask the provider to explain the performance at these times and any traffic management affecting this service.',
      ),
      section('Evidence', EN.evidence(x)),
      EN.signature,
    ].join('\n\n'),
  }),
};
