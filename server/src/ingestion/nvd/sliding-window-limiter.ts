import Bottleneck from 'bottleneck';

export interface RateLimit {
  requests: number;
  perMs: number;
}

/**
 * At most `requests` requests in any `perMs` window, as NVD counts them (a rolling 30 s window).
 * Bottleneck's reservoirRefreshInterval resets on fixed ticks, which lets N requests just before a tick
 * and N just after it through: 2N within a moment. Instead every request takes one unit of the
 * reservoir and hands it back `perMs` after it finished, which makes the window slide. Counting from
 * the finish rather than the start matters: NVD counts arrivals, and a request that was slow to
 * arrive followed by a fast one would otherwise land N+1 requests in NVD's window.
 */
export class SlidingWindowLimiter {
  private readonly limiter: Bottleneck;

  constructor(private readonly rateLimit: RateLimit) {
    const { requests, perMs } = rateLimit;
    if (!Number.isInteger(requests) || requests < 1 || !(perMs > 0)) {
      throw new RangeError(`invalid rate limit: ${requests} requests per ${perMs} ms`);
    }
    this.limiter = new Bottleneck({ reservoir: requests });
  }

  schedule<T>(request: () => Promise<T>): Promise<T> {
    return this.limiter.schedule(async () => {
      try {
        return await request();
      } finally {
        // unref: a pending hand-back must not keep the process alive once the work is done.
        setTimeout(() => void this.limiter.incrementReservoir(1), this.rateLimit.perMs).unref();
      }
    });
  }
}
