/** Blocs de texte en français : les mêmes faits et réserves que les blocs anglais, dans le même ordre. */

import type { ComplaintFacts } from './facts';
import type { ServiceFacts } from './roles';
import type { Blocks } from './text-en';
import { verdictText } from './verdicts';
import { bullet, byPhrase, dayRange, fillIn, issueOf, numbers, sessionSpan, span, stallTimes } from './words';

const fill = (label: string) => fillIn('fr', label);
const n = numbers('fr-FR', 'non mesuré');

const CONFOUNDERS_FR: Record<ComplaintFacts['confounders'][number]['code'], string> = {
  'dropped-frames': "l'appareil a perdu beaucoup d'images (une limite de l'appareil, pas du réseau)",
  'decoder-stalls':
    'certaines coupures sont survenues avec de la vidéo déjà en mémoire (appareil ou décodeur)',
  'hidden-tab':
    "l'onglet était en arrière-plan une partie du temps, où les lecteurs peuvent baisser la qualité",
  'small-player':
    'la fenêtre du lecteur était petite ; les lecteurs choisissent alors souvent une résolution plus basse',
  upscaled: 'l’image était étirée bien au-delà de sa taille d’origine par la fenêtre du lecteur',
  wireless: 'l’appareil était en Wi-Fi ou en données mobiles, dont le débit varie avec la radio',
  preview: 'un aperçu lancé automatiquement, pas une lecture choisie',
  'playback-rate': 'une lecture à une vitesse autre que 1×',
  'short-session': 'une lecture très courte, aux chiffres peu fiables',
  'timing-hidden':
    'certains serveurs masquaient les temps de téléchargement ; le débit ne couvre qu’une partie du trafic',
  'no-bitrate': "aucune estimation du débit vidéo n'était disponible",
  'raw-samples-pruned':
    'les mesures seconde par seconde les plus anciennes ont été supprimées (les totaux restent)',
};

const stallsFr = (count: number, ms: number) =>
  count === 0 ? 'aucune coupure' : `${n.count(count, 'coupure', 'coupures')}, ${n.dur(ms)} au total`;

function comparisonFr(x: ComplaintFacts): string {
  const margin = x.comparisonMarginMin;
  switch (x.comparisonNote) {
    case 'omitted':
      return '';
    case 'none':
      return `Aucun autre service vidéo n'a été lu dans les ${margin} minutes autour de ces lectures : pas de comparaison aux mêmes heures.`;
    case 'only-subjects':
      return `Aucun service vidéo autre que ${n.list(x.subject.serviceNames)} n'a été lu dans les ${margin} minutes autour de ces lectures.`;
    case 'listed':
      return `Autres services, même connexion et même navigateur, dans les ${margin} minutes autour de ces lectures :\n${bullet(
        x.comparison.map(
          ({ serviceName, totals: c }) =>
            `${serviceName} : ${n.count(c.sessions, 'lecture', 'lectures')}, ${stallsFr(c.stallCount, c.stallMs)}${c.stallCount > 0 ? ` (${n.pct(c.rebufferFraction)})` : ''} ; débit ${n.kbps(c.meanBitrateKbps)} ; ${n.pct(c.share720)} en 720p ou mieux`,
        ),
      )}`;
  }
}

