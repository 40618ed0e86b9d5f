import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';

function zstdStream(): Transform {
  let decompressor: Decompress;
  return new Transform({
    construct(callback) {
      decompressor = new Decompress((chunk) => this.push(Buffer.from(chunk)));
      callback();
    },
    transform(chunk: Buffer, _encoding, callback) {
      try {
        decompressor.push(chunk);
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
    flush(callback) {
      try {
        decompressor.push(new Uint8Array(0), true);
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
  });
}

const CHUNK_BYTES = 1 << 20;

/**
 * A plain file in chunks read into two alternating buffers (the next chunk is read while the
 * current one is used): no fresh memory per chunk, which for a large file costs as much as reading it.
 */
async function* fileChunks(file: string): AsyncIterable<Buffer> {
  const handle = await open(file);
  const buffers = [Buffer.allocUnsafeSlow(CHUNK_BYTES), Buffer.allocUnsafeSlow(CHUNK_BYTES)];
  let current = 0;
  let reading = handle.read(buffers[current], 0, CHUNK_BYTES, null);
  try {
    for (;;) {
      const { bytesRead } = await reading;
      if (!bytesRead) break;
      const chunk = buffers[current].subarray(0, bytesRead);
      current ^= 1;
      // The consumer asked for this chunk, so it is done with the one read into the other buffer.
      reading = handle.read(buffers[current], 0, CHUNK_BYTES, null);
      yield chunk;
    }
  } finally {
    await reading.catch(() => undefined);
    await handle.close();
  }
}

/**
 * The lines of a recorded nix-eval-jobs output (plain, .gz or .zst) as bytes, a chunk's worth at a
 * time (one array per chunk, so a consumer pays one await per chunk rather than per line). Lines
 * stay undecoded so that an unchanged line can be recognised by its hash without turning it into a
 * string. Each array and its lines are only valid until the next array is requested (they are views
 * of a reused read buffer): copy what you keep.
 */
export async function* readEvalLines(file: string): AsyncIterable<Buffer[]> {
  let chunks: AsyncIterable<Buffer>;
  if (file.endsWith('.gz')) chunks = createReadStream(file, { highWaterMark: CHUNK_BYTES }).pipe(createGunzip({ chunkSize: 1 << 18 }));
  else if (file.endsWith('.zst')) chunks = createReadStream(file, { highWaterMark: CHUNK_BYTES }).pipe(zstdStream());
  else chunks = fileChunks(file);
  const line = (bytes: Buffer) => (bytes.length && bytes[bytes.length - 1] === 0x0d ? bytes.subarray(0, -1) : bytes);
  // The start of a line that continues in the next chunk, copied, in pieces (joined once, however long the line).
  let pending: Buffer[] = [];
  for await (const chunk of chunks) {
    let end = chunk.indexOf(0x0a);
    if (end === -1) {
      pending.push(Buffer.from(chunk));
      continue;
    }
    const lines = [line(pending.length ? Buffer.concat([...pending, chunk.subarray(0, end)]) : chunk.subarray(0, end))];
    pending = [];
    let start = end + 1;
    for (end = chunk.indexOf(0x0a, start); end !== -1; end = chunk.indexOf(0x0a, start)) {
      lines.push(line(chunk.subarray(start, end)));
      start = end + 1;
    }
    if (start < chunk.length) pending.push(Buffer.from(chunk.subarray(start)));
    yield lines;
  }
  if (pending.length) yield [Buffer.concat(pending)];
}
