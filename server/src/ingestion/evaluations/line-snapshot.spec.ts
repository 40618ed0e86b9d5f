import { createHash } from 'node:crypto';
import { LINE_KEY_BYTES, lineHash, LineKeys, LineSnapshot } from './line-snapshot';

const sha = (text: string) => createHash('sha256').update(text).digest();

describe('LineSnapshot', () => {
  const lines = Array.from({ length: 1000 }, (_, i) => `{"attr":"pkg${i}.x86_64-linux"}`);
  const snapshot = LineSnapshot.fromHashes(lines.map(sha));

  it('finds the entry of a line by its sha256, and nothing for other lines', () => {
    expect(snapshot.size).toBe(1000);
    lines.forEach((line, i) => expect(snapshot.find(sha(line))).toBe(i));
    expect(snapshot.find(sha('{"attr":"pkg1000.x86_64-linux"}'))).toBe(-1);
    expect(LineSnapshot.empty.find(sha(lines[0]))).toBe(-1);
  });

  it('hashes lines given as text and as bytes alike, and finds them by that hash', () => {
    expect(Buffer.from(lineHash(lines[3]), 'latin1')).toEqual(sha(lines[3]));
    expect(lineHash(Buffer.from('é'))).toBe(lineHash('é'));
    lines.forEach((line, i) => expect(snapshot.find(lineHash(Buffer.from(line)))).toBe(i));
    const keys = new LineKeys();
    keys.push(lineHash(lines[7]));
    expect(keys.keys).toEqual(sha(lines[7]).subarray(0, LINE_KEY_BYTES));
  });

  it('tells keys apart that share their first bytes (the hash table slot)', () => {
    const keys = [Buffer.alloc(32, 7), Buffer.alloc(32, 7), Buffer.alloc(32, 7)];
    keys[1][LINE_KEY_BYTES - 1] = 1;
    keys[2][4] = 2;
    const colliding = LineSnapshot.fromHashes(keys);
    keys.forEach((key, i) => expect(colliding.find(key)).toBe(i));
    const other = Buffer.alloc(32, 7);
    other[8] = 9;
    expect(colliding.find(other)).toBe(-1);
  });

  it('ignores the bytes of a sha256 beyond its key', () => {
    const longer = Buffer.concat([sha(lines[5]).subarray(0, LINE_KEY_BYTES), Buffer.alloc(16, 0xff)]);
    expect(snapshot.find(longer)).toBe(5);
  });

  it('keeps what is still current and appends the new lines', () => {
    const added = [sha('new 1'), sha('new 2')];
    const keys = new LineKeys();
    added.forEach((h) => keys.push(h));
    const next = LineSnapshot.parse(snapshot.nextKeys((i) => i % 3 !== 0, keys))!;
    expect(next.size).toBe(1000 - 334 + 2);
    expect(next.find(sha(lines[0]))).toBe(-1);
    expect(next.find(sha(lines[1]))).toBe(0);
    expect(next.find(sha(lines[999]))).toBe(-1);
    expect(next.find(sha(lines[998]))).toBe(665);
    expect(next.find(added[1])).toBe(667);
  });

  it('applies a stored change: the same keys as the next snapshot written whole', () => {
    const added = new LineKeys();
    [sha('new 1'), sha('new 2')].forEach((h) => added.push(h));
    const removed = new LineKeys();
    lines.forEach((line, i) => i % 3 === 0 && removed.push(sha(line)));
    const whole = snapshot.nextKeys((i) => i % 3 !== 0, added);
    expect(LineSnapshot.applyChange(snapshot.keys, removed.keys, added.keys)).toEqual(whole);
    expect(LineSnapshot.applyChange(snapshot.keys, Buffer.alloc(0), Buffer.alloc(0))).toEqual(snapshot.keys);
  });

  it('collects any number of line keys', () => {
    const keys = new LineKeys();
    for (let i = 0; i < 5000; i++) keys.push(sha(String(i)));
    expect(keys.size).toBe(5000);
    expect(keys.keys.subarray(4999 * LINE_KEY_BYTES)).toEqual(sha('4999').subarray(0, LINE_KEY_BYTES));
  });

  it('accepts only whole keys as a stored snapshot', () => {
    expect(LineSnapshot.parse(Buffer.alloc(LINE_KEY_BYTES * 2))?.size).toBe(2);
    expect(LineSnapshot.parse(Buffer.alloc(LINE_KEY_BYTES + 1))).toBeNull();
    expect(LineSnapshot.parse(Buffer.alloc(0))?.size).toBe(0);
  });
});
