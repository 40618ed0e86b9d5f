import { FakeNvdServer, FakeNvdServerOptions, readNvdFixture, startFakeNvdServer } from './__tests__/fake-nvd-server';
import { NvdClient, NvdClientOptions, NvdFetchError, NvdPage, NvdPageQuery, NvdProgress } from './nvd-client';

// 38 real vulnerabilities as NVD returned them on 2023-10-18.
const fullPage = readNvdFixture('vunnel/full-page.json');
const records = fullPage.vulnerabilities;
const ids = records.map((record: any) => record.cve.id as string);
const API_KEY = 'd3adb33f-0000-4000-8000-5ecret0a1b2c';
const DAY_MS = 24 * 3600 * 1000;

let server: FakeNvdServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(options: Partial<FakeNvdServerOptions> = {}): Promise<FakeNvdServer> {
  server = await startFakeNvdServer({ records, timestamp: fullPage.timestamp, ...options });
  return server;
}

function clientFor(fake: FakeNvdServer, options: NvdClientOptions = {}): NvdClient {
  return new NvdClient({ baseUrl: fake.url, rateLimit: { requests: 1000, perMs: 1000 }, backoffBaseMs: 5, ...options });
}

async function collect(client: NvdClient, query?: NvdPageQuery): Promise<NvdPage[]> {
  const pages: NvdPage[] = [];
  for await (const page of client.pages(query)) pages.push(page);
  return pages;
}

const cveIds = (pages: NvdPage[]) => pages.flatMap((page) => page.vulnerabilities.map((cve: any) => cve.id as string));

async function failureOf(promise: Promise<unknown>): Promise<NvdFetchError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(NvdFetchError);
  return error as NvdFetchError;
}

describe('NvdClient paging', () => {
  it('pages through the 38 real records 10 at a time', async () => {
    const fake = await serve();
    const progress: NvdProgress[] = [];
    const pages = await collect(clientFor(fake, { resultsPerPage: 10, onProgress: (p) => progress.push(p) }));

    expect(fake.requests.map((r) => r.params.get('startIndex'))).toEqual(['0', '10', '20', '30']);
    expect(fake.requests.every((r) => r.params.get('resultsPerPage') === '10')).toBe(true);
    expect(pages.map((p) => [p.startIndex, p.totalResults, p.vulnerabilities.length])).toEqual([
      [0, 38, 10],
      [10, 38, 10],
      [20, 38, 10],
      [30, 38, 8],
    ]);
    expect(cveIds(pages)).toEqual(ids);
    expect(pages[0].timestamp.toISOString()).toBe('2023-10-18T18:04:18.493Z');
    expect(progress.map((p) => p.fetched)).toEqual([10, 20, 30, 38]);
    expect(progress.every((p) => p.total === 38 && p.window === undefined)).toBe(true);
  });

  it('splits a 300-day lastMod range into three windows of at most 120 days', async () => {
    const fake = await serve();
    const start = new Date('2024-01-01T00:00:00.000Z');
    const end = new Date(start.getTime() + 300 * DAY_MS);
    const windows: NvdProgress['window'][] = [];
    const pages = await collect(clientFor(fake, { onProgress: (p) => windows.push(p.window) }), {
      lastModStart: start,
      lastModEnd: end,
    });

    expect(fake.requests.map((r) => [r.params.get('lastModStartDate'), r.params.get('lastModEndDate')])).toEqual([
      ['2024-01-01T00:00:00.000Z', '2024-04-30T00:00:00.000Z'],
      ['2024-04-30T00:00:00.000Z', '2024-08-28T00:00:00.000Z'],
      ['2024-08-28T00:00:00.000Z', '2024-10-27T00:00:00.000Z'],
    ]);
    expect(fake.requests[0].rawUrl).toContain(
      'lastModStartDate=2024-01-01T00%3A00%3A00.000Z&lastModEndDate=2024-04-30T00%3A00%3A00.000Z',
    );
    for (const window of windows) {
      expect(window!.end.getTime() - window!.start.getTime()).toBeLessThanOrEqual(120 * DAY_MS);
    }
    expect(pages).toHaveLength(3);
  });

  it('pages to the new total when records are added while paging', async () => {
    const fake = await serve({ records: (n) => (n === 0 ? records.slice(0, 25) : records) });
    const pages = await collect(clientFor(fake, { resultsPerPage: 10 }));

    expect(new Set(cveIds(pages))).toEqual(new Set(ids));
    expect(fake.requests.map((r) => r.params.get('startIndex'))).toEqual(['0', '10', '20', '30']);
  });

  it('steps back when records leave the result set while paging, so none is skipped', async () => {
    const remaining = records.filter((_, i) => i > 2);
    const fake = await serve({ records: (n) => (n === 0 ? records : remaining) });
    const pages = await collect(clientFor(fake, { resultsPerPage: 10 }));

    const seen = new Set(cveIds(pages));
    for (const record of remaining) expect(seen).toContain((record as any).cve.id);
    expect(fake.requests.map((r) => r.params.get('startIndex'))).toEqual(['0', '10', '7', '17', '27']);
  });
});

