/**
 * Stands in for `mnemonist/lru-cache` in the Lambda bundles only (an esbuild alias in
 * lib/constructs/amber-function.ts). The DynamoDB client builds an endpoint-discovery cache from it at
 * creation, used only when endpoint discovery is turned on (never here); mnemonist brings ~7 KB of typed-array
 * and iterator helpers to every DynamoDB bundle for it. A Map keeps insertion order, which is all an LRU needs;
 * test/unit/bundling/stand-ins.test.ts holds it to mnemonist's answers for the methods the SDK calls.
 */
export default class LRUCache<K, V> {
  private readonly items = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.items.size;
  }

  has(key: K): boolean {
    return this.items.has(key);
  }

  /** Reads without making the key the most recently used. */
  peek(key: K): V | undefined {
    return this.items.get(key);
  }

  get(key: K): V | undefined {
    if (!this.items.has(key)) return undefined;
    const value = this.items.get(key) as V;
    this.items.delete(key);
    this.items.set(key, value);
    return value;
  }

  set(key: K, value: V): this {
    this.items.delete(key);
    this.items.set(key, value);
    if (this.items.size > this.capacity) {
      const oldest = this.items.keys().next();
      if (!oldest.done) this.items.delete(oldest.value);
    }
    return this;
  }

  clear(): void {
    this.items.clear();
  }
}
