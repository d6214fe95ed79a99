import { setTimeout as sleep } from 'node:timers/promises';
import { TokenBucket } from './token-bucket';
import type { ThrottleHandle, ThrottleSettings, ThrottleState, ThrottleStep } from './types';

interface RunningSchedule {
  steps: ThrottleStep[];
  stepIndex: number;
  startedAt: number;
  stepEndsAt: number;
  timer: NodeJS.Timeout;
}

/** Bandwidth + latency of one origin, optionally driven by a timed schedule of steps. */
export class OriginThrottle implements ThrottleHandle {
  private readonly bucket = new TokenBucket();
  private latencyMs = 0;
  private running: RunningSchedule | null = null;
  private active = 0;

  set(settings: ThrottleSettings): ThrottleState {
    this.cancelSchedule();
    this.apply(settings);
    return this.state();
  }

  schedule(steps: ThrottleStep[]): ThrottleState {
    this.cancelSchedule();
    if (steps.length > 0) this.startStep(steps, 0, Date.now());
    return this.state();
  }

  clear(): ThrottleState {
    this.cancelSchedule();
    this.apply({ bytesPerSecond: null, latencyMs: 0 });
    return this.state();
  }

  state(): ThrottleState {
    const r = this.running;
    return {
      bytesPerSecond: this.bucket.getRate(),
      latencyMs: this.latencyMs,
      schedule: r
        ? { steps: r.steps, stepIndex: r.stepIndex, startedAt: r.startedAt, stepEndsAt: r.stepEndsAt }
        : null,
      activeResponses: this.active,
    };
  }

  /** Waits out the configured latency (read when the request arrives). */
  async delay(signal: AbortSignal): Promise<void> {
    if (this.latencyMs > 0) await sleep(this.latencyMs, undefined, { signal });
  }

  acquire(max: number, signal: AbortSignal): Promise<number> {
    return this.bucket.acquire(max, signal);
  }

  /** Counts streaming bodies for state(); call the returned function when the body ends. */
  track(): () => void {
    this.active += 1;
    let done = false;
    return () => {
      if (!done) this.active -= 1;
      done = true;
    };
  }

  dispose(): void {
    this.cancelSchedule();
    this.bucket.close();
  }

  private apply(settings: ThrottleSettings): void {
    if (settings.latencyMs !== undefined) this.latencyMs = Math.max(0, settings.latencyMs);
    if (settings.bytesPerSecond !== undefined) this.bucket.setRate(settings.bytesPerSecond);
  }

  private startStep(steps: ThrottleStep[], index: number, startedAt: number): void {
    const step = steps[index];
    if (!step) {
      // Past the last step: its setting simply stays in effect.
      this.running = null;
      return;
    }
    this.apply(step);
    const timer = setTimeout(() => this.startStep(steps, index + 1, startedAt), step.durationMs);
    timer.unref();
    this.running = { steps, stepIndex: index, startedAt, stepEndsAt: Date.now() + step.durationMs, timer };
  }

  private cancelSchedule(): void {
    if (this.running) clearTimeout(this.running.timer);
    this.running = null;
  }
}
