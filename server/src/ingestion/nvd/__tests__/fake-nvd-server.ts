import * as fs from 'node:fs';
import { createServer, IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/nvd');

/** A real recorded NVD API 2.0 response from test/fixtures/nvd. */
export function readNvdFixture(relativePath: string): { timestamp: string; vulnerabilities: unknown[] } {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, relativePath), 'utf8'));
}

export interface RecordedRequest {
  /** performance.now() when the request arrived. */
  at: number;
  /** Path and query exactly as sent. */
  rawUrl: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/** What to do instead of serving the page; `cut` sends half the page, as JSON or by dropping the connection. */
export type FakeReply =
  | { status: number; headers?: Record<string, string>; body?: string }
  | { cut: 'json' | 'connection' }
  | { dropRecords: number };

export interface FakeNvdServerOptions {
  /** The `vulnerabilities` entries to page through; a function sees the request number (0-based). */
  records: unknown[] | ((requestNumber: number) => unknown[]);
  timestamp?: string;
  /** Return a reply to override the normal page for this request. */
  override?: (requestNumber: number, request: RecordedRequest) => FakeReply | undefined;
}

export interface FakeNvdServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

// Like the real API: with lastModStartDate/lastModEndDate only records modified in the window count.
function withinLastModWindow(records: unknown[], params: URLSearchParams): unknown[] {
  const start = params.get('lastModStartDate');
  const end = params.get('lastModEndDate');
  if (!start || !end) return records;
  const [from, to] = [Date.parse(start), Date.parse(end)];
  return records.filter((r) => {
    const modified = Date.parse(`${(r as { cve?: { lastModified?: string } }).cve?.lastModified}Z`);
    return Number.isNaN(modified) || (modified >= from && modified <= to);
  });
}

/** A tiny NVD stand-in on 127.0.0.1 that slices `records` by startIndex/resultsPerPage like the real API. */
export async function startFakeNvdServer(options: FakeNvdServerOptions): Promise<FakeNvdServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawUrl = req.url ?? '';
    const request: RecordedRequest = { at: performance.now(), rawUrl, params: url.searchParams, headers: req.headers };
    const requestNumber = requests.push(request) - 1;
    const reply = options.override?.(requestNumber, request);
    if (reply && 'status' in reply) {
      res.writeHead(reply.status, reply.headers).end(reply.body);
      return;
    }
    const all = typeof options.records === 'function' ? options.records(requestNumber) : options.records;
    const records = withinLastModWindow(all, url.searchParams);
    const startIndex = Number(url.searchParams.get('startIndex') ?? 0);
    const resultsPerPage = Number(url.searchParams.get('resultsPerPage') ?? 2000);
    let slice = records.slice(startIndex, startIndex + resultsPerPage);
    if (reply && 'dropRecords' in reply) slice = slice.slice(0, slice.length - reply.dropRecords);
    const body = JSON.stringify({
      resultsPerPage: slice.length,
      startIndex,
      totalResults: records.length,
      format: 'NVD_CVE',
      version: '2.0',
      timestamp: options.timestamp ?? '2023-10-18T18:04:18.493',
      vulnerabilities: slice,
    });
    if (reply && 'cut' in reply && reply.cut === 'connection') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
      res.write(body.slice(0, body.length / 2), () => res.destroy());
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(reply && 'cut' in reply ? body.slice(0, body.length / 2) : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/rest/json/cves/2.0`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
