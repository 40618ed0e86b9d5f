import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
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
 * The lines of a recorded nix-eval-jobs output: plain, .gz or .zst. The file is opened only when
 * iteration starts: readline drops lines emitted before its async iterator exists.
 */
export async function* readEvalLines(file: string): AsyncIterable<string> {
  let stream: Readable = createReadStream(file);
  if (file.endsWith('.gz')) stream = stream.pipe(createGunzip());
  else if (file.endsWith('.zst')) stream = stream.pipe(zstdStream());
  yield* createInterface({ input: stream, crlfDelay: Infinity });
}
