/** Shared types of the test stream server. Pure declarations so tests can import them without side effects. */

/** Origin `a` is reached as http://127.0.0.1:<port>, origin `b` as http://localhost:<port>. */
export type OriginName = 'a' | 'b';
export const ORIGIN_NAMES: readonly OriginName[] = ['a', 'b'];

/** A partial throttle update; omitted fields keep their current value. */
export interface ThrottleSettings {
  /** Body bandwidth shared by all concurrent media responses of the origin; null = unlimited. */
  bytesPerSecond?: number | null;
  /** Delay before the response headers of each media response. */
  latencyMs?: number;
}

export interface ThrottleStep {
  durationMs: number;
  bytesPerSecond: number | null;
  /** Omitted = keep the latency in effect when the step starts. */
  latencyMs?: number;
}

export interface ThrottleState {
  bytesPerSecond: number | null;
  latencyMs: number;
  /** The running schedule; null when none was given, it was cancelled, or its last step has ended. */
  schedule: {
    steps: ThrottleStep[];
    stepIndex: number;
    /** Date.now() when the schedule started / when the current step ends. */
    startedAt: number;
    stepEndsAt: number;
  } | null;
  /** Media responses currently streaming a body on this origin. */
  activeResponses: number;
}

export interface ThrottleHandle {
  /** Cancels any running schedule, then applies the given fields. */
  set(settings: ThrottleSettings): ThrottleState;
  /** Runs the steps in order; after the last step its setting stays in effect. */
  schedule(steps: ThrottleStep[]): ThrottleState;
  /** Unlimited bandwidth, no latency, no schedule. */
  clear(): ThrottleState;
  state(): ThrottleState;
}

export interface HeaderPolicy {
  /** Access-Control-Allow-Origin: * (+ Range allowed, Content-Range/Content-Length exposed). */
  cors: boolean;
  /** Timing-Allow-Origin: * — lets Resource Timing expose sizes/timings cross-origin. */
  timingAllowOrigin: boolean;
}

export interface HeaderHandle {
  set(policy: Partial<HeaderPolicy>): HeaderPolicy;
  state(): HeaderPolicy;
}

/** One served request: the network ground truth tests compare the extension against. */
export interface RequestLogEntry {
  id: number;
  origin: OriginName;
  method: string;
  /** Path plus query string, as requested. */
  path: string;
  /** The Range request header, or null. */
  range: string | null;
  /** The CMCD-* request header values joined with ',', or null when the request had none. */
  cmcd: string | null;
  /** HTTP status sent; 0 if the client left before the headers went out. */
  status: number;
  /** Body bytes written so far (updated live while the response streams). */
  bytes: number;
  /** Date.now() when the request arrived. */
  time: number;
  /** Date.now() when the headers were written (after latency), or null. */
  headersAt: number | null;
  /** Date.now() when the response finished or was aborted, or null while in flight. */
  end: number | null;
  durationMs: number | null;
  /** True when the client went away before the body was complete. */
  aborted: boolean;
}

export interface OriginState {
  throttle: ThrottleState;
  headers: HeaderPolicy;
}

export interface ServerState {
  origins: Record<OriginName, string>;
  a: OriginState;
  b: OriginState;
}

export interface StreamServerOptions {
  /** Directory served under /media/. Default: tests/.cache/media. */
  mediaDir?: string;
  /** Fixed ports (default 0 = any free port). */
  portA?: number;
  portB?: number;
}

export interface StreamServer {
  /** Base URLs without trailing slash: a = http://127.0.0.1:<port>, b = http://localhost:<port>. */
  readonly origins: Record<OriginName, string>;
  readonly mediaDir: string;
  /** Absolute URL of `path` (leading slash optional) on the given origin. */
  url(origin: OriginName, path: string): string;
  throttle(origin: OriginName): ThrottleHandle;
  headers(origin: OriginName): HeaderHandle;
  /** Live request log of both origins, oldest first (control requests are not logged). */
  readonly requests: readonly RequestLogEntry[];
  clearLog(): void;
  state(): ServerState;
  /** Clears throttles, restores default headers (both on) and empties the log. */
  reset(): void;
  close(): Promise<void>;
}
