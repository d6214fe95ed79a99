/**
 * One service against another over the clock hours in which both moved data, so time of day and line
 * load are shared. The verdict is Wehe's; the reasons and confounders travel with it.
 */
import { type Confounder, mixedConnections, requestSizeGap, sourceGap } from './confounders';
import { type Group, medians, type SideMedians, sideConfounders } from './groups';
import { connectionOf, hourBucket, type Point } from './history';
import { type Reason, type Verdict, type WeheOptions, weheTest } from './wehe';

export interface PairOptions {
  wehe: WeheOptions;
  minSessions: number;
}

export interface PairReport {
  a: string;
  b: string;
  verdict: Verdict;
  area: number | null;
  d: number | null;
  p: number | null;
  n1: number;
  n2: number;
  ksN1: number;
  ksN2: number;
  /** Key of the side with the lower median throughput. */
  slower: string | null;
  /** Clock hours in which both services moved data: the only ones compared. */
  sharedHours: number;
  sessions: { a: number; b: number };
  medians: { a: SideMedians; b: SideMedians };
  confounders: Confounder[];
  /** A verdict was reached but something besides the network could explain it. */
  weakened: boolean;
  reasons: Reason[];
}

export function comparePair(A: Group, B: Group, o: PairOptions): PairReport {
  const bucketsB = new Set(B.throughput.map((p) => hourBucket(p.t)));
  const shared = new Set(A.throughput.map((p) => hourBucket(p.t)).filter((b) => bucketsB.has(b)));
  const inShared = (p: Point) => shared.has(hourBucket(p.t));
  const side = (g: Group) => {
    const tp = g.throughput.filter(inShared);
    const sids = new Set(tp.map((p) => p.sid));
    return {
      tp,
      br: g.bitrate.filter(inShared),
      sessions: g.sessions.filter((s) => sids.has(s.h.session.id)),
    };
  };
  const sa = side(A);
  const sb = side(B);
  const test = weheTest(
    sa.tp.map((p) => p.v),
    sb.tp.map((p) => p.v),
    o.wehe,
  );
  const reasons: Reason[] = [];
  let verdict = test.verdict;
  if (shared.size === 0) {
    verdict = 'inconclusive';
    reasons.push({
      code: 'no-overlap',
      text: `${A.key} and ${B.key} never moved data in the same clock hour`,
    });
  } else if (sa.sessions.length < o.minSessions || sb.sessions.length < o.minSessions) {
    verdict = 'inconclusive';
    const text = `too few sessions in the shared hours: ${sa.sessions.length} and ${sb.sessions.length}, need at least ${o.minSessions} on each side`;
    reasons.push({ code: 'too-few-sessions', text });
  }
  reasons.push(...test.reasons);
  const series = (s: typeof sa) => s.sessions.map((x) => x.throughput);
  const confounders = [
    ...sideConfounders(A, sa.sessions),
    ...sideConfounders(B, sb.sessions),
    mixedConnections([...sa.sessions, ...sb.sessions].map((s) => s.h)),
    requestSizeGap(series(sa), series(sb)),
    sourceGap(series(sa), series(sb)),
  ].filter((c): c is Confounder => c !== null);
  const weakened = verdict !== 'inconclusive' && confounders.length > 0;
  if (weakened) {
    const kinds = [...new Set(confounders.map((c) => c.kind))].join(', ');
    reasons.push({ code: 'confounded', text: `weakened by: ${kinds}` });
  }
  const windowSessions = [...sa.sessions, ...sb.sessions];
  if (verdict === 'differentiation' && windowSessions.every((s) => connectionOf(s.h) === undefined)) {
    const text = 'connection type not recorded: confirm on a wired connection before citing this';
    reasons.push({ code: 'connection-unknown', text });
  }
  return {
    a: A.key,
    b: B.key,
    verdict,
    area: test.area,
    d: test.d,
    p: test.p,
    n1: test.n1,
    n2: test.n2,
    ksN1: test.ksN1,
    ksN2: test.ksN2,
    slower: test.slower === 1 ? A.key : test.slower === 2 ? B.key : null,
    sharedHours: shared.size,
    sessions: { a: sa.sessions.length, b: sb.sessions.length },
    medians: { a: medians(sa.tp, sa.br, A.bestKbps), b: medians(sb.tp, sb.br, B.bestKbps) },
    confounders,
    weakened,
    reasons,
  };
}
