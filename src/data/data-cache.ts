const cache = new Map<string, unknown>();

/**
 * Returns the value cached under `key`, building it once per process; loaders keep parsed files
 * (typed arrays) here so a second load does not read or parse again.
 *
 * @example
 * let builds = 0;
 * const build = () => (builds += 1);
 * cachedSource("example:count", build);
 * cachedSource("example:count", build); // → 1 (built once, then read from the cache)
 * builds; // → 1
 */
export function cachedSource<T>(key: string, build: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const value = build();
  cache.set(key, value);
  return value;
}

/**
 * Forgets every parsed source, freeing its memory (the next load parses the files again).
 *
 * @example
 * cachedSource("example:clear", () => "first");
 * clearDataCache();
 * cachedSource("example:clear", () => "second"); // → "second"
 */
export function clearDataCache(): void {
  cache.clear();
}
