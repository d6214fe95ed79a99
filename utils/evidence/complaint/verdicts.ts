/**
 * The same-hour throughput verdicts (Wehe's method) in the letter's language. Figures come from the
 * evidence file's `differentiation`; the words never claim more than the test shows, and name what else
 * could explain a difference.
 */
import type { ComplaintFacts, VerdictFact } from './facts';
import { bullet, type Numbers } from './words';

type Lang = 'en' | 'de' | 'fr';

const CONFOUNDERS: Record<Lang, Record<VerdictFact['confounders'][number], string>> = {
  en: {
    'dropped-frames': 'many dropped frames',
    'small-player': 'a small player',
    'hidden-tab': 'a background tab',
    'resolution-cap': 'a resolution cap while throughput was ample (an app or plan setting)',
    wireless: 'a wireless connection',
    'codec-change': 'different codecs',
    'mixed-connections': 'sessions on different connections',
    'request-size': 'very different download sizes',
    'throughput-source': 'throughput measured differently on each side',
  },
  de: {
    'dropped-frames': 'viele verworfene Bilder',
    'small-player': 'ein kleiner Player',
    'hidden-tab': 'ein Tab im Hintergrund',
    'resolution-cap': 'eine begrenzte Auflösung trotz reichlich Durchsatz (eine App- oder Tarifeinstellung)',
    wireless: 'eine Funkverbindung',
    'codec-change': 'unterschiedliche Codecs',
    'mixed-connections': 'Sitzungen auf verschiedenen Anschlüssen',
    'request-size': 'sehr unterschiedliche Download-Größen',
    'throughput-source': 'auf beiden Seiten unterschiedlich gemessener Durchsatz',
  },
  fr: {
    'dropped-frames': 'de nombreuses images perdues',
    'small-player': 'un petit lecteur',
    'hidden-tab': 'un onglet en arrière-plan',
    'resolution-cap':
      'une résolution plafonnée malgré un débit suffisant (un réglage de l’application ou de l’offre)',
    wireless: 'une connexion sans fil',
    'codec-change': 'des codecs différents',
    'mixed-connections': 'des sessions sur des connexions différentes',
    'request-size': 'des tailles de téléchargement très différentes',
    'throughput-source': 'un débit mesuré différemment de chaque côté',
  },
};

const fixed = (v: number | null, locale: string, digits: number) =>
  v === null ? '–' : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v);
const pOf = (p: number | null, locale: string) =>
  p === null ? '–' : p < 0.0001 ? `< ${fixed(0.0001, locale, 4)}` : fixed(p, locale, 4);

function en(v: VerdictFact, n: Numbers, locale: string): string {
  const figures = `medians ${n.kbps(v.medianKbps.subject)} for ${v.subject} and ${n.kbps(v.medianKbps.other)} for ${v.other}; area ${fixed(v.area, locale, 2)}, KS p ${pOf(v.p, locale)}; ${n.int(v.n.subject)} and ${n.int(v.n.other)} segment downloads from ${n.int(v.sessions.subject)} and ${n.int(v.sessions.other)} sessions in ${n.int(v.sharedHours)} shared clock hours`;
  const also = v.confounders.length
    ? ` Other factors that may explain part of it: ${v.confounders.map((c) => CONFOUNDERS.en[c]).join('; ')}.`
    : '';
  if (v.verdict === 'differentiation') {
    const slow = v.subjectSlower === false ? v.other : v.subject;
    const fast = slow === v.subject ? v.other : v.subject;
    return `${v.subject} against ${v.other}: differentiation. In the hours I used both, ${slow} received clearly less throughput than ${fast} (${figures}). By this test the two services were treated differently on my connection; it does not by itself show where the difference arises.${also}`;
  }
  const why =
    v.why === 'no-overlap'
      ? 'they were never used in the same hour'
      : v.why === 'too-little'
        ? 'there were too few measurements or sessions in the hours both were used'
        : v.why === 'area-only'
          ? 'the throughputs differ widely, but not consistently'
          : 'the difference is consistent but smaller than the 1.5× the method requires';
  return `${v.subject} against ${v.other}: not conclusive, because ${why} (${figures}).${also}`;
}

