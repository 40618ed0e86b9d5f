import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ChannelHeadsError, fetchChannelHeads } from './channel-heads.client';

interface Reply {
  status?: number;
  body: unknown;
}
type Responder = (query: string | null, requestIndex: number) => Reply;

interface FakePrometheus {
  url: string;
  requests: { path: string; query: string | null; accept: string | undefined }[];
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function servePrometheus(respond: Responder): Promise<FakePrometheus> {
  const requests: FakePrometheus['requests'] = [];
  server = createServer((request: IncomingMessage, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const query = url.searchParams.get('query');
    requests.push({ path: url.pathname, query, accept: request.headers.accept });
    const reply = respond(query, requests.length - 1);
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    response.writeHead(reply.status ?? 200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests };
}

const QUERY_TIME = 1732406600.123;
const exporter = { instance: 'localhost:9402', job: 'channel-exporter' };

// Shaped like https://prometheus.nixos.org/api/v1/query?query=channel_revision answers.
const channels = [
  { channel: 'nixos-unstable', revision: '9f4128e00b0ae8ec65918efeba59db998750ead6', status: 'rolling', variant: 'primary', updated: 1732383216 },
  { channel: 'nixos-unstable-small', revision: '1d4c88323ac36805d09657d13a5273aea1b34f0c', status: 'rolling', variant: 'small', updated: 1732398409 },
  { channel: 'nixpkgs-unstable', revision: 'E0D1C8D6DE6C9DAE0B7EDB7D4B46A3E48F37E7F0', status: 'rolling', updated: 1732374617 },
  { channel: 'nixos-24.11', revision: '5ef6c425980847c78a80d759abc476e941a9bf42', status: 'Beta', variant: 'primary', updated: 1732369222 },
  { channel: 'nixpkgs-24.11-darwin', revision: '83fb6c028368e465cd19bb127b86f971a5e41ebc', status: 'beta', variant: 'darwin', updated: 1732377305 },
  { channel: 'nixos-24.05', revision: 'dc460ec76cbff0e66e269457d7b728432263166c', status: 'stable', variant: 'primary', updated: 1732301137 },
  { channel: 'nixos-23.11', revision: '205fd4226592cc83fd4c0885a3e4c9c400efabb5', status: 'unmaintained', variant: 'primary' },
];

function vector(name: string, series: { labels: Record<string, string>; value: string }[]) {
  return {
    status: 'success',
    data: {
      resultType: 'vector',
      result: series.map(({ labels, value }) => ({ metric: { __name__: name, ...exporter, ...labels }, value: [QUERY_TIME, value] })),
    },
  };
}

function channelRevision(list: { channel?: string; revision?: string; status?: string; variant?: string }[]) {
  return vector(
    'channel_revision',
    list.map(({ channel, revision, status, variant }) => ({
      labels: JSON.parse(JSON.stringify({ channel, revision, status, variant })) as Record<string, string>,
      value: '1',
    })),
  );
}

const channelUpdateTime = vector(
  'channel_update_time',
  channels.flatMap(({ channel, status, updated }) => (updated ? [{ labels: { channel, status }, value: String(updated) }] : [])),
);

const healthy: Responder = (query) => ({
  body: query === 'channel_revision' ? channelRevision(channels) : channelUpdateTime,
});

async function failureOf(promise: Promise<unknown>): Promise<ChannelHeadsError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChannelHeadsError);
  return error as ChannelHeadsError;
}

const fast = { backoffMs: 5 };

describe('fetchChannelHeads', () => {
  it('reads the heads of several channels, with their update times', async () => {
    const fake = await servePrometheus(healthy);
    const { heads, skipped } = await fetchChannelHeads(fake.url, fetch, fast);

    expect(skipped).toEqual([]);
    expect(heads.map((h) => [h.channel, h.revision, h.status])).toEqual([
      ['nixos-23.11', '205fd4226592cc83fd4c0885a3e4c9c400efabb5', 'unmaintained'],
      ['nixos-24.05', 'dc460ec76cbff0e66e269457d7b728432263166c', 'stable'],
      ['nixos-24.11', '5ef6c425980847c78a80d759abc476e941a9bf42', 'beta'],
      ['nixos-unstable', '9f4128e00b0ae8ec65918efeba59db998750ead6', 'rolling'],
      ['nixos-unstable-small', '1d4c88323ac36805d09657d13a5273aea1b34f0c', 'rolling'],
      ['nixpkgs-24.11-darwin', '83fb6c028368e465cd19bb127b86f971a5e41ebc', 'beta'],
      ['nixpkgs-unstable', 'e0d1c8d6de6c9dae0b7edb7d4b46a3e48f37e7f0', 'rolling'],
    ]);
    const unstable = heads.find((h) => h.channel === 'nixos-unstable')!;
    expect(unstable.updatedAt?.toISOString()).toBe('2024-11-23T17:33:36.000Z');
    expect(unstable.observedAt.toISOString()).toBe('2024-11-24T00:03:20.123Z');
    expect(heads.find((h) => h.channel === 'nixos-23.11')!.updatedAt).toBeNull();
    expect(fake.requests).toEqual([
      { path: '/api/v1/query', query: 'channel_revision', accept: 'application/json' },
      { path: '/api/v1/query', query: 'channel_update_time', accept: 'application/json' },
    ]);
  });

  it('keeps a path prefix of the base URL and ignores trailing slashes', async () => {
    const fake = await servePrometheus(healthy);
    await fetchChannelHeads(`${fake.url}/prometheus//`, fetch, fast);
    expect(fake.requests.map((r) => r.path)).toEqual(['/prometheus/api/v1/query', '/prometheus/api/v1/query']);
  });

  it('skips and reports series without a usable revision', async () => {
    const good = channels[0];
    const fake = await servePrometheus((query) => ({
      body:
        query === 'channel_update_time'
          ? channelUpdateTime
          : channelRevision([
              good,
              { channel: 'nixos-24.11', status: 'beta' },
              { channel: 'nixos-24.05', revision: 'dc460ec7', status: 'stable' },
              { channel: 'nixpkgs-unstable', revision: 'z'.repeat(40), status: 'rolling' },
              { revision: '5ef6c425980847c78a80d759abc476e941a9bf42', status: 'beta' },
              { channel: 'nixos-unstable-small', revision: '1d4c88323ac36805d09657d13a5273aea1b34f0c', status: 'rolling' },
              { channel: 'nixos-unstable-small', revision: '2d4c88323ac36805d09657d13a5273aea1b34f0c', status: 'rolling' },
              { channel: 'nixos-23.11', revision: '205fd4226592cc83fd4c0885a3e4c9c400efabb5' },
            ]),
    }));
    const { heads, skipped } = await fetchChannelHeads(fake.url, fetch, fast);

    expect(heads.map((h) => [h.channel, h.status])).toEqual([
      ['nixos-23.11', 'unknown'],
      ['nixos-unstable', 'rolling'],
    ]);
    expect(skipped).toEqual([
      { channel: '', reason: expect.stringContaining('no channel label') },
      { channel: 'nixos-24.05', reason: 'revision "dc460ec7" is not a 40-digit hex git commit' },
      { channel: 'nixos-24.11', reason: 'no revision label' },
      { channel: 'nixos-unstable-small', reason: expect.stringContaining('several revisions') },
      { channel: 'nixpkgs-unstable', reason: `revision "${'z'.repeat(40)}" is not a 40-digit hex git commit` },
    ]);
  });

  it('retries a 503 and then succeeds', async () => {
    const fake = await servePrometheus((query, n) =>
      n === 0 ? { status: 503, body: 'Service Unavailable' } : healthy(query, n),
    );
    const { heads } = await fetchChannelHeads(fake.url, fetch, fast);

    expect(heads).toHaveLength(channels.length);
    expect(fake.requests.map((r) => r.query)).toEqual(['channel_revision', 'channel_revision', 'channel_update_time']);
  });

  it('gives up after 3 attempts when the server stays unavailable', async () => {
    const fake = await servePrometheus(() => ({ status: 502, body: '<html>Bad Gateway</html>' }));
    const error = await failureOf(fetchChannelHeads(fake.url, fetch, fast));

    expect(fake.requests).toHaveLength(3);
    expect(error.status).toBe(502);
    expect(error.message).toBe(
      `Channel heads: GET ${fake.url}/api/v1/query?query=channel_revision failed after 3 attempts: HTTP 502. ` +
        `Check that ${fake.url} is reachable from this host, or configure static channel heads for an air-gapped setup.`,
    );
  });

  it('refuses a body that is not a Prometheus response, without retrying', async () => {
    const fake = await servePrometheus(() => ({ body: '<!DOCTYPE html><title>Grafana</title>' }));
    const error = await failureOf(fetchChannelHeads(fake.url, fetch, fast));

    expect(fake.requests).toHaveLength(1);
    expect(error.url).toBe(`${fake.url}/api/v1/query?query=channel_revision`);
    expect(error.message).toContain('not a Prometheus query response: not JSON: "<!DOCTYPE html>');
    expect(error.message).toContain(`Check that ${fake.url} is the base URL of a Prometheus server (without /api/v1)`);
  });

  it('refuses a JSON body of the wrong shape', async () => {
    const fake = await servePrometheus(() => ({ body: { status: 'success', data: { resultType: 'matrix', result: [] } } }));
    const error = await failureOf(fetchChannelHeads(fake.url, fetch, fast));
    expect(error.message).toContain('resultType is "matrix", not "vector"');
  });

  it('reports status "error" with Prometheus\'s explanation', async () => {
    const fake = await servePrometheus(() => ({
      status: 400,
      body: { status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:8: parse error' },
    }));
    const error = await failureOf(fetchChannelHeads(fake.url, fetch, fast));

    expect(fake.requests).toHaveLength(1);
    expect(error.status).toBe(400);
    expect(error.message).toContain('HTTP 400 (bad_data: invalid parameter "query": 1:8: parse error)');
  });

  it('reports status "error" sent with HTTP 200 as a query error', async () => {
    const fake = await servePrometheus(() => ({ body: { status: 'error', errorType: 'execution', error: 'query timed out' } }));
    const error = await failureOf(fetchChannelHeads(fake.url, fetch, fast));
    expect(error.message).toContain('query error: execution: query timed out');
    expect(error.message).toContain('scrapes the NixOS channel exporter (metric channel_revision)');
  });

  it('retries network errors and names the URL', async () => {
    const fake = await servePrometheus(healthy);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const error = await failureOf(fetchChannelHeads(fake.url, fetch, fast));
    expect(error.message).toMatch(/failed after 3 attempts: network error: fetch failed: .*ECONNREFUSED/);
    expect(error.status).toBeUndefined();
  });

  it('refuses a base URL that is not a URL', async () => {
    const error = await failureOf(fetchChannelHeads('prometheus.nixos.org', fetch, fast));
    expect(error.message).toBe(
      'Channel heads: "prometheus.nixos.org" is not a URL: expected the base URL of a Prometheus server, e.g. https://prometheus.nixos.org.',
    );
  });
});
