/** Deutsche Textbausteine: dieselben Fakten und Vorbehalte wie die englischen, in derselben Reihenfolge. */

import type { ComplaintFacts } from './facts';
import type { ServiceFacts } from './roles';
import type { Blocks } from './text-en';
import { verdictText } from './verdicts';
import { bullet, byPhrase, dayRange, fillIn, issueOf, numbers, sessionSpan, span, stallTimes } from './words';

const fill = (label: string) => fillIn('de', label);
const n = numbers('de-DE', 'nicht gemessen');

export const CONFOUNDERS_DE: Record<ComplaintFacts['confounders'][number]['code'], string> = {
  'dropped-frames': 'das Gerät hat viele Bilder verworfen (eine Grenze des Geräts, nicht des Netzes)',
  'decoder-stalls': 'einige Unterbrechungen traten bei bereits gepuffertem Video auf (Gerät oder Decoder)',
  'hidden-tab': 'der Tab lag zeitweise im Hintergrund, wo Player die Qualität senken können',
  'small-player': 'das Player-Fenster war klein; Player wählen dann oft eine niedrigere Auflösung',
  upscaled: 'das Bild wurde vom Player-Fenster weit über seine eigene Größe gestreckt',
  wireless: 'das Gerät war per WLAN oder Mobilfunk verbunden, deren Tempo mit dem Funk schwankt',
  preview: 'eine automatisch abgespielte Vorschau statt gewählter Wiedergabe',
  'playback-rate': 'Wiedergabe mit einer anderen Geschwindigkeit als 1×',
  'short-session': 'sehr kurze Wiedergabe mit entsprechend ungenauen Werten',
  'timing-hidden': 'einige Server verbargen die Download-Zeiten; der Durchsatz deckt nur einen Teil ab',
  'no-bitrate': 'es war keine Bitraten-Schätzung verfügbar',
  'raw-samples-pruned': 'ältere Sekundenwerte wurden durch die Aufbewahrungsfrist gelöscht (Summen bleiben)',
};

const stallsDe = (count: number, ms: number) =>
  count === 0
    ? 'keine Unterbrechungen'
    : `${n.count(count, 'Unterbrechung', 'Unterbrechungen')}, zusammen ${n.dur(ms)}`;

function comparisonDe(x: ComplaintFacts): string {
  const margin = x.comparisonMarginMin;
  switch (x.comparisonNote) {
    case 'omitted':
      return '';
    case 'none':
      return `Innerhalb von ${margin} Minuten um diese Wiedergaben wurde kein anderer Videodienst abgespielt; ein zeitgleicher Vergleich liegt daher nicht vor.`;
    case 'only-subjects':
      return `Außer ${n.list(x.subject.serviceNames)} wurde innerhalb von ${margin} Minuten um diese Wiedergaben kein Videodienst abgespielt.`;
    case 'listed':
      return `Andere Dienste am selben Anschluss und im selben Browser, innerhalb von ${margin} Minuten:\n${bullet(
        x.comparison.map(
          ({ serviceName, totals: c }) =>
            `${serviceName}: ${n.count(c.sessions, 'Wiedergabe', 'Wiedergaben')}, ${stallsDe(c.stallCount, c.stallMs)}${c.stallCount > 0 ? ` (${n.pct(c.rebufferFraction)})` : ''}; Bitrate ${n.kbps(c.meanBitrateKbps)}; ${n.pct(c.share720)} mit 720p oder mehr`,
        ),
      )}`;
  }
}