function de(v: VerdictFact, n: Numbers, locale: string): string {
  const figures = `Median ${n.kbps(v.medianKbps.subject)} bei ${v.subject} und ${n.kbps(v.medianKbps.other)} bei ${v.other}; Fläche ${fixed(v.area, locale, 2)}, KS-p ${pOf(v.p, locale)}; ${n.int(v.n.subject)} und ${n.int(v.n.other)} Segment-Downloads aus ${n.int(v.sessions.subject)} und ${n.int(v.sessions.other)} Wiedergaben in ${n.int(v.sharedHours)} gemeinsamen Stunden`;
  const also = v.confounders.length
    ? ` Weitere mögliche Einflüsse: ${v.confounders.map((c) => CONFOUNDERS.de[c]).join('; ')}.`
    : '';
  if (v.verdict === 'differentiation') {
    const slow = v.subjectSlower === false ? v.other : v.subject;
    const fast = slow === v.subject ? v.other : v.subject;
    return `${v.subject} gegenüber ${v.other}: Ungleichbehandlung. In den Stunden, in denen ich beide nutzte, erhielt ${slow} deutlich weniger Durchsatz als ${fast} (${figures}). Nach diesem Test wurden die beiden Dienste auf meinem Anschluss unterschiedlich behandelt; wo der Unterschied entsteht, zeigt er allein nicht.${also}`;
  }
  const why =
    v.why === 'no-overlap'
      ? 'sie nie in derselben Stunde genutzt wurden'
      : v.why === 'too-little'
        ? 'es in den gemeinsamen Stunden zu wenige Messungen oder Wiedergaben gab'
        : v.why === 'area-only'
          ? 'die Durchsätze weit auseinanderliegen, aber nicht beständig'
          : 'der Unterschied beständig, aber kleiner als das vom Verfahren verlangte 1,5-Fache ist';
  return `${v.subject} gegenüber ${v.other}: nicht eindeutig, weil ${why} (${figures}).${also}`;
}

function fr(v: VerdictFact, n: Numbers, locale: string): string {
  const figures = `médianes ${n.kbps(v.medianKbps.subject)} pour ${v.subject} et ${n.kbps(v.medianKbps.other)} pour ${v.other} ; aire ${fixed(v.area, locale, 2)}, KS p ${pOf(v.p, locale)} ; ${n.int(v.n.subject)} et ${n.int(v.n.other)} téléchargements de segments issus de ${n.int(v.sessions.subject)} et ${n.int(v.sessions.other)} sessions sur ${n.int(v.sharedHours)} heures communes`;
  const also = v.confounders.length
    ? ` Autres facteurs pouvant en expliquer une partie : ${v.confounders.map((c) => CONFOUNDERS.fr[c]).join(' ; ')}.`
    : '';
  if (v.verdict === 'differentiation') {
    const slow = v.subjectSlower === false ? v.other : v.subject;
    const fast = slow === v.subject ? v.other : v.subject;
    return `${v.subject} face à ${v.other} : différenciation. Aux heures où j’ai utilisé les deux, ${slow} a reçu nettement moins de débit que ${fast} (${figures}). Selon ce test, les deux services ont été traités différemment sur ma connexion ; il ne montre pas à lui seul où naît la différence.${also}`;
  }
  const why =
    v.why === 'no-overlap'
      ? 'ils n’ont jamais été utilisés à la même heure'
      : v.why === 'too-little'
        ? 'les mesures ou sessions aux heures communes sont trop peu nombreuses'
        : v.why === 'area-only'
          ? 'les débits diffèrent fortement, mais pas de façon constante'
          : 'l’écart est constant mais inférieur au facteur 1,5 requis par la méthode';
  return `${v.subject} face à ${v.other} : non concluant, car ${why} (${figures}).${also}`;
}

const HEAD: Record<Lang, string> = {
  en: 'Same-hour throughput comparison with other services (the test of the Wehe throttling detector: the area between the two throughput distributions above 0.5 and a Kolmogorov–Smirnov test with p below 0.01 mean differentiation; figures in the attached file under "differentiation"):',
  de: 'Vergleich des Durchsatzes mit anderen Diensten in denselben Stunden (Test des Drosselungsdetektors Wehe: Fläche zwischen den Durchsatzverteilungen über 0,5 und Kolmogorow-Smirnow-Test mit p unter 0,01 bedeuten Ungleichbehandlung; Zahlen in der Anlage unter „differentiation“):',
  fr: 'Comparaison du débit avec d’autres services aux mêmes heures (test du détecteur de bridage Wehe : une aire entre les deux distributions de débit supérieure à 0,5 et un test de Kolmogorov–Smirnov avec p inférieur à 0,01 signifient une différenciation ; chiffres dans le fichier joint sous « differentiation ») :',
};

/** The verdict paragraph, or '' when the file found no difference to cite. */
export function verdictText(x: ComplaintFacts, lang: Lang, n: Numbers, locale: string): string {
  if (x.verdicts.length === 0) return '';
  const line = lang === 'de' ? de : lang === 'fr' ? fr : en;
  return `\n\n${HEAD[lang]}\n${bullet(x.verdicts.map((v) => line(v, n, locale)))}`;
}
