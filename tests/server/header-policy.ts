import type { ServerResponse } from 'node:http';
import type { HeaderHandle, HeaderPolicy } from './types';

export const DEFAULT_HEADER_POLICY: Readonly<HeaderPolicy> = { cors: true, timingAllowOrigin: true };

/**
 * Per-origin switchable CORS / Timing-Allow-Origin. Without TAO a cross-origin Resource Timing entry hides
 * transferSize and the detailed timings, which is exactly what tests of the extension's fallbacks need.
 */
export class OriginHeaders implements HeaderHandle {
  private policy: HeaderPolicy = { ...DEFAULT_HEADER_POLICY };

  set(policy: Partial<HeaderPolicy>): HeaderPolicy {
    this.policy = { ...this.policy, ...policy };
    return this.state();
  }

  state(): HeaderPolicy {
    return { ...this.policy };
  }

  reset(): void {
    this.policy = { ...DEFAULT_HEADER_POLICY };
  }

  /** Adds the headers this policy asks for to a normal (non-preflight) response. */
  apply(res: ServerResponse): void {
    if (this.policy.cors) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, Accept-Ranges');
    }
    if (this.policy.timingAllowOrigin) res.setHeader('Timing-Allow-Origin', '*');
  }

  /** Answers a CORS preflight (players send one for Range requests from another origin). */
  preflight(res: ServerResponse): void {
    if (this.policy.cors) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
      res.setHeader(
        'Access-Control-Allow-Headers',
        'Range, Content-Type, CMCD-Object, CMCD-Request, CMCD-Session, CMCD-Status',
      );
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.writeHead(204).end();
  }
}
