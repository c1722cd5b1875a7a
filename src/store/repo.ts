import {
  type ClassificationRule,
  type CoverDecision,
  familyKey,
  type ItemKind,
  type Profile,
  SEND_LOG_LIMITS,
  type SendRecord,
  type Source,
  type WorkItem,
} from "../model";
import { classificationRuleSchema, profileSchema, sendRecordSchema, sourceSchema } from "../model/schema";
import { PROFILE_KEY, type WithinHoursDB } from "./db";
import { guarded, StoreError } from "./errors";
import { coverDecisionRowSchema, describeIssue, itemRowSchema } from "./rows";
import { POLICY_KEY, WEEK_KEY_PREFIX, type DerivedRow } from "./derived";
import { DAY_MS, EVENT_TABLE_LIMITS, type EventTableName } from "./limits";
import type { SendPolicy } from "../guard/decide";

export {
  countUnconfirmed,
  readLedger,
  readPolicy,
  readPopupIndex,
  readStoredWeek,
  coverDecisionsBetween,
  getSetting,
  itemsBetween,
  listClassificationRules,
  listSources,
  sendCounts,
  unconfirmedItems,
} from "./queries";

/** Bulk writes go in chunks of this many rows inside one transaction (PLATFORM.md, Storage). */
export const CHUNK_SIZE = 1000;

// ---- profile and settings

export function getProfile(db: WithinHoursDB): Promise<Profile | undefined> {
  return guarded(async () => {
    const row = await db.settings.get(PROFILE_KEY);
    if (row === undefined) return undefined;
    const parsed = profileSchema.safeParse(row.value);
    if (!parsed.success) {
      throw new StoreError(
        "invalid",
        "Your saved profile could not be read. It has been kept as it was; please check your settings page and save them again.",
        { cause: parsed.error },
      );
    }
    return parsed.data as Profile;
  });
}

export async function saveProfile(db: WithinHoursDB, profile: Profile): Promise<void> {
  const parsed = profileSchema.safeParse(profile);
  if (!parsed.success) {
    throw new StoreError(
      "invalid",
      "These settings could not be saved because some of them are not valid. Nothing was changed.",
      {
        cause: parsed.error,
      },
    );
  }
  await guarded(() => db.settings.put({ key: PROFILE_KEY, value: withoutUndefined(parsed.data) }));
}

/** The teacher's choice of which calendar counts when two hold the same events, first choice first. */
export const SOURCE_PRECEDENCE_KEY = "sourcePrecedence";

export async function getSourcePrecedence(db: WithinHoursDB): Promise<string[]> {
  const value = await guarded(async () => (await db.settings.get(SOURCE_PRECEDENCE_KEY))?.value);
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];
}

/** Count `sourceId`'s copy of any event it shares with another calendar (it goes first in the order). */
export async function preferSource(db: WithinHoursDB, sourceId: string): Promise<void> {
  const order = await getSourcePrecedence(db);
  await setSetting(
    db,
    SOURCE_PRECEDENCE_KEY,
    [sourceId, ...order.filter((id) => id !== sourceId)].slice(0, 200),
  );
}

/** Values must be plain JSON so a backup round trip keeps them exactly. */
export async function setSetting(db: WithinHoursDB, key: string, value: unknown): Promise<void> {
  await guarded(() => db.settings.put({ key, value }));
}

/**
 * Replaces what the background derived (ledger, popup rows, send policy) in one transaction; weeks of
 * another academic year (the profile changed) must not linger.
 */
export async function saveDerived(
  db: WithinHoursDB,
  rows: readonly DerivedRow[],
  policy: SendPolicy,
): Promise<void> {
  await guarded(() =>
    db.transaction("rw", db.settings, async () => {
      await db.settings.where("key").startsWith(WEEK_KEY_PREFIX).delete();
      await db.settings.bulkPut([...rows, { key: POLICY_KEY, value: policy }]);
    }),
  );
}

// ---- work items

/** Upserts by id: one transaction, in chunks. Every item is checked first; one bad item writes nothing. */
export async function putItems(db: WithinHoursDB, items: readonly WorkItem[]): Promise<void> {
  const rows = inKeyOrder(checkedItems(items));
  await guarded(() =>
    db.transaction("rw", db.items, async () => {
      for (let i = 0; i < rows.length; i += CHUNK_SIZE) await db.items.bulkPut(rows.slice(i, i + CHUNK_SIZE));
    }),
  );
}

/**
 * Sorts rows by id in place: Chromium's IndexedDB (a sorted store) takes writes in key order about 15%
 * faster (measured with bench/import-browser.ts: 2.36-2.44 s unsorted, 2.02-2.04 s sorted).
 */
