/**
 * The evidence file's cross-service comparison (`differentiation`), in its own file so schema.ts stays
 * about sessions and the chain. Part of the header: the chain seals it.
 */
import { REASON_CODES, VERDICTS } from '../analysis/wehe';
import { CONFOUNDER_KINDS } from '../metrics/confounders';
import { z } from '../schema/zod';
import { Hostname } from './hostname';

const nonNeg = z.number().min(0);
const count = z.number().int().min(0);

/** A service key: a service, or `other:<page host>` for sites without their own name. */
const ServiceKey = z
  .string()
  .regex(/^(netflix|youtube|twitch|prime|disney|max|hulu|other:[A-Za-z0-9._:[\]-]{0,255})$/);
const kbpsOrNull = nonNeg.nullable();
const ab = <T extends z.ZodType>(t: T) => z.strictObject({ a: t, b: t });

/**
 * Cross-service comparison over the file's sessions (subjects and same-time comparisons): Wehe's rule
 * (area between the throughput distributions and a two-sample KS test) per pair of services, compared only
 * over clock hours both used. See docs/differentiation.md. Null when the file holds fewer than two services.
 */
export const Differentiation = z.strictObject({
  method: z.literal('wehe-area-ks'),
  areaThreshold: nonNeg,
  pThreshold: z.number().min(0).max(1),
  minSamples: count,
  minSessions: count,
  pairs: z.array(
    z.strictObject({
      a: ServiceKey,
      b: ServiceKey,
      verdict: z.enum(VERDICTS),
      /** The side with the lower median throughput. */
      slower: ServiceKey.nullable(),
      area: nonNeg.nullable(),
      p: z.number().min(0).max(1).nullable(),
      n: ab(count),
      sessions: ab(count),
      sharedHours: count,
      medianKbps: ab(kbpsOrNull),
      reasons: z.array(z.enum(REASON_CODES)),
      confounders: z.array(z.enum(CONFOUNDER_KINDS)),
      weakened: z.boolean(),
    }),
  ),
  services: z.array(
    z.strictObject({
      key: ServiceKey,
      sessions: count,
      throughputKbps: kbpsOrNull,
      bitrateKbps: kbpsOrNull,
      share: nonNeg.nullable(),
      bestKbps: kbpsOrNull,
      bestSource: z.enum(['cmcd', 'seen']).nullable(),
      evening: z.strictObject({
        fromHour: z.number().int().min(0).max(23),
        toHour: z.number().int().min(0).max(24),
        throughputKbps: kbpsOrNull,
        restKbps: kbpsOrNull,
        share: nonNeg.nullable(),
        restShare: nonNeg.nullable(),
        verdict: z.enum(VERDICTS),
      }),
      servingHosts: z.array(z.strictObject({ host: Hostname, sessions: count })),
    }),
  ),
});
export type Differentiation = z.infer<typeof Differentiation>;
