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
    'decoder-stalls': 'stalls with video already buffered',
    upscaled: 'a strongly upscaled picture',
    'playback-rate': 'playback at a speed other than 1×',
    'short-session': 'very short sessions',
    'timing-hidden': 'servers that hid download timing',
    'no-bitrate': 'no bitrate estimate',
    preview: 'autoplay previews',
    'raw-samples-pruned': 'per-second samples removed by retention',
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
    'decoder-stalls': 'Unterbrechungen bei bereits gepuffertem Video',
    upscaled: 'ein stark hochskaliertes Bild',
    'playback-rate': 'Wiedergabe mit einer anderen Geschwindigkeit als 1×',
    'short-session': 'sehr kurze Wiedergaben',
    'timing-hidden': 'Server, die Download-Zeiten verbargen',
    'no-bitrate': 'keine Bitraten-Schätzung',
    preview: 'automatisch abgespielte Vorschauen',
    'raw-samples-pruned': 'durch die Aufbewahrungsfrist gelöschte Sekundenwerte',
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
    'decoder-stalls': 'des coupures avec de la vidéo déjà en mémoire',
    upscaled: 'une image fortement agrandie',
    'playback-rate': 'une lecture à une vitesse autre que 1×',
    'short-session': 'des lectures très courtes',
    'timing-hidden': 'des serveurs masquant les temps de téléchargement',
    'no-bitrate': 'aucune estimation du débit vidéo',
    preview: 'des aperçus lancés automatiquement',
    'raw-samples-pruned': 'des valeurs par seconde supprimées par la durée de conservation',
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

/** The figures of a verdict, already formatted, for a language's sentences. */
interface Figures {
  subject: string;
  other: string;
  ms: string;
  mo: string;
  area: string;
  p: string;
  /** Counts, unformatted: each phrase writes them with the locale's plural forms. */
  ns: number;
  no: number;
  ss: number;
  so: number;
  hours: number;
}

interface Phrases {
  figures: (f: Figures, n: Numbers) => string;
  differentiation: (f: Figures, slow: string, fast: string, figures: string) => string;
  undecided: (f: Figures, why: string, figures: string) => string;
  why: Record<NonNullable<VerdictFact['why']>, string>;
  also: (list: string) => string;
  join: string;
}

const PHRASES: Record<Lang, Phrases> = {
  en: {
    figures: (f, n) =>
      `medians ${f.ms} for ${f.subject} and ${f.mo} for ${f.other}; area ${f.area}, KS p ${f.p}; ${n.count(f.ns, 'segment download', 'segment downloads')} from ${n.count(f.ss, 'session', 'sessions')} and ${n.count(f.no, 'segment download', 'segment downloads')} from ${n.count(f.so, 'session', 'sessions')}, in ${n.count(f.hours, 'shared clock hour', 'shared clock hours')}`,
    differentiation: (f, slow, fast, figures) =>
      `${f.subject} against ${f.other}: differentiation. In the hours I used both, ${slow} received clearly less throughput than ${fast} (${figures}). By this test the two services were treated differently on my connection; it does not by itself show where the difference arises.`,
    undecided: (f, why, figures) =>
      `${f.subject} against ${f.other}: not conclusive, because ${why} (${figures}).`,
    why: {
      'no-overlap': 'they were never used in the same hour',
      'too-little': 'there were too few measurements or sessions in the hours both were used',
      'area-only': 'the throughputs differ widely, but not consistently',
      'ks-only': 'the difference is consistent but smaller than the 1.5× the method requires',
    },
    also: (list) => ` Other factors that may explain part of it: ${list}.`,
    join: '; ',
  },
  de: {
    figures: (f, n) =>
      `Median ${f.ms} bei ${f.subject} und ${f.mo} bei ${f.other}; Fläche ${f.area}, KS-p ${f.p}; ${n.count(f.ns, 'Segment-Download', 'Segment-Downloads')} aus ${n.count(f.ss, 'Wiedergabe', 'Wiedergaben')} und ${n.count(f.no, 'Segment-Download', 'Segment-Downloads')} aus ${n.count(f.so, 'Wiedergabe', 'Wiedergaben')}, in ${n.count(f.hours, 'gemeinsamen Stunde', 'gemeinsamen Stunden')}`,
    differentiation: (f, slow, fast, figures) =>
      `${f.subject} gegenüber ${f.other}: Ungleichbehandlung. In den Stunden, in denen ich beide nutzte, erhielt ${slow} deutlich weniger Durchsatz als ${fast} (${figures}). Nach diesem Test wurden die beiden Dienste auf meinem Anschluss unterschiedlich behandelt; wo der Unterschied entsteht, zeigt er allein nicht.`,
    undecided: (f, why, figures) =>
      `${f.subject} gegenüber ${f.other}: nicht eindeutig, weil ${why} (${figures}).`,
    why: {
      'no-overlap': 'sie nie in derselben Stunde genutzt wurden',
      'too-little': 'es in den gemeinsamen Stunden zu wenige Messungen oder Wiedergaben gab',
      'area-only': 'die Durchsätze weit auseinanderliegen, aber nicht beständig',
      'ks-only': 'der Unterschied beständig, aber kleiner als das vom Verfahren verlangte 1,5-Fache ist',
    },
    also: (list) => ` Weitere mögliche Einflüsse: ${list}.`,
    join: '; ',
  },
  fr: {
    figures: (f, n) =>
      `médianes ${f.ms} pour ${f.subject} et ${f.mo} pour ${f.other} ; aire ${f.area}, KS p ${f.p} ; ${n.count(f.ns, 'téléchargement de segment', 'téléchargements de segments')} issus de ${n.count(f.ss, 'session', 'sessions')} et ${n.count(f.no, 'téléchargement de segment', 'téléchargements de segments')} issus de ${n.count(f.so, 'session', 'sessions')}, sur ${n.count(f.hours, 'heure commune', 'heures communes')}`,
    differentiation: (f, slow, fast, figures) =>
      `${f.subject} face à ${f.other} : différenciation. Aux heures où j’ai utilisé les deux, ${slow} a reçu nettement moins de débit que ${fast} (${figures}). Selon ce test, les deux services ont été traités différemment sur ma connexion ; il ne montre pas à lui seul où naît la différence.`,
    undecided: (f, why, figures) =>
      `${f.subject} face à ${f.other} : non concluant, car ${why} (${figures}).`,
    why: {
      'no-overlap': 'ils n’ont jamais été utilisés à la même heure',
      'too-little': 'les mesures ou sessions aux heures communes sont trop peu nombreuses',
      'area-only': 'les débits diffèrent fortement, mais pas de façon constante',
      'ks-only': 'l’écart est constant mais inférieur au facteur 1,5 requis par la méthode',
    },
    also: (list) => ` Autres facteurs pouvant en expliquer une partie : ${list}.`,
    join: ' ; ',
  },
};

