/**
 * Runs `build` on the first call only and returns its result ever after. Handlers build their schemas this
 * way so that a cold start spends its init on creating clients, not on schemas the first request may not need.
 */
export function memo<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
