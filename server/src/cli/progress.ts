import { SingleBar } from 'cli-progress';

export interface ProgressReporter {
  setTotal(total: number | null): void;
  update(done: number, detail: string): void;
  stop(): void;
}

/**
 * A progress bar with rate and ETA on a terminal; on a pipe or in CI, one log line every
 * `intervalMs` so long runs still show they are alive.
 */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr, intervalMs = 10_000): ProgressReporter {
  const started = Date.now();
  if (stream.isTTY) {
    const bar = new SingleBar(
      { format: `${label} [{bar}] {percentage}% {value}/{total} | {rate}/s | ETA {eta_formatted} | {detail}`, stream, hideCursor: true },
    );
    let total = 0;
    bar.start(0, 0, { rate: 0, detail: '' });
    return {
      setTotal: (t) => bar.setTotal((total = t ?? 0)),
      update: (done, detail) => {
        if (done > total) bar.setTotal((total = done));
        bar.update(done, { rate: Math.round(done / Math.max((Date.now() - started) / 1000, 0.001)), detail });
      },
      stop: () => bar.stop(),
    };
  }
  let total: number | null = null;
  let last = 0;
  return {
    setTotal: (t) => (total = t),
    update: (done, detail) => {
      if (Date.now() - last < intervalMs) return;
      last = Date.now();
      const seconds = (Date.now() - started) / 1000;
      const rate = done / Math.max(seconds, 0.001);
      const eta = total && rate > 0 ? ` ETA ${Math.round((total - done) / rate)}s` : '';
      stream.write(`${label}: ${done}${total ? `/${total}` : ''} (${Math.round(rate)}/s${eta}) ${detail}\n`);
    },
    stop: () => undefined,
  };
}
