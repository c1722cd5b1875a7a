/**
 * The popup's first read: two small rows the background derived (the popup's index and one week), mirrored
 * into extension storage.local, which a page that has just opened reads far sooner than IndexedDB. The
 * popup paints from them before Dexie has loaded; everything live (items, sends, changes) then comes
 * through Dexie's liveQuery (src/ui/popup-live.ts).
 */
import { getLocalStorage } from "../platform/extension";
import { POPUP_KEY, weekKey, type PopupIndex, type StoredWeek } from "./derived";

export interface FirstRows {
  popup?: PopupIndex;
  stored?: StoredWeek;
}

/** Reads the popup index, then the row of the week `pick` chooses. Any failure reads as "nothing yet". */
export async function readFirstRows(pick: (popup: PopupIndex) => string | undefined): Promise<FirstRows> {
  try {
    const popup = await getLocalStorage<PopupIndex>(POPUP_KEY);
    const week = popup && pick(popup);
    if (!popup || !week) return { popup };
    return { popup, stored: await getLocalStorage<StoredWeek>(weekKey(week)) };
  } catch {
    return {};
  }
}
