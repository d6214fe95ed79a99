// Small process and number helpers shared by the media generator modules.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { FfmpegCommand } from './plan';

export const execFileAsync = promisify(execFile);

export async function runFfmpeg(
  command: FfmpegCommand,
  cwd: string,
  log: (m: string) => void,
): Promise<void> {
  const started = Date.now();
  try {
    await execFileAsync('ffmpeg', command.args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = error instanceof Error && 'stderr' in error ? String(error.stderr) : '';
    throw new Error(`ffmpeg failed (${command.label}): ${stderr.trim().slice(-2000) || String(error)}`);
  }
  log(`${command.label}: ${seconds(Date.now() - started)} s`);
}

export async function ffmpegVersion(): Promise<string> {
  const { stdout } = await execFileAsync('ffmpeg', ['-hide_banner', '-version']);
  return stdout.split('\n')[0]?.trim() ?? 'unknown';
}

/** Runs fn over items with at most `limit` in flight (ffprobe is CPU-bound; we have two cores). */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
