import type { OriginName, RequestLogEntry } from './types';

/** Long demo sessions would otherwise grow the log without bound. */
const MAX_ENTRIES = 50_000;

export class RequestLog {
  /** Kept as one array (cleared in place) so `server.requests` stays a live view. */
  readonly entries: RequestLogEntry[] = [];
  private nextId = 1;

  begin(
    origin: OriginName,
    method: string,
    path: string,
    range: string | null,
    cmcd: string | null = null,
  ): RequestLogEntry {
    const entry: RequestLogEntry = {
      id: this.nextId++,
      origin,
      method,
      path,
      range,
      cmcd,
      status: 0,
      bytes: 0,
      time: Date.now(),
      headersAt: null,
      end: null,
      durationMs: null,
      aborted: false,
    };
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return entry;
  }

  finish(entry: RequestLogEntry, aborted: boolean): void {
    if (entry.end !== null) return;
    entry.end = Date.now();
    entry.durationMs = entry.end - entry.time;
    entry.aborted = aborted;
  }

  since(id: number): RequestLogEntry[] {
    return this.entries.filter((e) => e.id > id);
  }

  clear(): void {
    this.entries.length = 0;
  }
}
