import { useEffect, useState } from "preact/hooks";

/**
 * The saved value moved on (an import, an alarm's recount, a save from another panel) while the teacher was
 * editing: every field the teacher left alone takes the new saved value, every field they changed keeps
 * what they typed.
 */
export function rebaseDraft<T extends object>(base: T, draft: T, saved: T): T {
  const next = { ...saved };
  for (const key of Object.keys(draft) as (keyof T)[]) {
    if (!same(draft[key], base[key])) next[key] = draft[key];
  }
  return next;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export interface Draft<T extends object> {
  /** What the form shows. */
  value: T;
  /** Change some fields (or derive them from the current draft). */
  update: (change: Partial<T> | ((draft: T) => Partial<T>)) => void;
  /** Back to the saved value. */
  discard: () => void;
  /** The teacher changed something that is not saved. */
  dirty: boolean;
}

/**
 * One form's unsaved edits over a saved value, for the profile, terms and rules panels. A new saved value
 * with the same content (every recount rewrites the ledger row the pages read) changes nothing; a new
 * content is merged in field by field (`rebaseDraft`), so a recount never throws away what was typed.
 */
export function useDraft<T extends object>(saved: T): Draft<T> {
  const savedKey = JSON.stringify(saved);
  const [state, setState] = useState({ base: saved, baseKey: savedKey, value: saved });
  useEffect(() => {
    setState((s) =>
      s.baseKey === savedKey
        ? s
        : { base: saved, baseKey: savedKey, value: rebaseDraft(s.base, s.value, saved) },
    );
  }, [savedKey]);
  return {
    value: state.value,
    update: (change) =>
      setState((s) => ({
        ...s,
        value: { ...s.value, ...(typeof change === "function" ? change(s.value) : change) },
      })),
    discard: () => setState((s) => ({ ...s, value: s.base })),
    dirty: JSON.stringify(state.value) !== state.baseKey,
  };
}
