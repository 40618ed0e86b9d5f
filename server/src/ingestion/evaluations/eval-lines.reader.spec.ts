import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readEvalLines } from './eval-lines.reader';

async function read(file: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const chunk of readEvalLines(file)) for (const line of chunk) lines.push(line.toString('utf8'));
  return lines;
}

describe('readEvalLines', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-eval-lines-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('yields every line once, across chunk boundaries, long lines and CRLF endings included', async () => {
    // Lines of varying length so that chunk boundaries (1 MiB) fall inside lines; one line longer than a chunk.
    const lines = Array.from({ length: 5000 }, (_, i) => `{"attr":"p${i}","pad":"${'x'.repeat((i * 7919) % 1500)}"}`);
    lines.splice(2500, 0, `{"attr":"long","pad":"${'y'.repeat(3 << 20)}"}`);
    const file = path.join(dir, 'jobs.jsonl');
    fs.writeFileSync(file, lines.map((l, i) => (i % 2 ? `${l}\r\n` : `${l}\n`)).join(''));
    expect(await read(file)).toEqual(lines);
  });

  it('keeps a last line without a newline, and empty lines as empty', async () => {
    const file = path.join(dir, 'last.jsonl');
    fs.writeFileSync(file, '{"a":1}\n\n\r\n{"b":2}');
    expect(await read(file)).toEqual(['{"a":1}', '', '', '{"b":2}']);
  });

  it('reads gzip-compressed output', async () => {
    const lines = Array.from({ length: 20000 }, (_, i) => `{"attr":"p${i}"}`);
    const file = path.join(dir, 'jobs.jsonl.gz');
    fs.writeFileSync(file, gzipSync(lines.join('\n') + '\n'));
    expect(await read(file)).toEqual(lines);
  });
});
