/**
 * The background's copies in extension storage.local, which pages and content scripts read far sooner than
 * IndexedDB: the send policy (mail tabs read it when they load, without waking the worker) and the popup's
 * first paint (its index and the weeks around now, one value). The popup reads it in src/ui/first-read.ts.
 * Pure: the background writes what `mirrorValues` gives.
 */
import { POLICY_STORAGE_KEY } from "../guard/decide";
import type { SendPolicy } from "../guard/decide";
import {
  LEDGER_KEY,
  POPUP_KEY,
  POPUP_MIRROR_KEY,
  WEEK_KEY_PREFIX,
  weekIndexAt,
  type DerivedRow,
  type PopupIndex,
  type PopupMirror,
  type StoredWeek,
} from "../store/derived";

/** Weeks either side of the current one that the popup's first paint can read from storage.local. */
const MIRRORED_WEEKS = 4;

/**
 * What to mirror into storage.local for the popup's first paint, as one value so the popup reads it in one
 * trip: its index and the weeks around now (all 53 weeks took about 0.4 s to write after every import).
 */
export function popupMirror(rows: readonly DerivedRow[], now: number): PopupMirror | null {
  let popup: PopupIndex | undefined;
  const stored = new Map<string, StoredWeek>();
  for (const row of rows) {
    if (row.key === POPUP_KEY) popup = row.value;
    else if (row.key !== LEDGER_KEY) stored.set(row.key.slice(WEEK_KEY_PREFIX.length), row.value);
  }
  if (!popup) return null;
  const current = weekIndexAt(popup.weeks, now);
  const weeks: Record<string, StoredWeek> = {};
  for (const week of popup.weeks.slice(Math.max(0, current - MIRRORED_WEEKS), current + MIRRORED_WEEKS + 1)) {
    const value = stored.get(week.start);
    if (value) weeks[week.start] = value;
  }
  return { popup, weeks };
}

/** The storage.local values for a fresh recount, written in one go. */
export function mirrorValues(
  policy: SendPolicy,
  rows: readonly DerivedRow[],
  now: number,
): Record<string, unknown> {
  const mirror = popupMirror(rows, now);
  return {
    [POLICY_STORAGE_KEY]: policy,
    ...(mirror ? { [POPUP_MIRROR_KEY]: mirror } : {}),
  };
}
