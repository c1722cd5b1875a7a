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
import {
  classificationRuleSchema,
  MAX_TRAINING_DAYS,
  profileSchema,
  sendRecordSchema,
  sourceSchema,
} from "../model/schema";
import { PROFILE_KEY, type WithinHoursDB } from "./db";
import { guarded, StoreError } from "./errors";
import { coverDecisionRowSchema, describeIssue, itemRowSchema } from "./rows";
import { POLICY_KEY, WEEK_KEY_PREFIX, type DerivedRow } from "./derived";
import { DAY_MS, EVENT_TABLE_LIMITS, type EventTableName } from "./limits";
import { keptToAcademicYear } from "../model/academic-year";
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
    return row === undefined ? undefined : checkedProfile(row.value, "saved");
  });
}

export async function saveProfile(db: WithinHoursDB, profile: Profile): Promise<void> {
  const checked = checkedProfile(profile, "settings");
  await guarded(() => db.settings.put({ key: PROFILE_KEY, value: withoutUndefined(checked) }));
}

/**
 * A profile about to be written, checked; the message says whose fault a failure is. An import that would
 * take the training days past the limit is named as such (a calendar marking every day as INSET).
 */
function checkedProfile(value: unknown, from: "settings" | "saved" | "import"): Profile {
  const parsed = profileSchema.safeParse(value);
  if (parsed.success) return parsed.data as Profile;
  const issue = parsed.error.issues[0];
  const days = (value as Partial<Profile> | null)?.trainingDays;
  const message =
    from === "import" && issue?.path[0] === "trainingDays" && Array.isArray(days) && issue.code === "too_big"
      ? `This calendar marks ${days.length} training (INSET) days in your academic year, more than the ${MAX_TRAINING_DAYS} Within Hours keeps. Nothing was changed; check the calendar's INSET entries.`
      : from === "saved"
        ? "Your saved profile could not be read. It has been kept as it was; please check your settings page and save them again."
        : "These settings could not be saved because some of them are not valid. Nothing was changed.";
  throw new StoreError("invalid", message, { cause: parsed.error });
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
  const incoming = checkedSourceItems(sourceId, items);
  return guarded(() =>
    db.transaction("rw", db.items, async () => {
      const plan = planReplace(await db.items.where("source").equals(sourceId).toArray(), incoming);
      await writePlan(db, plan);
      return { counts: plan.counts, stored: plan.stored };
    }),
  );
}

function checkedSourceItems(sourceId: string, items: readonly WorkItem[]): Map<string, WorkItem> {
  const incoming = new Map<string, WorkItem>();
  for (const item of checkedItems(items)) {
    if (item.source !== sourceId)
      throw new TypeError(`Item ${item.id} belongs to ${item.source}, not ${sourceId}`);
    incoming.set(item.id, item);
  }
  return incoming;
}

interface ReplacePlan extends ReplaceResult {
  toWrite: WorkItem[];
  vanished: string[];
}

/** What replacing a source's items with `incoming` writes and deletes; pure, so it runs before any write. */
function planReplace(
  existingRows: readonly WorkItem[],
  incoming: ReadonlyMap<string, WorkItem>,
): ReplacePlan {
  const existing = new Map(existingRows.map((i) => [i.id, i]));
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
  return { counts, stored, toWrite: inKeyOrder(toWrite), vanished };
}

async function writePlan(db: WithinHoursDB, plan: ReplacePlan): Promise<void> {
  for (let i = 0; i < plan.vanished.length; i += CHUNK_SIZE)
    await db.items.bulkDelete(plan.vanished.slice(i, i + CHUNK_SIZE));
  for (let i = 0; i < plan.toWrite.length; i += CHUNK_SIZE)
    await db.items.bulkPut(plan.toWrite.slice(i, i + CHUNK_SIZE));
}

/** One calendar read in full: its items, its own row, and the INSET days it marks. */
export interface SourceImport {
  source: Source;
  items: readonly WorkItem[];
  /**
   * The local dates the items as they will be stored (the teacher's answers kept) mark as training days;
   * they join the profile's, for its academic year.
   */
  trainingDays: (stored: readonly WorkItem[]) => readonly string[];
  /** The profile to start from when none is saved yet (the defaults the import was read with). */
  profile: Profile;
}

export interface SourceImportResult extends ReplaceResult {
  /** False when the calendar matched what was stored: then nothing was written (a feed's check time aside). */
  changed: boolean;
}

/**
 * Writes one import all or nothing: the source's items, the source itself and the profile's training days,
 * in one transaction, after every part has been checked. A worker stopped at any point leaves the old
 * state or the new, never items that no calendar lists. Training days of other academic years are pruned.
 */
export async function commitSourceImport(
  db: WithinHoursDB,
  input: SourceImport,
): Promise<SourceImportResult> {
  const incoming = checkedSourceItems(input.source.id, input.items);
  const source = checkedSource(input.source);
  return guarded(
    () =>
      db.transaction("rw", db.items, db.sources, db.settings, async () => {
        const plan = planReplace(await db.items.where("source").equals(source.id).toArray(), incoming);
        const saved = await db.settings.get(PROFILE_KEY);
        const base = saved ? checkedProfile(saved.value, "saved") : input.profile;
        const profile = checkedProfile(
          keptToAcademicYear({
            ...base,
            trainingDays: [...new Set([...base.trainingDays, ...input.trainingDays(plan.stored)])].sort(),
          }),
          "import",
        );
        const profileChanged =
          !saved ||
          profile.trainingDays.join() !== base.trainingDays.join() ||
          JSON.stringify(profile.terms) !== JSON.stringify(base.terms);
        const old = await db.sources.get(source.id);
        const itemsChanged = plan.toWrite.length > 0 || plan.vanished.length > 0;
        const changed = itemsChanged || profileChanged || !old || !sameSource(old, source);
        if (changed) {
          await writePlan(db, plan);
          if (profileChanged) await db.settings.put({ key: PROFILE_KEY, value: withoutUndefined(profile) });
          await db.sources.put(source);
        } else if (source.type === "ics-feed") {
          // A feed read again unchanged was still read: its check time moves on, nothing else.
          await db.sources.put(source);
        }
        return { counts: plan.counts, stored: plan.stored, changed };
      }),
    // A check that fails inside the transaction says what it found, as the checks before it do.
    (error) => error instanceof StoreError,
  );
}

/** Everything but the time it was last read. */
function sameSource(a: Source, b: Source): boolean {
  return JSON.stringify({ ...a, lastGoodAt: 0 }) === JSON.stringify({ ...b, lastGoodAt: 0 });
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
  const checked = checkedSource(source);
  await guarded(() => db.sources.put(checked));
}

function checkedSource(source: Source): Source {
  const parsed = sourceSchema.safeParse(source);
  if (!parsed.success) {
    throw new StoreError(
      "invalid",
      "This calendar's details could not be saved because they are not valid. Nothing was changed.",
      { cause: parsed.error },
    );
  }
  return withoutUndefined(parsed.data);
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
