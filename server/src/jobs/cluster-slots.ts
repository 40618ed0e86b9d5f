import { Pool, PoolClient } from 'pg';

export interface SlotOptions {
  /** How often to try again while every slot is taken. */
  pollMs?: number;
  /** Called once when the caller has to wait, so a job can report it in its progress. */
  onWait?: () => void | Promise<void>;
}

export interface HeldSlot {
  slot: number;
  release(): Promise<void>;
}

/**
 * At most `slots` holders of `name` at a time across every process that shares the database:
 * each slot is a session-level advisory lock (name hash, slot number) on a connection kept for as
 * long as the slot is held, so a crashed holder frees its slot when its connection drops.
 */
export async function acquireClusterSlot(pool: Pool, name: string, slots: number, options: SlotOptions = {}): Promise<HeldSlot> {
  if (!Number.isInteger(slots) || slots < 1) throw new Error(`cluster slots for ${name} must be a positive integer, got ${slots}`);
  const client = await pool.connect();
  let waited = false;
  try {
    for (;;) {
      const slot = await tryAnySlot(client, name, slots);
      if (slot !== null) return { slot, release: () => releaseSlot(client, name, slot) };
      if (!waited) {
        waited = true;
        await options.onWait?.();
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 2000));
    }
  } catch (err) {
    client.release(err as Error);
    throw err;
  }
}

async function tryAnySlot(client: PoolClient, name: string, slots: number): Promise<number | null> {
  for (let slot = 0; slot < slots; slot++) {
    const { rows } = await client.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(hashtext('nixsec.slot.' || $1), $2) AS locked`,
      [name, slot],
    );
    if (rows[0].locked) return slot;
  }
  return null;
}

async function releaseSlot(client: PoolClient, name: string, slot: number): Promise<void> {
  try {
    await client.query(`SELECT pg_advisory_unlock(hashtext('nixsec.slot.' || $1), $2)`, [name, slot]);
    client.release();
  } catch (err) {
    client.release(err as Error); // a broken connection has already dropped its locks
  }
}

export async function withClusterSlot<T>(pool: Pool, name: string, slots: number, fn: () => Promise<T>, options?: SlotOptions): Promise<T> {
  const held = await acquireClusterSlot(pool, name, slots, options);
  try {
    return await fn();
  } finally {
    await held.release();
  }
}