function inKeyOrder(rows: WorkItem[]): WorkItem[] {
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The rules a backup import checks, applied on the way in, so whatever is stored can be restored. */
function checkedItems(items: readonly WorkItem[]): WorkItem[] {
  return items.map((item) => {
    const result = itemRowSchema.safeParse(item, { reportInput: true });
    if (result.success) return result.data as WorkItem;
    const title = typeof item?.title === "string" ? item.title.slice(0, 60) : "untitled";
    throw new StoreError(
      "invalid",
      `A calendar entry could not be saved (“${title}”: ${describeIssue(result.error.issues[0]!)}). Nothing was changed.`,
      { cause: result.error },
    );
  });
}

export interface ReplaceCounts {
  added: number;
  /** Ids that persisted with a changed time, title or other field. */
  updated: number;
  unchanged: number;
  removed: number;
}

/**
 * A source's fresh copy replaces its old items: upsert by id, delete what vanished upstream. For ids
 * that persist, the teacher's confirmed kind and directed status win over the new classification, and
 * `firstSeen` stays the first time the item was seen (notice and "foreseeable" checks depend on it).
 */
export interface ReplaceResult {
  counts: ReplaceCounts;
  /** The source's items as now stored (teacher's answers kept), so callers need not read them back. */
  stored: WorkItem[];
}

export async function replaceSourceItems(
  db: WithinHoursDB,
  sourceId: string,
  items: readonly WorkItem[],
): Promise<ReplaceResult> {
  const incoming = new Map<string, WorkItem>();
  for (const item of checkedItems(items)) {
    if (item.source !== sourceId)
      throw new TypeError(`Item ${item.id} belongs to ${item.source}, not ${sourceId}`);
    incoming.set(item.id, item);
  }
  return guarded(() =>
    db.transaction("rw", db.items, async () => {
      const existing = new Map(
        (await db.items.where("source").equals(sourceId).toArray()).map((i) => [i.id, i]),
      );
      const toWrite: WorkItem[] = [];
      const stored: WorkItem[] = [];
      const counts: ReplaceCounts = { added: 0, updated: 0, unchanged: 0, removed: 0 };
      for (const fresh of incoming.values()) {
        const old = existing.get(fresh.id);
        if (!old) {
          counts.added++;
          toWrite.push(fresh);
          stored.push(fresh);
          continue;
        }
        const merged = mergeKeepingTeacher(old, fresh);
        stored.push(merged);
        if (sameItem(old, merged)) {
          counts.unchanged++;
        } else {
          counts.updated++;
          toWrite.push(merged);
        }
      }
      const vanished = [...existing.keys()].filter((id) => !incoming.has(id));
      counts.removed = vanished.length;
      for (let i = 0; i < vanished.length; i += CHUNK_SIZE)
        await db.items.bulkDelete(vanished.slice(i, i + CHUNK_SIZE));
      inKeyOrder(toWrite);
      for (let i = 0; i < toWrite.length; i += CHUNK_SIZE)
        await db.items.bulkPut(toWrite.slice(i, i + CHUNK_SIZE));
      return { counts, stored };
    }),
  );
}

function mergeKeepingTeacher(old: WorkItem, fresh: WorkItem): WorkItem {
  const merged: WorkItem = { ...fresh };
  if (old.firstSeen !== undefined)
    merged.firstSeen = Math.min(old.firstSeen, fresh.firstSeen ?? old.firstSeen);
  if (old.confirmed) {
    merged.kind = old.kind;
    merged.directed = old.directed;
    merged.confirmed = true;
  }
  return withoutUndefined(merged);
}

function sameItem(a: WorkItem, b: WorkItem): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof WorkItem)[]);
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

/** Deletes items by id, in one transaction. */
export async function deleteItems(db: WithinHoursDB, ids: readonly string[]): Promise<void> {
  await guarded(() =>
    db.transaction("rw", db.items, async () => {
      for (let i = 0; i < ids.length; i += CHUNK_SIZE)
        await db.items.bulkDelete(ids.slice(i, i + CHUNK_SIZE));
    }),
  );
}

export async function confirmItem(
  db: WithinHoursDB,
  id: string,
  kind: ItemKind,
  directed: boolean,
): Promise<void> {
  const changed = await guarded(() => db.items.update(id, { kind, directed, confirmed: true }));
  if (changed === 0 && !(await guarded(() => db.items.get(id)))) {
    throw new StoreError(
      "not-found",
      "That calendar entry is no longer there (its calendar may have been refreshed). Nothing was changed.",
    );
  }
}

/**
 * The teacher's answer for one title applies to every unconfirmed item of its family (familyKey): "Academic
 * Week 1" answers "Academic Week 2" … "Academic Week 52" too.
 */
export function confirmSameFamily(
  db: WithinHoursDB,
  title: string,
  kind: ItemKind,
  directed: boolean,
): Promise<number> {
  const family = familyKey(title);
  return guarded(() =>
    db.items
      .filter((item) => !item.confirmed && (item.title === title || familyKey(item.title) === family))
      .modify({ kind, directed, confirmed: true }),
  );
}

