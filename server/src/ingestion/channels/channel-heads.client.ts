import { setTimeout as sleep } from 'node:timers/promises';
import { ChannelHeadsError } from './channel-heads.error';
import { ChannelHeadsResult, toChannelHeads } from './channel-heads';
import { parsePrometheusVector, PrometheusSample } from './prometheus-vector';

export { ChannelHeadsError } from './channel-heads.error';
export type { ChannelHead, ChannelHeadsResult, ChannelStatus, SkippedChannel } from './channel-heads';

/** The NixOS infrastructure's Prometheus, which scrapes the channel exporter. */
export const NIXOS_PROMETHEUS_URL = 'https://prometheus.nixos.org';

export interface ChannelHeadsFetchOptions {
  /** Attempts per query, the first included. */
  attempts?: number;
  /** First retry delay; doubles with each retry. */
  backoffMs?: number;
  requestTimeoutMs?: number;
}

type Failure = { failure: string; kind: 'unavailable' | 'refused' | 'malformed' | 'query'; status?: number };
type AttemptResult = { samples: PrometheusSample[] } | Failure;

/**
 * Current channel heads as the NixOS monitoring reports them (Prometheus HTTP API, instant queries
 * `channel_revision` and `channel_update_time`). Series without a usable revision are skipped and listed.
 */
export async function fetchChannelHeads(
  baseUrl: string,
  fetchImpl: typeof fetch = fetch,
  options: ChannelHeadsFetchOptions = {},
): Promise<ChannelHeadsResult> {
  const revisions = await queryVector(baseUrl, 'channel_revision', fetchImpl, options);
  const updateTimes = await queryVector(baseUrl, 'channel_update_time', fetchImpl, options);
  return toChannelHeads(revisions, updateTimes);
}

async function queryVector(
  baseUrl: string,
  query: string,
  fetchImpl: typeof fetch,
  options: ChannelHeadsFetchOptions,
): Promise<PrometheusSample[]> {
  const url = queryUrl(baseUrl, query);
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    const result = await attemptQuery(url, fetchImpl, options.requestTimeoutMs ?? 30_000);
    if ('samples' in result) return result.samples;
    if (result.kind !== 'unavailable' || attempt >= attempts) throw failure(baseUrl, url, query, result, attempt);
    await sleep(backoffMs * 2 ** (attempt - 1));
  }
}

function queryUrl(baseUrl: string, query: string): URL {
  let url: URL;
  try {
    url = new URL(`${baseUrl.replace(/\/+$/, '')}/api/v1/query`);
  } catch {
    const advice = `expected the base URL of a Prometheus server, e.g. ${NIXOS_PROMETHEUS_URL}`;
    throw new ChannelHeadsError(`Channel heads: ${JSON.stringify(baseUrl)} is not a URL: ${advice}.`, baseUrl);
  }
  url.searchParams.set('query', query);
  return url;
}

async function attemptQuery(url: URL, fetchImpl: typeof fetch, timeoutMs: number): Promise<AttemptResult> {
  let response: Response;
  let body: string;
  try {
    response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
    body = await response.text();
  } catch (error) {
    return { failure: `network error: ${describe(error)}`, kind: 'unavailable' };
  }
  const status = response.status;
  const parsed = parsePrometheusVector(body);
  if (!response.ok) {
    // Prometheus explains refusals (400 bad_data, 422 execution, 503 timeout) in a JSON body.
    const explanation = 'queryError' in parsed ? ` (${parsed.queryError})` : '';
    const kind = status >= 500 || status === 429 ? 'unavailable' : 'refused';
    return { failure: `HTTP ${status}${explanation}`, kind, status };
  }
  if ('samples' in parsed) return parsed;
  if ('queryError' in parsed) return { failure: `query error: ${parsed.queryError}`, kind: 'query', status };
  return { failure: `not a Prometheus query response: ${parsed.malformed}`, kind: 'malformed', status };
}

function failure(baseUrl: string, url: URL, query: string, result: Failure, attempts: number): ChannelHeadsError {
  const prometheusBase = `that ${baseUrl} is the base URL of a Prometheus server (without /api/v1), e.g. ${NIXOS_PROMETHEUS_URL}`;
  const advice = {
    unavailable: `Check that ${baseUrl} is reachable from this host, or configure static channel heads for an air-gapped setup.`,
    refused: `Check ${prometheusBase}.`,
    malformed: `Check ${prometheusBase}.`,
    query: `Check that ${baseUrl} scrapes the NixOS channel exporter (metric ${query}).`,
  }[result.kind];
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const message = `Channel heads: GET ${url.href} failed${tries}: ${result.failure}. ${advice}`;
  return new ChannelHeadsError(message, url.href, result.status);
}

/** Duck-typed: fetch's errors can come from another realm (e.g. under jest), so instanceof Error fails. */
function describe(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
  return [message ?? String(error), cause?.message].filter(Boolean).join(': ');
}
