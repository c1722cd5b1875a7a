import { liveQuery } from "dexie";
import { useEffect, useState } from "preact/hooks";

/**
 * Preact binding for Dexie's liveQuery: re-renders whenever the rows the query read change, in this page
 * or in the background. `undefined` until the first answer; errors are returned, not thrown.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): { value?: T; error?: string } {
  const [state, setState] = useState<{ value?: T; error?: string }>({});
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ value }),
      error: (error: unknown) => setState({ error: error instanceof Error ? error.message : String(error) }),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return state;
}
