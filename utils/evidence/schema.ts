/**
 * The evidence file: the one versioned shape an export produces and Verify reads. Every object is
 * strict (an added key is an edit), every time is ISO 8601 with an offset, every host is a hostname.
 * Change a shape → bump EVIDENCE_FORMAT_VERSION, regenerate public/evidence-schema.json, update the docs.
 */
import { SESSION_CONFOUNDER_KINDS } from '../metrics/confounders';
import { PLAY_STATES, Service, SessionId } from '../schema/playback';
import { z } from '../schema/zod';
import { Differentiation } from './differentiation-schema';
import { Hostname } from './hostname';

export { Differentiation, Hostname };

export const EVIDENCE_FORMAT = 'streamwitness-evidence';
export const EVIDENCE_FORMAT_VERSION = 3;
export const CANONICALIZATION = 'json-sorted-keys-v1';

const nonNeg = z.number().min(0);
const count = z.number().int().min(0);
const share = z.number().min(0).max(1).nullable();
const score = z.number().min(0).max(100).nullable();

/** Millisecond precision and an explicit offset: '2026-11-25T20:15:03.250+01:00'. */
export const IsoDateTime = z.iso.datetime({ offset: true, precision: 3 });
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const Generator = z.strictObject({
  name: z.literal('StreamWitness'),
  extensionVersion: z.string().max(40),
  browser: z.string().max(60),
  browserVersion: z.string().max(40),
  os: z.string().max(60),
  /** IANA zone of the exporting machine, e.g. 'Europe/Berlin' ('' when the browser does not say). */
  timeZone: z.string().max(80),
  utcOffsetMin: z.number().int().min(-900).max(900),
});

/** What the user told us about their line: stated, never measured. */
export const Subscriber = z.strictObject({
  isp: z.string().max(200).nullable(),
  planDownKbps: z.number().positive().nullable(),
  country: z.string().max(10).nullable(),
});

export const Scope = z.strictObject({
  kind: z.enum(['sessions', 'range', 'all']),
  sessionIds: z.array(SessionId).nullable(),
  service: Service.nullable(),
  from: IsoDateTime.nullable(),
  to: IsoDateTime.nullable(),
  /** Complaint exports add other services' sessions within this many minutes of the subject ones. */
  comparisonMarginMin: count.nullable(),
});

export const ScoreFormulas = z.strictObject({
  version: count,
  startup: z.string(),
  smoothness: z.string(),
  picture: z.string(),
  overall: z.string(),
});

export const Scores = z.strictObject({
  formulaVersion: count,
  startup: score,
  smoothness: score,
  picture: score,
  overall: score,
});

export const Summary = z.strictObject({
  watchMs: nonNeg,
  playingMs: nonNeg,
  stallCount: count,
  stallMs: nonNeg,
  rebufferFraction: share,
  meanBitrateKbps: nonNeg.nullable(),
  /** Playing time that carried a bitrate estimate: the weight of meanBitrateKbps. */
  bitrateMeasuredMs: nonNeg,
  meanThroughputKbps: nonNeg.nullable(),
  throughputMeasuredMs: nonNeg,
  hd720Ms: nonNeg,
  hd1080Ms: nonNeg,
  share720: share,
  share1080: share,
  maxWidth: count,
  maxHeight: count,
  resolutionDrops: count,
  droppedFrames: count,
  decodedFrames: count,
  droppedRatio: share,
  hiddenMs: nonNeg,
  seekCount: count,
  upscaleMean: nonNeg.nullable(),
  upscaleMax: nonNeg,
});

export const Stall = z.strictObject({
  start: IsoDateTime,
  offsetMs: nonNeg,
  mediaTimeS: nonNeg,
  durationMs: nonNeg,
  cause: z.enum(['network', 'decoder']),
  bufferAheadS: nonNeg,
  tabHidden: z.boolean(),
});

export const ResolutionChange = z.strictObject({
  at: IsoDateTime,
  offsetMs: nonNeg,
  fromWidth: count,
  fromHeight: count,
  width: count,
  height: count,
  drop: z.boolean(),
});

export const SAMPLE_COLUMNS = [
  'offsetMs',
  'state',
  'bitrateKbps',
  'throughputKbps',
  'width',
  'height',
  'displayWidth',
  'displayHeight',
  'bufferS',
  'droppedFrames',
  'decodedFrames',
  'playbackRate',
  'tabHidden',
] as const;

