/**
 * Read-only queries for the extension pages and the background. Kept apart from the writes in ./repo so
 * the popup's bundle carries no validation code (zod) it never runs: the popup opens faster.
 */
import {
  SEND_OUTCOMES,
  overlaps,
  questionsFor,
  type ClassificationRule,
  type CoverDecision,
  type SendOutcome,
  type Source,
  type WorkItem,
} from "../model";
import type { WithinHoursDB } from "./db";
import type { SendPolicy } from "../guard/decide";
import {
  LEDGER_KEY,
  POLICY_KEY,
  POPUP_KEY,
  weekKey,
  type PopupIndex,
  type StoredLedger,
  type StoredWeek,
} from "./derived";
import { guarded } from "./errors";
import { LONG_ITEM_MS } from "./versions";

export function getSetting<T>(db: WithinHoursDB, key: string): Promise<T | undefined> {
  return guarded(async () => (await db.settings.get(key))?.value as T | undefined);
}

// ---- what the background derived (src/store/derived.ts): typed reads, so pages use no keys or casts

/** The whole ledger: profile, evaluation and the titles waiting for the teacher (the options page). */
export function readLedger(db: WithinHoursDB): Promise<StoredLedger | undefined> {
  return getSetting<StoredLedger>(db, LEDGER_KEY);
}

/** The popup's index: its weeks, the year and the first questions. */
export function readPopupIndex(db: WithinHoursDB): Promise<PopupIndex | undefined> {
  return getSetting<PopupIndex>(db, POPUP_KEY);
}

/** One week as the popup shows it, by its start date. */
export function readStoredWeek(db: WithinHoursDB, weekStart: string): Promise<StoredWeek | undefined> {
  return getSetting<StoredWeek>(db, weekKey(weekStart));
}

/** The send policy the background last computed. */
export function readPolicy(db: WithinHoursDB): Promise<SendPolicy | undefined> {
  return getSetting<SendPolicy>(db, POLICY_KEY);
}

/** Items overlapping [start, end): a short range on the start index plus the few long items. */
export function itemsBetween(db: WithinHoursDB, start: number, end: number): Promise<WorkItem[]> {
  return guarded(() =>
    db.transaction("r", db.items, async () => {
      const [recent, long] = await Promise.all([
        db.items
          .where("start")
          .between(start - LONG_ITEM_MS, end, true, false)
          .toArray(),
        db.items.where("longItemStart").below(end).toArray(),
      ]);
      const byId = new Map<string, WorkItem>();
      for (const item of [...recent, ...long]) {
        if (overlaps(item, { start, end })) byId.set(item.id, item);
      }
      return [...byId.values()].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
    }),
  );
}

/** What the teacher is asked about (see questionsFor), at most `limit` of them. */
export async function unconfirmedItems(db: WithinHoursDB, limit = 50): Promise<WorkItem[]> {
  return questionsFor(await guarded(() => db.items.toArray())).slice(0, limit);
}

/** How many distinct titles are waiting for the teacher. */
export async function countUnconfirmed(db: WithinHoursDB): Promise<number> {
  return questionsFor(await guarded(() => db.items.toArray())).length;
}

export function listSources(db: WithinHoursDB): Promise<Source[]> {
  return guarded(async () => (await db.sources.toArray()).sort((a, b) => a.name.localeCompare(b.name)));
}

/** A calendar and every item from it, kept by the page so a removal can be undone. */
export function sourceWithItems(
  db: WithinHoursDB,
  id: string,
): Promise<{ source: Source; items: WorkItem[] } | undefined> {
  return guarded(async () => {
    const source = await db.sources.get(id);
    if (!source) return undefined;
    return { source, items: await db.items.where("source").equals(id).toArray() };
  });
}

/** Sends per outcome with `at` in [start, end). Every outcome is present, zero when none. */
export function sendCounts(
  db: WithinHoursDB,
  start: number,
  end: number,
): Promise<Record<SendOutcome, number>> {
  return guarded(async () => {
    const counts = Object.fromEntries(SEND_OUTCOMES.map((o) => [o, 0])) as Record<SendOutcome, number>;
    await db.sendLog
      .where("at")
      .between(start, end, true, false)
      .each((r) => counts[r.outcome]++);
    return counts;
  });
}

/** Decisions about cover slots starting in [start, end), earliest first. */
export function coverDecisionsBetween(
  db: WithinHoursDB,
  start: number,
  end: number,
): Promise<CoverDecision[]> {
  return guarded(() => db.coverDecisions.where("start").between(start, end, true, false).toArray());
}

export function listClassificationRules(db: WithinHoursDB): Promise<ClassificationRule[]> {
  return guarded(() => db.classificationRules.toArray());
}
