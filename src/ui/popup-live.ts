/**
 * The popup's live side, loaded after the first paint: Dexie's liveQuery re-reads the week whenever the
 * store changes (in this page or in the background).
 */
import { liveQuery } from "dexie";
import type { SendOutcome, WorkItem } from "../model";
import { openDatabase } from "../store/db";
import { itemsBetween, readPopupIndex, readStoredWeek, sendCounts } from "../store/queries";
import type { PopupIndex, StoredWeek } from "../store/derived";
import { weekAt } from "./popup-week";

export interface LiveWeek {
  popup?: PopupIndex;
  stored?: StoredWeek;
  index?: number;
  items?: WorkItem[];
  sends?: Record<SendOutcome, number>;
}

const db = openDatabase();

async function loadWeek(offset: number): Promise<LiveWeek> {
  const popup = await readPopupIndex(db);
  if (!popup) return {};
  const { index, week } = weekAt(popup, offset);
  if (!week) return { popup };
  const [stored, items, sends] = await Promise.all([
    readStoredWeek(db, week.start),
    itemsBetween(db, week.startInstant, week.endInstant),
    sendCounts(db, week.startInstant, week.endInstant),
  ]);
  return { popup, stored, index, items, sends };
}

/** Calls `onData` with the week now and after every change; returns the function that stops watching. */
export function watchWeek(
  offset: number,
  onData: (week: LiveWeek) => void,
  onError: (message: string) => void,
): () => void {
  const subscription = liveQuery(() => loadWeek(offset)).subscribe({
    next: onData,
    error: (error: unknown) => onError(error instanceof Error ? error.message : String(error)),
  });
  return () => subscription.unsubscribe();
}
