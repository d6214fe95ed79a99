/**
 * Batches each session's samples and events to the worker and keeps them until the worker says they
 * committed. A worker that Chrome stops mid-send just means the batch goes again on the next flush;
 * the store is idempotent on (session, seq), so a resend changes nothing. A batch the worker refuses as
 * invalid is final: the worker set it aside in quarantine, and resending it would fail the same way
 * forever, so the session is refused from then on and what it still queues is counted, not sent.
 */

import { MAX_BATCH_EVENTS, MAX_BATCH_SAMPLES } from '@/utils/messaging/limits';
import type { BatchAck, RecordBatch } from '@/utils/messaging/worker-protocol';
import type { PlaybackEvent, Sample, SessionMeta } from '@/utils/schema/playback';

interface Pending {
  meta: SessionMeta;
  samples: Sample[];
  events: PlaybackEvent[];
  inFlight: boolean;
  /** The batch last sent and not yet acknowledged: resent exactly as it was, so the store sees the same records. */
  frozen: { samples: Sample[]; events: PlaybackEvent[] } | null;
  /** Meta changed (e.g. ended) and must reach the store even with no new records. */
  dirty: boolean;
}

/** Beyond this a session keeps only its newest records: a worker gone for good must not grow the page. */
const MAX_QUEUED = 20_000;

export class Outbox {
  private readonly pending = new Map<string, Pending>();
  sent = 0;
  acked = 0;
  failures = 0;
  /** Sessions the worker refused as invalid, and how many of their records it did not store. */
  private readonly refused = new Set<string>();
  refusedRecords = 0;

  constructor(private readonly send: (batch: RecordBatch) => Promise<BatchAck | undefined>) {}

  meta(meta: SessionMeta): void {
    if (this.refused.has(meta.id)) return;
    const p = this.entry(meta);
    p.meta = meta;
    p.dirty = true;
  }

  sample(meta: SessionMeta, s: Sample): void {
    if (this.refuse(meta)) return;
    const p = this.entry(meta);
    p.samples.push(s);
    if (p.samples.length > MAX_QUEUED) p.samples.splice(0, p.samples.length - MAX_QUEUED);
  }

  event(meta: SessionMeta, e: PlaybackEvent): void {
    if (this.refuse(meta)) return;
    const p = this.entry(meta);
    p.events.push(e);
    if (p.events.length > MAX_QUEUED) p.events.splice(0, p.events.length - MAX_QUEUED);
  }

  get queued(): number {
    let n = 0;
    for (const p of this.pending.values()) n += p.samples.length + p.events.length;
    return n;
  }

  /** Sends every session's next batch; resolves when each has been acknowledged or has failed. */
  async flush(): Promise<void> {
    await Promise.all([...this.pending.values()].map((p) => this.flushOne(p)));
  }

  get refusedSessions(): number {
    return this.refused.size;
  }

  /** Whether a record of this session is dropped (and counted) because the worker refused it. */
  private refuse(meta: SessionMeta): boolean {
    if (!this.refused.has(meta.id)) return false;
    this.refusedRecords++;
    return true;
  }

  private entry(meta: SessionMeta): Pending {
    let p = this.pending.get(meta.id);
    if (!p) {
      p = { meta, samples: [], events: [], inFlight: false, dirty: true, frozen: null };
      this.pending.set(meta.id, p);
    }
    return p;
  }

  private async flushOne(p: Pending): Promise<void> {
    if (p.inFlight || (!p.dirty && p.samples.length === 0 && p.events.length === 0)) return;
    p.inFlight = true;
    p.frozen ??= {
      samples: p.samples.slice(0, MAX_BATCH_SAMPLES),
      events: p.events.slice(0, MAX_BATCH_EVENTS),
    };
    const { samples, events } = p.frozen;
    const batch: RecordBatch = { type: 'recordBatch', session: p.meta, samples, events };
    const wasDirty = p.dirty;
    p.dirty = false;
    this.sent++;
    try {
      const ack = await this.send(batch);
      if (ack && !ack.ok && ack.invalid) {
        this.refused.add(p.meta.id);
        this.refusedRecords += p.samples.length + p.events.length;
        this.pending.delete(p.meta.id);
        return;
      }
      if (!ack?.ok) throw new Error(ack ? ack.error : 'no answer');
      this.acked++;
      p.frozen = null;
      // Drop exactly what was acknowledged; anything queued meanwhile stays.
      const sentS = new Set(samples.map((s) => s.seq));
      const sentE = new Set(events.map((e) => e.seq));
      p.samples = p.samples.filter((s) => !sentS.has(s.seq));
      p.events = p.events.filter((e) => !sentE.has(e.seq));
      if (p.meta.endedAt !== undefined && p.samples.length === 0 && p.events.length === 0 && !p.dirty) {
        this.pending.delete(p.meta.id);
      }
    } catch {
      this.failures++;
      p.dirty = p.dirty || wasDirty;
    } finally {
      p.inFlight = false;
    }
  }
}
