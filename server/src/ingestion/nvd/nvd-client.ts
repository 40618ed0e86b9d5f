import { setTimeout as sleep } from 'node:timers/promises';
import { formatNvdDate, LastModWindow, splitIntoWindows } from './lastmod-windows';
import { NvdFetchError } from './nvd-fetch.error';
import { NvdPage, parseNvdPage } from './nvd-page';
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs } from './retry-delay';
import { RateLimit, SlidingWindowLimiter } from './sliding-window-limiter';

export { NvdFetchError } from './nvd-fetch.error';
export type { NvdPage } from './nvd-page';

export const NVD_CVE_API_URL = 'https://services.nvd.nist.gov/rest/json/cves/2.0';
/** The API refuses larger pages. */
export const MAX_RESULTS_PER_PAGE = 2000;

export interface NvdProgress {
  /** Position reached in the current query (or lastMod window), out of `total`. */
  fetched: number;
  total: number;
  window?: LastModWindow;
}

export interface NvdClientOptions {
  baseUrl?: string;
  apiKey?: string;
  resultsPerPage?: number;
  /** Defaults to NVD's published limits: 5 per 30 s without a key, 50 per 30 s with one. */
  rateLimit?: RateLimit;
  /** Retries after the first attempt of each request. */
  maxRetries?: number;
  backoffBaseMs?: number;
  /** A request that has not completed by then is aborted and counts as a network error. */
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
  onProgress?: (progress: NvdProgress) => void;
  log?: (line: string) => void;
}

export interface NvdPageQuery {
  /** Incremental mode: only CVEs modified in [lastModStart, lastModEnd ?? now]. */
  lastModStart?: Date;
  lastModEnd?: Date;
}

type AttemptResult =
  | { page: NvdPage }
  | { failure: string; status?: number; retryable: boolean; retryAfterMs?: number };

/**
 * Client for the NVD CVE API 2.0 (https://nvd.nist.gov/developers/vulnerabilities): pages, lastMod
 * windows, rate limiting and retries. Pure HTTP: storing what it yields is the caller's business.
 */
export class NvdClient {
  private readonly baseUrl: string;
  private readonly apiKey: string | undefined;
  private readonly resultsPerPage: number;
  private readonly maxRetries: number;
  private readonly backoffBaseMs: number;
  private readonly requestTimeoutMs: number;
  private readonly fetch: typeof fetch;
  private readonly limiter: SlidingWindowLimiter;
  private readonly onProgress: (progress: NvdProgress) => void;
  private readonly logLine: (line: string) => void;