function measured(x: ComplaintFacts): string {
  const t = x.subject;
  const stalls =
    t.stallCount === 0
      ? 'keine'
      : `${n.int(t.stallCount)}, zusammen ${n.dur(t.stallMs)}, das sind ${n.pct(t.rebufferFraction)} der Wiedergabezeit`;
  const drops =
    t.resolutionDrops === 0
      ? 'sank nie'
      : `sank ${t.resolutionDrops === 1 ? 'einmal' : `${n.int(t.resolutionDrops)}-mal`}`;
  const lines = [
    `Zeitraum: ${span(t.first, t.last, 'bis')}; ${n.count(t.sessions, 'Wiedergabe', 'Wiedergaben')} an ${n.count(t.days, 'Tag', 'verschiedenen Tagen')}, davon ${n.int(t.eveningSessions)} abends (19–23 Uhr Ortszeit).`,
    `${t.serviceNames.length === 1 ? 'Dienst' : 'Dienste'}: ${t.serviceNames.join(', ')} (${t.hosts.join(', ')}), insgesamt ${n.dur(t.watchMs)} angesehen.`,
    `Unterbrechungen (Wiedergabe hielt an, um auf Daten zu warten; durch Spulen verursachte nicht mitgezählt): ${stalls}.`,
    `Empfangene Video-Bitrate: durchschnittlich ${n.kbps(t.meanBitrateKbps)}.`,
    `Bildqualität: ${n.pct(t.share720)} der Wiedergabezeit mit 720p oder mehr; die Auflösung ${drops}.`,
    `Download-Durchsatz der Videosegmente: durchschnittlich ${n.kbps(t.meanThroughputKbps)} (gemessen an den Segment-Downloads; keine vollständige Geschwindigkeitsmessung des Anschlusses).`,
  ];
  if (x.planDownKbps !== null) {
    const plan = x.planDownKbps;
    const share = (v: number | null) => (v === null ? 'nicht gemessen' : n.pct(v / plan));
    const stalled =
      t.stallCount > 0
        ? ', die Unterbrechungen zeigen aber, dass das Video in diesen Momenten nicht schnell genug ankam'
        : '';
    lines.push(
      `Im Vergleich zur vertraglichen Download-Geschwindigkeit von ${n.kbps(plan)}: Video-Bitrate ${share(t.meanBitrateKbps)}, Segment-Durchsatz ${share(t.meanThroughputKbps)}. Ein Videostrom braucht nur einen Teil der Anschlussgeschwindigkeit; diese Anteile allein belegen keine Unterschreitung${stalled}.`,
    );
  }
  const sessions = x.listed.map((s) => {
    const at = stallTimes(s.stalls, s.start, {
      lead: 'Beginn um',
      dur: n.dur,
      device: 'Video war gepuffert',
      more: (k) => `und ${n.int(k)} weitere (alle in den Anlagen)`,
    });
    return `${sessionSpan(s.start, s.end)}, ${s.serviceName} (${s.pageHost}): ${stallsDe(s.summary.stallCount, s.summary.stallMs)}${at ? `; ${at}` : ''}; Bitrate ${n.kbps(s.summary.meanBitrateKbps)}; ${n.pct(s.summary.share720)} mit 720p oder mehr`;
  });
  const which =
    x.listedBy === 'stalls'
      ? `die ${n.int(x.listed.length)} Wiedergaben mit den meisten Unterbrechungen`
      : `die ersten ${n.int(x.listed.length)} Wiedergaben`;
  const more =
    x.unlisted > 0
      ? `\n(Aufgeführt: ${which}; alle ${n.int(x.subject.sessions)} stehen in den Anlagen.)`
      : '';
  const comparison = comparisonDe(x);
  return `${bullet(lines)}\n\nEinzelne Wiedergaben:\n${bullet(sessions)}${more}${comparison ? `\n\n${comparison}` : ''}${verdictText(x, 'de', n, 'de-DE')}`;
}

function problemDe(s: ServiceFacts): string {
  const one = s.totals.stallCount === 1;
  const stalls = {
    none: '',
    some: one ? 'eine Unterbrechung' : 'einzelne Unterbrechungen',
    heavy: one ? 'eine lange Unterbrechung' : 'wiederholte Unterbrechungen',
  }[s.stalls];
  const picture = {
    fine: '',
    'some-loss': 'einzelne Qualitätsverluste',
    low: 'überwiegend niedrige Bildqualität (unter 720p)',
  }[s.picture];
  return [stalls, picture].filter(Boolean).join(' und ');
}

