/**
 * National channels: the UK (Ofcom's broadband speeds code, in English), Germany (a letter in German
 * pointing to the regulator's certified Breitbandmessung campaign), France (text for Arcep's
 * "J'alerte l'Arcep" portal, in French), and a plain letter for anywhere else.
 */

import type { ComplaintFacts } from './facts';
import { type ComplaintTemplate, englishCore, ispOr, section } from './template-parts';
import { DE } from './text-de';
import { EN } from './text-en';
import { FR } from './text-fr';
import { capitalize } from './words';

/** Ofcom cut the wait before a complaint can go to ADR from eight weeks to six, from 8 April 2026. */
export const OFCOM_SIX_WEEK_ADR_FROM = '2026-04-08';
/** The wait that applies to a letter sent when this export was made. */
export const ofcomAdrWeeks = (x: ComplaintFacts): 'six' | 'eight' =>
  x.generatedAt.slice(0, 10) >= OFCOM_SIX_WEEK_ADR_FROM ? 'six' : 'eight';

export const ukIsp: ComplaintTemplate = {
  id: 'uk-isp',
  jurisdiction: 'UK',
  label: "United Kingdom — to your provider (Ofcom's broadband speeds code)",
  kind: 'email',
  lang: 'en',
  channels: (x) => [
    { label: `${ispOr(x, 'Your internet provider')}: customer service` },
    { label: 'Ofcom: Voluntary Code of Practice on Broadband Speeds', url: 'https://www.ofcom.org.uk' },
  ],
  draft: (x) => ({
    subject: `Broadband performance: ${EN.issue(x)} (${EN.days(x)}) — account ${EN.fill('ACCOUNT NUMBER')}`,
    body: [
      `Dear ${EN.isp(x)},`,
      `I am writing about my broadband (account ${EN.fill('ACCOUNT NUMBER')}, address ${EN.fill('SERVICE ADDRESS')}; plan ${EN.plan(x)}). When I took out the contract you gave me a minimum guaranteed download speed of ${EN.fill('MINIMUM GUARANTEED DOWNLOAD SPEED')}.`,
      englishCore(x),
      section(
        "Ofcom's broadband speeds code",
        `As a signatory of Ofcom's Voluntary Code of Practice on Broadband Speeds ${EN.fill('CHECK THAT YOUR PROVIDER HAS SIGNED THE CODE; IF NOT, DELETE THIS SENTENCE')}, you have agreed that if my speed falls below the minimum guaranteed speed and you cannot fix it within 30 days, I may leave my contract without penalty. Please treat this letter as my report of the problem, test my line (these are video measurements, not a line speed test), and tell me how you will fix it within 30 days. If the complaint is not resolved within ${ofcomAdrWeeks(x)} weeks, or you tell me you will do no more (a deadlock letter), I may take it to the alternative dispute resolution scheme you belong to (the Communications Ombudsman or CISAS).`,
      ),
      section('Evidence', EN.evidence(x)),
      `Yours sincerely,\n${EN.signature}`,
    ].join('\n\n'),
  }),
};