  constructor(options: NvdClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? NVD_CVE_API_URL;
    this.apiKey = options.apiKey || undefined;
    this.resultsPerPage = options.resultsPerPage ?? MAX_RESULTS_PER_PAGE;
    const perPage = this.resultsPerPage;
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_RESULTS_PER_PAGE) {
      throw new RangeError(`resultsPerPage must be an integer from 1 to ${MAX_RESULTS_PER_PAGE}`);
    }
    this.maxRetries = options.maxRetries ?? 6;
    this.backoffBaseMs = options.backoffBaseMs ?? 6000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 120_000;
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.limiter = new SlidingWindowLimiter(
      options.rateLimit ?? { requests: this.apiKey ? 50 : 5, perMs: 30_000 },
    );
    this.onProgress = options.onProgress ?? (() => undefined);
    this.logLine = options.log ?? (() => undefined);
  }

  /** Every page of the query, in order; with lastModStart, every page of every ≤ 120-day window. */
  async *pages(query: NvdPageQuery = {}): AsyncGenerator<NvdPage> {
    if (!query.lastModStart) {
      if (query.lastModEnd) throw new RangeError('lastModEnd needs lastModStart');
      yield* this.pagesOf();
      return;
    }
    const windows = splitIntoWindows(query.lastModStart, query.lastModEnd ?? new Date());
    for (const [i, window] of windows.entries()) {
      const range = `${formatNvdDate(window.start)} – ${formatNvdDate(window.end)}`;
      this.log(`NVD: lastMod window ${i + 1}/${windows.length}: ${range}`);
      yield* this.pagesOf(window);
    }
  }

  /**
   * NVD data changes while we page, and `totalResults` shows it. Paging always runs to the latest
   * total, so records added meanwhile are reached (an insertion before our position only re-delivers
   * a record). A smaller total means records left the result set (in a lastMod window: modified again
   * after its end, so the next incremental run picks them up), and up to that many unread records moved
   * up past our position; stepping back by the shrink reads them. Both cases deliver duplicates, never
   * gaps, so callers upsert by CVE id.
   */
  private async *pagesOf(window?: LastModWindow): AsyncGenerator<NvdPage> {
    let startIndex = 0;
    let previousTotal: number | undefined;
    for (;;) {
      const page = await this.fetchPage(this.pageUrl(startIndex, window), startIndex);
      const received = page.vulnerabilities.length;
      const total = page.totalResults;
      this.onProgress({ fetched: Math.min(startIndex + received, total), total, window });
      yield page;
      const shrunkBy = (previousTotal ?? total) - total;
      if (shrunkBy !== 0) this.log(`NVD: totalResults changed from ${previousTotal} to ${total} while paging`);
      previousTotal = total;
      startIndex = shrunkBy > 0 ? Math.max(0, startIndex - shrunkBy) : startIndex + received;
      if (startIndex >= total) return;
    }
  }

  private pageUrl(startIndex: number, window?: LastModWindow): URL {
    const url = new URL(this.baseUrl);
    url.searchParams.set('resultsPerPage', String(this.resultsPerPage));
    url.searchParams.set('startIndex', String(startIndex));
    if (window) {
      url.searchParams.set('lastModStartDate', formatNvdDate(window.start));
      url.searchParams.set('lastModEndDate', formatNvdDate(window.end));
    }
    return url;
  }

  private async fetchPage(url: URL, startIndex: number): Promise<NvdPage> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.limiter.schedule(() => this.attempt(url, startIndex));
      if ('page' in result) return result.page;
      if (!result.retryable || attempt > this.maxRetries) throw this.failure(url, result, attempt);
      const delayMs = result.retryAfterMs ?? backoffDelayMs(attempt - 1, this.backoffBaseMs);
      this.log(`NVD: GET ${url.href} failed (${result.failure}); retry ${attempt}/${this.maxRetries} in ${delayMs} ms`);
      await sleep(delayMs);
    }
  }

  private async attempt(url: URL, startIndex: number): Promise<AttemptResult> {
    let response: Response;
    try {
      response = await this.fetch(url, {
        headers: { accept: 'application/json', ...(this.apiKey ? { apiKey: this.apiKey } : {}) },
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
    } catch (error) {
      return { failure: `network error: ${describe(error)}`, retryable: true };
    }
    const status = response.status;
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      // NVD explains refusals in a `message` header ("Invalid apiKey."), not in the body.
      const message = response.headers.get('message');
      return {
        failure: `HTTP ${status}${message ? ` (${message})` : ''}`,
        status,
        retryable: isRetryableStatus(status),
        retryAfterMs: parseRetryAfterMs(response.headers.get('retry-after')),
      };
    }
    let body: string;
    try {
      body = await response.text();
    } catch (error) {
      return { failure: `response body cut off: ${describe(error)}`, status, retryable: true };
    }
    const parsed = parseNvdPage(body, { startIndex, resultsPerPage: this.resultsPerPage });
    if ('page' in parsed) return parsed;
    return { failure: `HTTP ${status} with an invalid page: ${parsed.problem}`, status, retryable: true };
  }

  private failure(url: URL, result: Exclude<AttemptResult, { page: NvdPage }>, attempts: number): NvdFetchError {
    const keyAdvice = this.apiKey ? ', and that NVD_API_KEY is valid' : '';
    const advice = !result.retryable
      ? `Not retried: check the NVD base URL (${this.baseUrl}) and the query${keyAdvice}.`
      : result.status === 403 || result.status === 429
        ? this.apiKey
          ? 'NVD is rate-limiting this client (or refusing its key): retry later, and check that NVD_API_KEY is valid.'
          : 'NVD is rate-limiting this client: set NVD_API_KEY for higher rate limits, or retry later.'
        : 'NVD is unavailable or sent incomplete data: retry later (NVD_API_KEY also gives higher rate limits).';
    const tries = attempts === 1 ? '' : ` after ${attempts} attempts`;
    const message = this.redact(`NVD request GET ${url.href} failed${tries}: ${result.failure}. ${advice}`);
    return new NvdFetchError(message, url.href, result.status, attempts);
  }

  private log(line: string): void {
    this.logLine(this.redact(line));
  }

  /** The key never goes into URLs, but a proxy or server could echo it into an error text. */
  private redact(text: string): string {
    return this.apiKey ? text.replaceAll(this.apiKey, '[NVD_API_KEY]') : text;
  }
}

/** Duck-typed: fetch's errors can come from another realm (e.g. under jest), so instanceof Error fails. */
function describe(error: unknown): string {
  const message = (value: unknown) =>
    typeof value === 'object' && value !== null && 'message' in value ? String(value.message) : undefined;
  const cause = typeof error === 'object' && error !== null && 'cause' in error ? message(error.cause) : undefined;
  return `${message(error) ?? String(error)}${cause ? `: ${cause}` : ''}`;
}