// ---- sources

export async function saveSource(db: WithinHoursDB, source: Source): Promise<void> {
  const parsed = sourceSchema.safeParse(source);
  if (!parsed.success) {
    throw new StoreError(
      "invalid",
      "This calendar's details could not be saved because they are not valid. Nothing was changed.",
      {
        cause: parsed.error,
      },
    );
  }
  await guarded(() => db.sources.put(withoutUndefined(parsed.data)));
}

/** Deletes a source and every item that came from it, together or not at all. */
export async function deleteSource(db: WithinHoursDB, id: string): Promise<{ removedItems: number }> {
  return guarded(() =>
    db.transaction("rw", db.items, db.sources, async () => {
      const removedItems = await db.items.where("source").equals(id).delete();
      await db.sources.delete(id);
      return { removedItems };
    }),
  );
}

// ---- send log: times and outcomes only

/**
 * Adds one row, then keeps the log within SEND_LOG_LIMITS: rows older than the retention period go, and
 * beyond the row cap the oldest go first. `now` is the background's clock.
 */
export function recordSend(db: WithinHoursDB, record: SendRecord, now = record.at): Promise<number> {
  // Copy only the permitted fields, so nothing else a caller passes (a subject, an address) is kept.
  const row = sendRecordSchema.safeParse({ at: record.at, outcome: record.outcome, site: record.site });
  if (!row.success) {
    const error = new StoreError(
      "invalid",
      "This send could not be logged because its record is not valid.",
      {
        cause: row.error,
      },
    );
    return Promise.reject(error);
  }
  return guarded(() =>
    db.transaction("rw", db.sendLog, async () => {
      const id = await db.sendLog.add(row.data);
      await db.sendLog
        .where("at")
        .below(now - SEND_LOG_LIMITS.keepDays * 86_400_000)
        .delete();
      const excess = (await db.sendLog.count()) - SEND_LOG_LIMITS.maxRows;
      if (excess > 0) await db.sendLog.bulkDelete(await db.sendLog.orderBy("at").limit(excess).primaryKeys());
      return id;
    }),
  );
}

/**
 * A per-event table keeps at most its cap of rows, none older than its retention before `latest` (the row
 * just written): the oldest go first. Call inside a write transaction on that table.
 */
export async function keepWithinLimits(
  db: WithinHoursDB,
  name: EventTableName,
  latest: number,
  limit: { cap: number; retentionDays: number } = EVENT_TABLE_LIMITS[name],
): Promise<void> {
  const { timeIndex } = EVENT_TABLE_LIMITS[name];
  const { cap, retentionDays } = limit;
  const table = db.table(name);
  await table
    .where(timeIndex)
    .below(latest - retentionDays * DAY_MS)
    .delete();
  const excess = (await table.count()) - cap;
  if (excess > 0) {
    const oldest = await table.orderBy(timeIndex).limit(excess).primaryKeys();
    await table.bulkDelete(oldest);
  }
}

// ---- cover decisions

/** Adds a decision, or updates it when it has an id (a pending request later accepted). Returns the id. */
export async function recordCoverDecision(db: WithinHoursDB, decision: CoverDecision): Promise<number> {
  const parsed = coverDecisionRowSchema.safeParse(decision);
  if (!parsed.success) {
    throw new StoreError(
      "invalid",
      "This cover decision could not be saved because it is not valid. Nothing was changed.",
      {
        cause: parsed.error,
      },
    );
  }
  const row = withoutUndefined(parsed.data);
  return guarded(() =>
    db.transaction("rw", db.coverDecisions, async () => {
      const id = await db.coverDecisions.put(row);
      await keepWithinLimits(db, "coverDecisions", row.start);
      return id;
    }),
  );
}

// ---- classification rules

/** Adds a rule; a rule for the same text replaces the older one, so the newest correction wins. */
export async function addClassificationRule(db: WithinHoursDB, rule: ClassificationRule): Promise<number> {
  const parsed = classificationRuleSchema.safeParse({
    ...rule,
    contains: rule.contains.trim().toLowerCase(),
  });
  if (!parsed.success) {
    throw new StoreError(
      "invalid",
      "This rule could not be saved: it needs some text to look for. Nothing was changed.",
      {
        cause: parsed.error,
      },
    );
  }
  const { id: _ignored, ...fresh } = parsed.data;
  return guarded(() =>
    db.transaction("rw", db.classificationRules, async () => {
      await db.classificationRules.filter((r) => r.contains === fresh.contains).delete();
      return db.classificationRules.add(fresh);
    }),
  );
}

export async function deleteClassificationRule(db: WithinHoursDB, id: number): Promise<void> {
  await guarded(() => db.classificationRules.delete(id));
}

/** Drops keys whose value is undefined, so what is stored matches what a JSON backup gives back. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
