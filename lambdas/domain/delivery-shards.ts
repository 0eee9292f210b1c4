/**
 * Which shard of a message a phone belongs to: a hash of the number, so that every shard gets an even share
 * of any list without anyone reading the list first, and the shard (hence the partition its records live in)
 * is known the moment a phone is planned. FNV-1a (32 bit): fast, stable across runtimes and releases.
 */
export function shardOf(phone: string, of: number): number {
  if (of <= 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < phone.length; i++) {
    hash ^= phone.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % of;
}
