/**
 * United States: the ISP, an FCC informal complaint, and the state attorney general. The texts rest on
 * advertised and Broadband Facts label speeds and on state law (California SB-822), never on federal
 * net-neutrality rules, which the Sixth Circuit set aside in January 2025.
 */

import type { ComplaintFacts } from './facts';
import { account, type ComplaintTemplate, englishCore, isCalifornia, ispOr, section } from './template-parts';
import { EN } from './text-en';
import { capitalize } from './words';

export const usIsp: ComplaintTemplate = {
  id: 'us-isp',
  jurisdiction: 'US',
  label: 'United States — to your internet provider',
  kind: 'email',
  lang: 'en',
  channels: (x) => [
    { label: `${ispOr(x, 'Your internet provider')}: customer support (email or support form)` },
  ],
  draft: (x) => ({
    subject: `${capitalize(EN.issue(x))} on my internet service (${EN.days(x)}) — account ${EN.fill('ACCOUNT NUMBER')}`,
    body: [
      `Dear ${EN.isp(x)} customer support,`,
      `I am writing about the performance of my internet service (account ${EN.fill('ACCOUNT NUMBER')}, service address ${EN.fill('SERVICE ADDRESS')}). My plan is ${EN.plan(x)}; the typical download speed on its Broadband Facts label is ${EN.fill('TYPICAL DOWNLOAD SPEED FROM THE BROADBAND FACTS LABEL')}.`,
      englishCore(x),
      section(
        'What I ask',
        `Please check my line and your network for these times, tell me what you find, and fix the cause. If my service cannot deliver the speeds you advertised and show on the label, please tell me what credit or plan change you offer. Earlier tickets about this: ${EN.fill('EARLIER TICKET NUMBERS, OR "none"')}.`,
      ),
      section('Evidence', EN.evidence(x)),
      `Regards,\n${EN.signature}`,
    ].join('\n\n'),
  }),
};

export const usFcc: ComplaintTemplate = {
  id: 'us-fcc',
  jurisdiction: 'US',
  label: 'United States — FCC informal complaint',
  kind: 'form',
  lang: 'en',
  channels: () => [
    {
      label: 'FCC Consumer Complaint Center (choose “Internet”)',
      url: 'https://consumercomplaints.fcc.gov',
    },
  ],
  draft: (x) => ({
    subject: `Internet service from ${EN.isp(x)}: ${EN.issue(x)}, ${EN.days(x)}`,
    body: [
      `This is an informal complaint about my internet service provider (${account(x)}).`,
      `My plan is ${EN.plan(x)}. Its Broadband Facts label gives a typical download speed of ${EN.fill('TYPICAL DOWNLOAD SPEED FROM THE LABEL')}; I saved a copy of the label on ${EN.fill('DATE YOU SAVED THE LABEL')}. I contacted the provider on ${EN.fill('DATES AND TICKET NUMBERS')}; their answer: ${EN.fill('THEIR RESPONSE, OR "no response"')}.`,
      englishCore(x),
      section(
        'What I ask',
        'Please forward this complaint to the provider and ask for a response that explains the performance at these times and how it compares with the speeds advertised for my plan and shown on its Broadband Facts label.',
      ),
      section('Evidence', EN.evidence(x)),
      EN.signature,
    ].join('\n\n'),
  }),
};

function stateLaw(x: ComplaintFacts): string {
  if (isCalifornia(x)) {
    return "California's Internet Consumer Protection and Net Neutrality Act of 2018 (SB-822, Civil Code § 3100 and following) prohibits internet providers from impairing or degrading lawful traffic on the basis of the content, application or service it belongs to (§ 3101), and it remains in force (ACA Connects v. Bonta, 9th Cir. 2022). I do not know the cause of what I measured; I ask you to consider whether it involves that kind of degradation.";
  }
  return `${EN.fill('THE STATE LAW THAT APPLIES, e.g. a state net neutrality or consumer protection law')} protects consumers in my state. I do not know the cause of what I measured; I ask you to consider whether it falls under that law, and whether the service matches what was advertised to me.`;
}

export const usStateAg: ComplaintTemplate = {
  id: 'us-state-ag',
  jurisdiction: 'US',
  label: 'United States — state attorney general (e.g. California SB-822)',
  kind: 'form',
  lang: 'en',
  channels: (x) =>
    isCalifornia(x)
      ? [{ label: 'California Attorney General — consumer complaints', url: 'https://oag.ca.gov/consumers' }]
      : [{ label: "Your state attorney general's consumer complaint form" }],
  draft: (x) => ({
    subject: `Consumer complaint about my internet provider: ${EN.issue(x)} on ${EN.services(x)} (${EN.days(x)})`,
    body: [
      `To the Office of the Attorney General of ${isCalifornia(x) ? 'California' : EN.fill('YOUR STATE')},`,
      `I get internet service from my provider (${account(x)}; plan ${EN.plan(x)}, typical download speed on its Broadband Facts label ${EN.fill('TYPICAL DOWNLOAD SPEED FROM THE LABEL')}), and I ask you to look into the service I receive.`,
      stateLaw(x),
      englishCore(x),
      section(
        'What I ask',
        `Please review this complaint and, where it falls within your authority, ask the provider to explain the performance at these times. I raised it with the provider on ${EN.fill('DATES AND TICKET NUMBERS')}.`,
      ),
      section('Evidence', EN.evidence(x)),
      EN.signature,
    ].join('\n\n'),
  }),
};
