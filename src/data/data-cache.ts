const cache = new Map<string, unknown>();

/**
 * Returns the value cached under `key`, building it once per process; loaders keep parsed files
 * (typed arrays) here so a second load does not read or parse again.
 *
 * @example
 * const images = cachedSource("mnist:train", () => readMnistImages("train"));
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
 * clearDataCache();
 */
export function clearDataCache(): void {
  cache.clear();
}
