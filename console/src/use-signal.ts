import { useEffect, useState } from 'preact/hooks';
import type { Signal } from './i18n/signal';

/** Re-renders the component when the signal changes. */
export function useSignal<T>(source: Signal<T>): T {
  const [, setTick] = useState(0);
  useEffect(() => source.subscribe(() => setTick((n) => n + 1)), [source]);
  return source.get();
}