function suggests(x: ComplaintFacts): string {
  const who = n.list(x.subject.serviceNames);
  const head =
    x.severity === 'none'
      ? `Diese Werte zeigen keine nennenswerten Unterbrechungen oder Qualitätsverluste bei ${who}.`
      : `Diese Werte zeigen ${byPhrase(x.subjectServices, problemDe)
          .map((g) => `${g.phrase} bei ${n.list(g.names)}`)
          .join('; ')}${x.severity === 'minor' ? ', aber nichts Schwerwiegendes' : ''}.`;
  const tail =
    x.severity === 'none'
      ? ''
      : x.contrast === 'better'
        ? ` Andere Dienste liefen zur selben Zeit am selben Anschluss deutlich besser. Das deutet darauf hin, dass das Problem besonders ${who} betraf (etwa der Weg zu ${x.subject.serviceNames.length === 1 ? 'dessen' : 'deren'} Servern oder die Behandlung dieses Datenverkehrs), beweist die Ursache aber nicht.`
        : x.contrast === 'similar'
          ? ' Andere Dienste hatten zur selben Zeit ebenfalls Probleme; das deutet eher auf ein Problem des Anschlusses zu diesen Zeiten als auf einen einzelnen Dienst hin.'
          : ' Für sich genommen zeigen diese Messungen nicht, wo das Problem liegt: Anschluss, Heimnetz, Dienst oder das Netz dazwischen.';
  return head + tail;
}

const ofSessionsDe = (k: number, total: number) =>
  k === total
    ? total === 1
      ? 'bei der einen Wiedergabe'
      : `bei allen ${n.int(total)} Wiedergaben`
    : `bei ${n.int(k)} von ${n.int(total)} Wiedergaben`;

function caveats(x: ComplaintFacts): string {
  const base = `Es handelt sich um Messungen im Browser dessen, was mein Videoplayer empfangen hat. Ob gleichzeitig andere Geräte den Anschluss nutzten, sehen sie nicht. Verbindung: ${fill('LAN ODER WLAN, ANDERE NUTZUNG ZU DIESER ZEIT')}.`;
  const items = x.confounders.map(
    (c) => `${CONFOUNDERS_DE[c.code]} (${ofSessionsDe(c.sessions, x.subject.sessions)})`,
  );
  return items.length === 0
    ? `${base} Keiner der geprüften Geräte- oder Wiedergabefaktoren (verworfene Bilder, Hintergrund-Tab, kleiner Player, Vorschauen, Wiedergabegeschwindigkeit) lag vor.`
    : `${base} Faktoren, die ebenfalls eine Rolle gespielt haben können:\n${bullet(items)}`;
}

function evidence(x: ComplaintFacts): string {
  return [
    `Die Rohdaten liegen bei: ${x.attachments.join(', ')}. Die .json-Datei enthält alle Wiedergaben, Unterbrechungen, Auflösungswechsel und Sekundenwerte; die .csv-Dateien dieselben Wiedergaben und Unterbrechungen für eine Tabellenkalkulation.`,
    `SHA-256-Prüfsumme der Beweisdatei: ${x.digest}`,
    'Die Datei enthält eine SHA-256-Hashkette über alle Einträge; jede Änderung eines Wertes ändert diese Prüfsumme, die jeder nachrechnen kann.',
    `Gemessen mit StreamWitness ${x.generator.extensionVersion} in ${x.generator.browser} ${x.generator.browserVersion} unter ${x.generator.os}; Zeiten in Ortszeit mit UTC-Abstand; exportiert ${x.generatedAt}.`,
  ].join('\n');
}

export const DE: Blocks = {
  lang: 'de',
  locale: 'de-DE',
  fill,
  period: (x) => span(x.subject.first, x.subject.last, 'bis'),
  days: (x) => dayRange(x.subject.first, x.subject.last),
  issue: (x) =>
    issueOf(x, [
      'wiederholte Unterbrechungen bei Videos',
      'Videos nur in niedriger Auflösung',
      'Qualität der Videowiedergabe',
    ]),
  services: (x) => n.list(x.subject.serviceNames),
  isp: (x) => x.isp ?? fill('NAME DES ANBIETERS'),
  plan: (x) =>
    x.planDownKbps !== null
      ? `${n.kbps(x.planDownKbps)} im Download (${fill('TARIFNAME')})`
      : fill('TARIF UND DOWNLOAD-GESCHWINDIGKEIT'),
  measured,
  suggests,
  caveats,
  evidence,
  signature: `${fill('IHR NAME')}\n${fill('TELEFON ODER E-MAIL')}`,
};