describe('NvdClient API key', () => {
  it('sends the key only as a header and keeps it out of URLs, logs and errors', async () => {
    const fake = await serve({
      override: (n) =>
        n === 0
          ? { status: 503 }
          : n === 2
            ? { status: 404, headers: { message: `Invalid apiKey: ${API_KEY}` } }
            : undefined,
    });
    const logs: string[] = [];
    const client = clientFor(fake, { apiKey: API_KEY, resultsPerPage: 20, log: (line) => logs.push(line) });
    const error = await failureOf(collect(client));

    expect(fake.requests).toHaveLength(3);
    expect(fake.requests.every((r) => r.headers['apikey'] === API_KEY)).toBe(true);
    expect(fake.requests.some((r) => r.rawUrl.includes(API_KEY))).toBe(false);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.filter((line) => line.includes(API_KEY))).toEqual([]);
    expect(error.status).toBe(404);
    expect(error.message).toContain('Invalid apiKey');
    expect(error.message).not.toContain(API_KEY);
    expect(error.url).not.toContain(API_KEY);
    expect(String(error.stack)).not.toContain(API_KEY);
  });

  it('sends no apiKey header without a key', async () => {
    const fake = await serve();
    await collect(clientFor(fake));
    expect(fake.requests[0].headers['apikey']).toBeUndefined();
  });
});

describe('NvdClient rate limit', () => {
  it('never starts more than 3 requests in any 300 ms window, but bursts up to 3', async () => {
    const fake = await serve();
    await collect(clientFor(fake, { resultsPerPage: 5, rateLimit: { requests: 3, perMs: 300 } }));

    const at = fake.requests.map((r) => r.at);
    expect(at).toHaveLength(8);
    for (let i = 0; i + 3 < at.length; i++) expect(at[i + 3] - at[i]).toBeGreaterThanOrEqual(300);
    expect(at[2] - at[0]).toBeLessThan(150);
    expect(at[7] - at[0]).toBeLessThan(1200);
  });
});

describe('NvdClient retries', () => {
  it('retries a 503 and then succeeds', async () => {
    const fake = await serve({ override: (n) => (n === 0 ? { status: 503 } : undefined) });
    const logs: string[] = [];
    const pages = await collect(clientFor(fake, { log: (line) => logs.push(line) }));

    expect(fake.requests.map((r) => r.params.get('startIndex'))).toEqual(['0', '0']);
    expect(cveIds(pages)).toEqual(ids);
    expect(logs.join('\n')).toMatch(/HTTP 503.*retry 1\/6/);
  });

  it('waits as long as Retry-After says on a 429', async () => {
    const fake = await serve({
      override: (n) => (n === 0 ? { status: 429, headers: { 'retry-after': '1' } } : undefined),
    });
    const pages = await collect(clientFor(fake, { backoffBaseMs: 1 }));

    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1].at - fake.requests[0].at).toBeGreaterThanOrEqual(990);
    expect(cveIds(pages)).toEqual(ids);
  });

  it.each([
    ['a JSON body cut in half', { cut: 'json' } as const, /not valid JSON/],
    ['a connection dropped mid-body', { cut: 'connection' } as const, /body cut off/],
    ['a page with fewer records than asked for', { dropRecords: 1 }, /9 vulnerabilities, expected 10 of 38/],
  ])('retries %s and then succeeds', async (_name, reply, logged) => {
    const fake = await serve({ override: (n) => (n === 1 ? reply : undefined) });
    const logs: string[] = [];
    const pages = await collect(clientFor(fake, { resultsPerPage: 10, log: (line) => logs.push(line) }));

    expect(fake.requests.map((r) => r.params.get('startIndex'))).toEqual(['0', '10', '10', '20', '30']);
    expect(cveIds(pages)).toEqual(ids);
    expect(logs.join('\n')).toMatch(logged);
  });

  it('gives up after maxRetries with an NvdFetchError naming the URL and status', async () => {
    const fake = await serve({ override: () => ({ status: 503 }) });
    const error = await failureOf(collect(clientFor(fake, { maxRetries: 2 })));

    expect(fake.requests).toHaveLength(3);
    expect(error.status).toBe(503);
    expect(error.attempts).toBe(3);
    expect(error.url).toBe(`${fake.url}?resultsPerPage=2000&startIndex=0`);
    expect(error.message).toContain(`GET ${fake.url}?resultsPerPage=2000&startIndex=0`);
    expect(error.message).toMatch(/failed after 3 attempts: HTTP 503\. .*retry later/);
  });

  it('tells the user about NVD_API_KEY when rate-limited to the end', async () => {
    const fake = await serve({ override: () => ({ status: 403 }) });
    const error = await failureOf(collect(clientFor(fake, { maxRetries: 1 })));
    expect(error.message).toMatch(/HTTP 403\. .*set NVD_API_KEY for higher rate limits, or retry later/);
  });

  it('fails on a 404 at once, without retries', async () => {
    const fake = await serve({ override: () => ({ status: 404 }) });
    const error = await failureOf(collect(clientFor(fake)));

    expect(fake.requests).toHaveLength(1);
    expect(error.status).toBe(404);
    expect(error.message).toContain(`GET ${fake.url}?resultsPerPage=2000&startIndex=0 failed: HTTP 404`);
    expect(error.message).toContain('check the NVD base URL');
  });

  it('retries network errors and reports them without a status', async () => {
    const fake = await serve();
    const client = clientFor(fake, { maxRetries: 1 });
    await fake.close();
    server = undefined;
    const error = await failureOf(collect(client));

    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/after 2 attempts: network error: fetch failed: .*ECONNREFUSED/);
  });
});
