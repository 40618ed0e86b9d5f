import { createReadStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
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

/**
 * The lines of a recorded nix-eval-jobs output (plain, .gz or .zst) as bytes. Lines stay undecoded
 * so that an unchanged line can be recognised by its hash without turning it into a string.
 */
export async function* readEvalLines(file: string): AsyncIterable<Buffer> {
  let stream: Readable = createReadStream(file, { highWaterMark: 1 << 20 });
  if (file.endsWith('.gz')) stream = stream.pipe(createGunzip());
  else if (file.endsWith('.zst')) stream = stream.pipe(zstdStream());
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buffer = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = buffer.indexOf(0x0a, start); end !== -1; end = buffer.indexOf(0x0a, start)) {
      yield buffer.subarray(start, end > start && buffer[end - 1] === 0x0d ? end - 1 : end);
      start = end + 1;
    }
    rest = buffer.subarray(start);
  }
  if (rest.length) yield rest;
}
