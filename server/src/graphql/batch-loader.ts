/**
 * Collects the keys asked for in one tick and loads them with one call: a list field resolved per
 * row (`suggestions { cve { … } }`) costs one query instead of one per row. Keep one per request.
 */
export function batchLoader<K, V>(loadMany: (keys: K[]) => Promise<Map<K, V>>): (key: K) => Promise<V | null> {
  let pending: { keys: Set<K>; result: Promise<Map<K, V>> } | null = null;
  return (key) => {
    if (!pending) {
      const batch = { keys: new Set<K>(), result: null as unknown as Promise<Map<K, V>> };
      batch.result = Promise.resolve().then(() => {
        pending = null;
        return loadMany([...batch.keys]);
      });
      pending = batch;
    }
    pending.keys.add(key);
    return pending.result.then((values) => values.get(key) ?? null);
  };
}
