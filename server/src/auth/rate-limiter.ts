import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';

const WINDOW_MS = 60_000;

/**
 * Sliding one-minute windows per IP and per API token, counted in this process's memory by
 * @nestjs/throttler's storage. Memory, not PostgreSQL: the limits guard against runaway scripts
 * and floods, where a database write per request would cost more than the request itself, and a
 * restart forgetting the counts is harmless. With several `serve` processes each counts its own
 * requests (the effective limit is N times the setting). Requests over the limit are not counted,
 * so a client that backs off gets through again as its old requests leave the window.
 */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  private readonly storage = new ThrottlerStorageService();

  async hit(key: string, limitPerMinute: number): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
    const record = await this.storage.increment(key, WINDOW_MS, limitPerMinute, 0, 'api');
    return { allowed: !record.isBlocked, retryAfterSeconds: Math.max(1, record.timeToBlockExpire) };
  }

  onApplicationShutdown(): void {
    this.storage.onApplicationShutdown();
  }
}