export const SampleRow = z.tuple([
  nonNeg,
  z.enum(PLAY_STATES),
  nonNeg.nullable(),
  nonNeg.nullable(),
  count,
  count,
  count,
  count,
  nonNeg,
  count,
  count,
  z.number().min(0).max(16),
  z.boolean(),
]);
export type SampleRow = z.infer<typeof SampleRow>;

export const Samples = z.strictObject({
  columns: z.tuple([
    z.literal('offsetMs'),
    z.literal('state'),
    z.literal('bitrateKbps'),
    z.literal('throughputKbps'),
    z.literal('width'),
    z.literal('height'),
    z.literal('displayWidth'),
    z.literal('displayHeight'),
    z.literal('bufferS'),
    z.literal('droppedFrames'),
    z.literal('decodedFrames'),
    z.literal('playbackRate'),
    z.literal('tabHidden'),
  ]),
  rows: z.array(SampleRow),
});

export const HostThroughput = z.strictObject({
  host: Hostname,
  requests: count,
  /** Requests whose size and timing the host exposed (Timing-Allow-Origin or same origin). */
  timedRequests: count,
  bytes: count,
  transferMs: nonNeg,
  meanKbps: nonNeg.nullable(),
});

/** The session-level confounder kinds (utils/metrics/confounders): the rule's value against its threshold. */
export const CONFOUNDER_CODES = SESSION_CONFOUNDER_KINDS;
export const Confounder = z.strictObject({
  code: z.enum(CONFOUNDER_CODES),
  /** What was measured, in the rule's unit (docs/evidence-format.md). */
  value: z.number(),
  threshold: z.number(),
});
export type Confounder = z.infer<typeof Confounder>;

export const SessionEvidence = z.strictObject({
  id: SessionId,
  /** 'subject' is what the export or complaint is about; 'comparison' are other services at the same times. */
  role: z.enum(['subject', 'comparison']),
  service: Service,
  serviceName: z.string().max(40),
  pageHost: Hostname,
  frameHost: Hostname,
  start: IsoDateTime,
  end: IsoDateTime.nullable(),
  tzOffsetMin: z.number().int().min(-900).max(900),
  endReason: z.string().max(40).nullable(),
  delivery: z.enum(['mse', 'progressive']),
  codec: z.string().max(120).nullable(),
  preview: z.boolean(),
  startupMs: nonNeg.nullable(),
  summary: Summary,
  stalls: z.array(Stall),
  resolutionChanges: z.array(ResolutionChange),
  samples: Samples,
  throughputByHost: z.array(HostThroughput),
  confounders: z.array(Confounder),
  scores: Scores,
  /** Set when retention removed raw samples: summary, stalls and resolution changes remain. */
  rawSamplesPrunedAt: IsoDateTime.nullable(),
});
export type SessionEvidence = z.infer<typeof SessionEvidence>;

export const Chain = z.strictObject({
  algorithm: z.literal('SHA-256'),
  canonicalization: z.literal(CANONICALIZATION),
  /** SHA-256 of the canonical header (every top-level key but `sessions` and `chain`). */
  headerHash: Sha256Hex,
  /** recordHashes[i] = SHA-256(previous hash + canonical(sessions[i])); the previous of the first is headerHash. */
  recordHashes: z.array(Sha256Hex),
  /** The last record hash (headerHash when there are no sessions): the number to quote. */
  digest: Sha256Hex,
});

export const EvidenceHeader = z.strictObject({
  format: z.literal(EVIDENCE_FORMAT),
  formatVersion: z.literal(EVIDENCE_FORMAT_VERSION),
  generatedAt: IsoDateTime,
  generator: Generator,
  subscriber: Subscriber,
  scope: Scope,
  scoreFormulas: ScoreFormulas,
  differentiation: Differentiation.nullable(),
});
export type EvidenceHeader = z.infer<typeof EvidenceHeader>;

export const EvidenceFile = EvidenceHeader.extend({
  sessions: z.array(SessionEvidence),
  chain: Chain,
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;
export type Generator = z.infer<typeof Generator>;
export type Subscriber = z.infer<typeof Subscriber>;
export type Scope = z.infer<typeof Scope>;
export type Summary = z.infer<typeof Summary>;
export type Stall = z.infer<typeof Stall>;

/** The JSON Schema shipped as public/evidence-schema.json (a unit test keeps the two equal). */
export function evidenceJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(EvidenceFile, { target: 'draft-2020-12' });
  return {
    $schema,
    $id: 'evidence-schema.json',
    title: `StreamWitness evidence file, format version ${EVIDENCE_FORMAT_VERSION}`,
    description:
      'See docs/evidence-format.md. The hash chain is checked by the Verify page, not by this schema.',
    ...rest,
  };
}
