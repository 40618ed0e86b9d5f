/**
 * The last `maxBytes` of a stream, plus whether a pattern appeared anywhere in it: nixpkgs evaluations
 * print a lot of warnings, so the whole stderr is not kept, yet an early sign of trouble must not be lost.
 */
export class StderrTail {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private carry = '';
  private seen = false;

  constructor(
    private readonly maxBytes: number,
    private readonly watchFor: RegExp,
  ) {}

  push(chunk: Buffer): void {
    const text = chunk.toString('utf8');
    // The carry catches a pattern split across two chunks.
    if (!this.seen && (this.carry + text).search(this.watchFor) !== -1) this.seen = true;
    this.carry = text.slice(-200);
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    while (this.chunks.length > 1 && this.bytes - this.chunks[0].length >= this.maxBytes) {
      this.bytes -= this.chunks.shift()!.length;
    }
  }

  get sawPattern(): boolean {
    return this.seen;
  }

  /** Decoded leniently: the cut may fall inside a multi-byte character. */
  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.maxBytes)).toString('utf8');
  }
}