function measured(x: ComplaintFacts): string {
  const t = x.subject;
  const stalls =
    t.stallCount === 0
      ? 'aucune'
      : `${n.int(t.stallCount)}, pour un total de ${n.dur(t.stallMs)}, soit ${n.pct(t.rebufferFraction)} du temps de visionnage`;
  const drops = t.resolutionDrops === 0 ? "n'a jamais baissé" : `a baissé ${n.int(t.resolutionDrops)} fois`;
  const lines = [
    `Période : ${span(t.first, t.last, 'au')} ; ${n.count(t.sessions, 'lecture', 'lectures')} sur ${n.count(t.days, 'jour', 'jours différents')}, dont ${n.int(t.eveningSessions)} en soirée (19 h – 23 h, heure locale).`,
    `${t.serviceNames.length === 1 ? 'Service' : 'Services'} : ${t.serviceNames.join(', ')} (${t.hosts.join(', ')}), ${n.dur(t.watchMs)} de visionnage au total.`,
    `Coupures (la lecture s'arrête pour attendre des données ; celles dues à un déplacement dans la vidéo ne sont pas comptées) : ${stalls}.`,
    `Débit vidéo reçu : ${n.kbps(t.meanBitrateKbps)} en moyenne.`,
    `Image : ${n.pct(t.share720)} du temps de lecture en 720p ou mieux ; la résolution ${drops}.`,
    `Débit de téléchargement des segments vidéo : ${n.kbps(t.meanThroughputKbps)} en moyenne (mesuré sur les téléchargements de segments ; ce n'est pas un test de débit complet de la ligne).`,
  ];
  if (x.planDownKbps !== null) {
    const plan = x.planDownKbps;
    const share = (v: number | null) => (v === null ? 'non mesuré' : n.pct(v / plan));
    const stalled =
      t.stallCount > 0
        ? " ; les coupures montrent en revanche que la vidéo n'arrivait pas assez vite à ces moments-là"
        : '';
    lines.push(
      `Par rapport au débit descendant de mon offre (${n.kbps(plan)}) : débit vidéo ${share(t.meanBitrateKbps)}, débit des segments ${share(t.meanThroughputKbps)}. Une vidéo n'utilise qu'une partie du débit d'une offre : ces proportions seules ne prouvent pas un manque${stalled}.`,
    );
  }
  const sessions = x.listed.map((s) => {
    const at = stallTimes(s.stalls, s.start, {
      lead: 'début à',
      dur: n.dur,
      device: 'vidéo déjà en mémoire',
      more: (k) => `et ${n.int(k)} autres (toutes dans les pièces jointes)`,
    });
    return `${sessionSpan(s.start, s.end)}, ${s.serviceName} (${s.pageHost}) : ${stallsFr(s.summary.stallCount, s.summary.stallMs)}${at ? ` ; ${at}` : ''} ; débit ${n.kbps(s.summary.meanBitrateKbps)} ; ${n.pct(s.summary.share720)} en 720p ou mieux`;
  });
  const which =
    x.listedBy === 'stalls'
      ? `les ${n.int(x.listed.length)} lectures les plus coupées`
      : `les ${n.int(x.listed.length)} premières lectures`;
  const more =
    x.unlisted > 0
      ? `\n(Listées : ${which} ; les ${n.int(x.subject.sessions)} figurent dans les pièces jointes.)`
      : '';
  const comparison = comparisonFr(x);
  return `${bullet(lines)}\n\nLectures :\n${bullet(sessions)}${more}${comparison ? `\n\n${comparison}` : ''}${verdictText(x, 'fr', n, 'fr-FR')}`;
}

function problemFr(s: ServiceFacts): string {
  const one = s.totals.stallCount === 1;
  const stalls = {
    none: '',
    some: one ? 'une coupure' : 'quelques coupures',
    heavy: one ? 'une longue coupure' : 'des coupures répétées',
  }[s.stalls];
  const picture = {
    fine: '',
    'some-loss': 'quelques pertes de qualité d’image',
    low: 'une image surtout en basse définition (sous 720p)',
  }[s.picture];
  return [stalls, picture].filter(Boolean).join(' et ');
}

