import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';

/** Reading pauses when this many lines wait for the consumer, and resumes when it has caught up. */
export const PAUSE_AT_QUEUED_LINES = 64;
const RESUME_AT_QUEUED_LINES = 8;

export interface LineConsumer {
  /** Resolves with the number of lines handed to onLine once the input has ended and all were handled. */
  done: Promise<number>;
  /** Stops handing out lines (the line being handled finishes) and discards the rest of the input. */
  stop(): void;
}

/**
 * Hands the input's lines to `onLine` one at a time, each awaited. The input is paused while lines
 * queue up, so a slow consumer (database writes) holds back the producer through the pipe instead of
 * buffering a whole evaluation in memory. A paused readline still emits the lines of the chunk it
 * already read, so the queue can exceed the pause mark by one chunk's lines.
 */
export function consumeLines(input: Readable, onLine: (line: string, lineNumber: number) => Promise<void>): LineConsumer {
  const reader = createInterface({ input, crlfDelay: Infinity });
  const queue: string[] = [];
  let handled = 0;
  let paused = false;
  let draining = false;
  let ended = false;
  let stopped = false;
  let settle: { resolve: (lines: number) => void; reject: (error: unknown) => void };
  const done = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));

  const stop = () => {
    if (stopped) return;
    stopped = true;
    queue.length = 0;
    reader.close();
    input.destroy();
  };

  const drain = async () => {
    draining = true;
    try {
      while (queue.length > 0 && !stopped) {
        handled += 1;
        await onLine(queue.shift()!, handled);
        if (paused && queue.length <= RESUME_AT_QUEUED_LINES) {
          paused = false;
          reader.resume();
        }
      }
    } catch (error) {
      stop();
      settle.reject(error);
      return;
    } finally {
      draining = false;
    }
    if (ended || stopped) settle.resolve(handled);
  };

  reader.on('line', (line) => {
    if (stopped) return;
    queue.push(line);
    if (!paused && queue.length >= PAUSE_AT_QUEUED_LINES) {
      paused = true;
      reader.pause();
    }
    if (!draining) void drain();
  });
  reader.on('close', () => {
    ended = true;
    if (!draining) settle.resolve(handled);
  });
  return { done, stop };
}