export const deIsp: ComplaintTemplate = {
  id: 'de-isp',
  jurisdiction: 'DE',
  label: 'Deutschland — an den Anbieter (mit Breitbandmessung)',
  kind: 'email',
  lang: 'de',
  channels: (x) => [
    { label: `Kundenservice von ${ispOr(x, 'Ihrem Anbieter')}` },
    {
      label: 'Breitbandmessung der Bundesnetzagentur (zertifizierte Messkampagne)',
      url: 'https://breitbandmessung.de',
    },
  ],
  draft: (x) => ({
    subject: `Qualität meines Internetanschlusses: ${DE.issue(x)} (${DE.days(x)}) – Kundennummer ${DE.fill('KUNDENNUMMER')}`,
    body: [
      'Sehr geehrte Damen und Herren,',
      `ich habe bei ${DE.isp(x)} einen Internetanschluss (Kundennummer ${DE.fill('KUNDENNUMMER')}, Anschlussadresse ${DE.fill('ANSCHLUSSADRESSE')}, Tarif ${DE.plan(x)}). Laut Vertragszusammenfassung sind im Download vereinbart: minimal ${DE.fill('MINIMALE GESCHWINDIGKEIT')}, normalerweise zur Verfügung stehend ${DE.fill('NORMALERWEISE ZUR VERFÜGUNG STEHENDE GESCHWINDIGKEIT')}, maximal ${DE.fill('MAXIMALE GESCHWINDIGKEIT')}.`,
      section('Was ich gemessen habe', DE.measured(x)),
      section('Was das nahelegt', DE.suggests(x)),
      section('Was es ebenfalls erklären könnte', DE.caveats(x)),
      section(
        'Nachweis mit der Breitbandmessung',
        `Diese Messungen im Browser sind keine Messung mit dem zertifizierten Messwerkzeug der Bundesnetzagentur. Den maßgeblichen Nachweis führe ich mit der Desktop-App der Breitbandmessung (breitbandmessung.de): eine Messkampagne aus 30 Messungen an 3 verschiedenen Kalendertagen (je 10, mit mindestens einem Kalendertag Abstand zwischen den Messtagen) innerhalb von höchstens 14 Kalendertagen, per LAN-Kabel. Ergebnis: ${DE.fill('ERGEBNIS DER MESSKAMPAGNE ODER „noch nicht durchgeführt“')}. Zeigt die Messkampagne eine erhebliche, kontinuierliche oder regelmäßig wiederkehrende Abweichung, kann ich nach § 57 Abs. 4 TKG das vertraglich vereinbarte Entgelt mindern oder den Vertrag ohne Einhaltung einer Kündigungsfrist kündigen.`,
      ),
      section(
        'Meine Bitte',
        `Bitte prüfen Sie meinen Anschluss und Ihr Netz zu diesen Zeiten, teilen Sie mir das Ergebnis mit und beheben Sie die Ursache. Frühere Vorgänge: ${DE.fill('TICKETNUMMERN ODER „keine“')}.`,
      ),
      section('Anlagen', DE.evidence(x)),
      `Mit freundlichen Grüßen\n${DE.signature}`,
    ].join('\n\n'),
  }),
};

export const frArcep: ComplaintTemplate = {
  id: 'fr-arcep',
  jurisdiction: 'FR',
  label: "France — signalement « J'alerte l'Arcep »",
  kind: 'form',
  lang: 'fr',
  channels: () => [
    { label: "J'alerte l'Arcep (plateforme de signalement)", url: 'https://jalerte.arcep.fr' },
  ],
  draft: (x) => ({
    subject: `Qualité de ma connexion internet chez ${FR.isp(x)} : ${FR.issue(x)} (${FR.days(x)})`,
    body: [
      'Bonjour,',
      `Je signale des problèmes de qualité de ma connexion internet chez ${FR.isp(x)} (offre ${FR.plan(x)}, référence client ${FR.fill('RÉFÉRENCE CLIENT')}).`,
      section("Ce que j'ai mesuré", FR.measured(x)),
      section('Ce que cela suggère', FR.suggests(x)),
      section('Ce qui pourrait aussi l’expliquer', FR.caveats(x)),
      section(
        'Démarches',
        `J'ai contacté ${FR.isp(x)} le ${FR.fill('DATE ET NUMÉRO DE TICKET')} ; réponse : ${FR.fill('SA RÉPONSE, OU « aucune »')}. Je sais que l'Arcep ne traite pas les litiges individuels ; ce signalement vise à l'informer. Le règlement (UE) 2015/2120 demande aux fournisseurs de traiter tout le trafic de façon égale (article 3, paragraphe 3) et d'indiquer au contrat les débits minimal, normalement disponible et maximal (article 4).`,
      ),
      section('Preuves', FR.evidence(x)),
      `Cordialement,\n${FR.signature}`,
    ].join('\n\n'),
  }),
};

export const generic: ComplaintTemplate = {
  id: 'generic',
  jurisdiction: 'generic',
  label: 'Any country — plain letter',
  kind: 'email',
  lang: 'en',
  channels: (x) => [{ label: `${ispOr(x, 'Your internet provider')}, or the regulator in your country` }],
  draft: (x) => ({
    subject: `${capitalize(EN.issue(x))} on my internet connection (${EN.days(x)})`,
    body: [
      `To ${EN.fill('RECIPIENT: YOUR PROVIDER OR REGULATOR')},`,
      `I am writing about my internet service from ${EN.isp(x)} (account ${EN.fill('ACCOUNT NUMBER')}; plan ${EN.plan(x)}).`,
      englishCore(x),
      section(
        'What I ask',
        `Please look into these figures, tell me what you find, and tell me how the problem will be fixed. Earlier contacts about this: ${EN.fill('EARLIER TICKET NUMBERS, OR "none"')}.`,
      ),
      section('Evidence', EN.evidence(x)),
      `Regards,\n${EN.signature}`,
    ].join('\n\n'),
  }),
};