function suggests(x: ComplaintFacts): string {
  const who = n.list(x.subject.serviceNames);
  const head =
    x.severity === 'none'
      ? `Ces chiffres ne montrent ni coupures notables ni perte de qualité pour ${who}.`
      : `Ces chiffres montrent ${byPhrase(x.subjectServices, problemFr)
          .map((g) => `${g.phrase} pour ${n.list(g.names)}`)
          .join(' ; ')}${x.severity === 'minor' ? ', sans gravité particulière' : ''}.`;
  const tail =
    x.severity === 'none'
      ? ''
      : x.contrast === 'better'
        ? ` D'autres services fonctionnaient nettement mieux aux mêmes heures sur la même connexion, ce qui suggère que le problème touchait surtout ${who} (par exemple la route vers ${x.subject.serviceNames.length === 1 ? 'ses' : 'leurs'} serveurs ou le traitement de ce trafic), sans en prouver la cause.`
        : x.contrast === 'similar'
          ? " D'autres services avaient aussi des problèmes aux mêmes heures, ce qui suggère plutôt un problème de la connexion à ces moments qu'un problème propre à un service."
          : ' À elles seules, ces mesures ne montrent pas où se situe le problème : ma ligne, mon réseau domestique, le service ou le réseau entre les deux.';
  return head + tail;
}

const ofSessionsFr = (k: number, total: number) =>
  k === total
    ? total === 1
      ? 'la seule lecture'
      : `les ${n.int(total)} lectures`
    : `${n.count(k, 'lecture', 'lectures')} sur ${n.int(total)}`;

function caveats(x: ComplaintFacts): string {
  const base = `Ce sont des mesures, faites dans le navigateur, de ce que mon lecteur vidéo a reçu. Elles ne voient pas si d'autres appareils utilisaient la connexion au même moment. Connexion : ${fill('FILAIRE OU WI-FI, AUTRES USAGES À CE MOMENT')}.`;
  const items = x.confounders.map(
    (c) => `${CONFOUNDERS_FR[c.code]} (${ofSessionsFr(c.sessions, x.subject.sessions)})`,
  );
  return items.length === 0
    ? `${base} Aucun des facteurs liés à l'appareil ou à la lecture que StreamWitness vérifie (images perdues, onglet en arrière-plan, petit lecteur, aperçus, vitesse de lecture) ne s'appliquait.`
    : `${base} Facteurs qui ont pu jouer aussi :\n${bullet(items)}`;
}

function evidence(x: ComplaintFacts): string {
  return [
    `Les mesures brutes sont jointes : ${x.attachments.join(', ')}. Le fichier .json contient chaque lecture, coupure, changement de résolution et mesure seconde par seconde ; les fichiers .csv reprennent les lectures et les coupures pour un tableur.`,
    `Empreinte SHA-256 du fichier de preuves : ${x.digest}`,
    "Le fichier contient une chaîne de hachage SHA-256 sur ses enregistrements : toute modification d'une valeur change cette empreinte, que chacun peut recalculer.",
    `Mesuré avec StreamWitness ${x.generator.extensionVersion} dans ${x.generator.browser} ${x.generator.browserVersion} sous ${x.generator.os} ; heures locales avec leur décalage UTC ; export du ${x.generatedAt}.`,
  ].join('\n');
}

export const FR: Blocks = {
  lang: 'fr',
  locale: 'fr-FR',
  fill,
  period: (x) => span(x.subject.first, x.subject.last, 'au'),
  days: (x) => dayRange(x.subject.first, x.subject.last),
  issue: (x) =>
    issueOf(x, [
      'coupures vidéo répétées',
      'vidéo bloquée en basse résolution',
      'qualité de la lecture vidéo',
    ]),
  services: (x) => n.list(x.subject.serviceNames),
  isp: (x) => x.isp ?? fill('NOM DU FOURNISSEUR'),
  plan: (x) =>
    x.planDownKbps !== null
      ? `${n.kbps(x.planDownKbps)} en réception (${fill("NOM DE L'OFFRE")})`
      : fill('OFFRE ET DÉBIT DESCENDANT'),
  measured,
  suggests,
  caveats,
  evidence,
  signature: `${fill('VOTRE NOM')}\n${fill('TÉLÉPHONE OU E-MAIL')}`,
};