function line(v: VerdictFact, lang: Lang, n: Numbers, locale: string): string {
  const w = PHRASES[lang];
  const f: Figures = {
    subject: v.subject,
    other: v.other,
    ms: n.kbps(v.medianKbps.subject),
    mo: n.kbps(v.medianKbps.other),
    area: fixed(v.area, locale, 2),
    p: pOf(v.p, locale),
    ns: v.n.subject,
    no: v.n.other,
    ss: v.sessions.subject,
    so: v.sessions.other,
    hours: v.sharedHours,
  };
  const also = v.confounders.length
    ? w.also(v.confounders.map((c) => CONFOUNDERS[lang][c]).join(w.join))
    : '';
  if (v.verdict === 'differentiation') {
    const slow = v.subjectSlower === false ? v.other : v.subject;
    const fast = slow === v.subject ? v.other : v.subject;
    return w.differentiation(f, slow, fast, w.figures(f, n)) + also;
  }
  return w.undecided(f, w.why[v.why ?? 'ks-only'], w.figures(f, n)) + also;
}

const HEAD: Record<Lang, string> = {
  en: 'Same-hour throughput comparison with other services (the test of the Wehe throttling detector: the area between the two throughput distributions above 0.5 and a Kolmogorov–Smirnov test with p below 0.01 mean differentiation; figures in the attached file under "differentiation"):',
  de: 'Vergleich des Durchsatzes mit anderen Diensten in denselben Stunden (Test des Drosselungsdetektors Wehe: Fläche zwischen den Durchsatzverteilungen über 0,5 und Kolmogorow-Smirnow-Test mit p unter 0,01 bedeuten Ungleichbehandlung; Zahlen in der Anlage unter „differentiation“):',
  fr: 'Comparaison du débit avec d’autres services aux mêmes heures (test du détecteur de bridage Wehe : une aire entre les deux distributions de débit supérieure à 0,5 et un test de Kolmogorov–Smirnov avec p inférieur à 0,01 signifient une différenciation ; chiffres dans le fichier joint sous « differentiation ») :',
};

/** The verdict paragraph, or '' when the file found no difference to cite. */
export function verdictText(x: ComplaintFacts, lang: Lang, n: Numbers, locale: string): string {
  if (x.verdicts.length === 0) return '';
  return `\n\n${HEAD[lang]}\n${bullet(x.verdicts.map((v) => line(v, lang, n, locale)))}`;
}
