import { hash } from 'node:crypto';
import { endianness } from 'node:os';

const LITTLE_ENDIAN = endianness() === 'LE';

/** Bytes of a line's sha256 a snapshot keeps: 128 bits, so a changed line is never taken for an unchanged one. */
export const LINE_KEY_BYTES = 16;

/**
 * sha256 of one nix-eval-jobs line (of its UTF-8 bytes when given as text), as a 32-character binary
 * string: for 100k+ short lines several times cheaper than a Buffer each (no backing store to
 * allocate and free). `Buffer.from(h, 'latin1')` makes the bytes of it.
 */
export const lineHash = (line: string | Buffer): string => hash('sha256', line, 'binary');

/** A line's sha256 as bytes (from Buffer) or as a latin1 string (from lineHash). */
export type LineHash = Buffer | string;

const word = (h: LineHash, offset: number): number =>
  typeof h === 'string'
    ? (h.charCodeAt(offset) | (h.charCodeAt(offset + 1) << 8) | (h.charCodeAt(offset + 2) << 16) | (h.charCodeAt(offset + 3) << 24)) >>> 0
    : h.readUInt32LE(offset);

/**
 * What a channel contains now, compactly: for each current attribute, the first LINE_KEY_BYTES bytes
 * of the sha256 of the nix-eval-jobs line that made it current (its line key), concatenated. It is
 * one `bytea` of `channel_snapshot` (2 MB for 130k attributes) that an import reads at its start,
 * so that an unchanged line is recognised by its hash alone: no JSON parsing, no query. Which
 * attribute a key belongs to is not kept (that would triple what is read); `channel_member` says so
 * when needed, for the few lines that changed. `find` is an open-addressing hash table over the keys.
 */
export class LineSnapshot {
  /** the keys as little-endian 32-bit words, 4 per key */
  private readonly words: Uint32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  private constructor(
    /** size × LINE_KEY_BYTES bytes */
    readonly keys: Buffer,
  ) {
    this.words = new Uint32Array(keys.length / 4);
    if (LITTLE_ENDIAN) new Uint8Array(this.words.buffer).set(keys);
    else for (let i = 0; i < this.words.length; i++) this.words[i] = keys.readUInt32LE(i * 4);
    let capacity = 16;
    while (capacity < this.size * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < this.size; i++) {
      let slot = this.words[i * 4] & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = i + 1;
    }
  }

  static readonly empty = new LineSnapshot(Buffer.alloc(0));

  /** From line hashes (sha256, or keys already cut to LINE_KEY_BYTES). */
  static fromHashes(hashes: Buffer[]): LineSnapshot {
    const keys = Buffer.allocUnsafe(hashes.length * LINE_KEY_BYTES);
    hashes.forEach((h, i) => h.copy(keys, i * LINE_KEY_BYTES, 0, LINE_KEY_BYTES));
    return new LineSnapshot(keys);
  }

  /** A stored snapshot, or null when it is not one (then it is rebuilt from channel_member). */
  static parse(keys: Buffer): LineSnapshot | null {
    return keys.length % LINE_KEY_BYTES === 0 ? new LineSnapshot(keys) : null;
  }

  get size(): number {
    return this.keys.length / LINE_KEY_BYTES;
  }

  /**
   * The keys of `keys` (concatenated) once a stored change (channel_snapshot_change) is applied:
   * without the `removed` ones, then the `added` ones.
   */
  static applyChange(keys: Buffer, removed: Buffer, added: Buffer): Buffer {
    const gone = new LineSnapshot(removed);
    const next = Buffer.allocUnsafe(keys.length + added.length);
    let length = 0;
    for (let at = 0; at < keys.length; at += LINE_KEY_BYTES) {
      if (gone.findWords(keys.readUInt32LE(at), keys.readUInt32LE(at + 4), keys.readUInt32LE(at + 8), keys.readUInt32LE(at + 12)) === -1) {
        length += keys.copy(next, length, at, at + LINE_KEY_BYTES);
      }
    }
    length += added.copy(next, length);
    return next.subarray(0, length);
  }

  /** Index of the entry whose line key is this sha256's (or key's) start, or -1. */
  find(sha256: LineHash): number {
    return this.findWords(word(sha256, 0), word(sha256, 4), word(sha256, 8), word(sha256, 12));
  }

  private findWords(w0: number, w1: number, w2: number, w3: number): number {
    const { slots, mask, words } = this;
    for (let slot = w0 & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot];
      if (entry === 0) return -1;
      const w = (entry - 1) * 4;
      if (words[w] === w0 && words[w + 1] === w1 && words[w + 2] === w2 && words[w + 3] === w3) return entry - 1;
    }
  }

  /** The keys of the snapshot after an evaluation: the entries `keep` says are still current, then the new lines'. */
  nextKeys(keep: (index: number) => boolean, added: LineKeys): Buffer {
    const keys = Buffer.allocUnsafe((this.size + added.size) * LINE_KEY_BYTES);
    let length = 0;
    for (let i = 0; i < this.size; ) {
      if (!keep(i)) {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < this.size && keep(end)) end++;
      length += this.keys.copy(keys, length, i * LINE_KEY_BYTES, end * LINE_KEY_BYTES);
      i = end;
    }
    length += added.keys.copy(keys, length);
    return keys.subarray(0, length);
  }
}

/** Line keys collected one by one, in one growing buffer (not one Buffer object per line). */
export class LineKeys {
  private buffer = Buffer.allocUnsafe(LINE_KEY_BYTES * 1024);
  size = 0;

  push(sha256: LineHash): void {
    if ((this.size + 1) * LINE_KEY_BYTES > this.buffer.length) {
      const grown = Buffer.allocUnsafe(this.buffer.length * 2);
      this.buffer.copy(grown);
      this.buffer = grown;
    }
    const offset = this.size++ * LINE_KEY_BYTES;
    if (typeof sha256 === 'string') this.buffer.write(sha256.slice(0, LINE_KEY_BYTES), offset, 'latin1');
    else sha256.copy(this.buffer, offset, 0, LINE_KEY_BYTES);
  }

  get keys(): Buffer {
    return this.buffer.subarray(0, this.size * LINE_KEY_BYTES);
  }
}
