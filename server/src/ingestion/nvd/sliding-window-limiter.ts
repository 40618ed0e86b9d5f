import Bottleneck from 'bottleneck';

export interface RateLimit {
  requests: number;
  perMs: number;
}

/**
 * At most `requests` request starts in any `perMs` window, as NVD counts them (a rolling 30 s window).
 * Bottleneck's reservoirRefreshInterval resets on fixed ticks, which lets N requests just before a tick
 * and N just after it through: 2N within a moment. Instead every started request takes one unit of the
 * reservoir and hands it back `perMs` later, which makes the window slide.
 */
export class SlidingWindowLimiter {
  private readonly limiter: Bottleneck;
  private readonly holdMs: number;

  constructor({ requests, perMs }: RateLimit) {
    if (!Number.isInteger(requests) || requests < 1 || !(perMs > 0)) {
      throw new RangeError(`invalid rate limit: ${requests} requests per ${perMs} ms`);
    }
    this.limiter = new Bottleneck({ reservoir: requests });
    // NVD counts arrivals, and latency varies; a 2 % margin keeps a slow request followed by a fast
    // one from landing N+1 requests in NVD's window.
    this.holdMs = perMs + Math.ceil(perMs / 50);
  }

  schedule<T>(request: () => Promise<T>): Promise<T> {
    return this.limiter.schedule(() => {
      setTimeout(() => void this.limiter.incrementReservoir(1), this.holdMs).unref();
      return request();
    });
  }
}
