/**
 * The popup's first read: one small value the background derived (the popup's index and the weeks around
 * now), mirrored into extension storage.local, which a page that has just opened reads far sooner than
 * IndexedDB. The popup paints from it before Dexie has loaded; everything live (items, sends, changes) then
 * comes through Dexie's liveQuery (src/ui/popup-live.ts).
 */
import { getLocalStorage } from "../platform/extension";
import { POPUP_MIRROR_KEY, type PopupIndex, type PopupMirror, type StoredWeek } from "../store/derived";

export interface FirstRows {
  popup?: PopupIndex;
  stored?: StoredWeek;
}

/** Reads the mirror in one trip and the week `pick` chooses from it. Any failure reads as "nothing yet". */
export async function readFirstRows(pick: (popup: PopupIndex) => string | undefined): Promise<FirstRows> {
  try {
    const mirror = await getLocalStorage<PopupMirror>(POPUP_MIRROR_KEY);
    if (!mirror) return {};
    const week = pick(mirror.popup);
    return { popup: mirror.popup, stored: week === undefined ? undefined : mirror.weeks[week] };
  } catch {
    return {};
  }
}
