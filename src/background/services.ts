/**
 * What the background does with the store: keep the ledger, the send policy and the badge derived from
 * the stored items and profile. Everything is recomputed from Dexie, so a restarted worker loses nothing.
 */
import { DateTime } from "luxon";
import { questionsFor, type Finding, type Profile, type WorkItem } from "../model";
import { profileWithDefaults } from "../model/defaults";
import { evaluate } from "../rules/engine";
import { weekSummary } from "../rules/summary";
import { computeSendPolicy, type SendPolicy } from "../guard/policy";
import type { WithinHoursDB } from "../store/db";
import {
  LEDGER_KEY,
  POLICY_KEY,
  POPUP_KEY,
  WEEK_KEY_PREFIX,
  derivedRows,
  weekIndexAt,
  type PopupIndex,
  type PopupMirror,
  type StoredLedger,
  type StoredWeek,
} from "../store/derived";
import { getProfile, itemsBetween } from "../store/repo";
import { overlaps } from "../store/queries";

export { LEDGER_KEY, POLICY_KEY, type StoredLedger } from "../store/derived";

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "Europe/London";
}

/** The saved profile, or the defaults for a new teacher in the browser's time zone. */
export async function currentProfile(db: WithinHoursDB, now: number): Promise<Profile> {
  const saved = await getProfile(db);
  if (saved) return saved;
  const timeZone = browserTimeZone();
  const today = DateTime.fromMillis(now, { zone: timeZone }).toISODate() ?? "2026-09-01";
  return profileWithDefaults({ timeZone }, today);
}

export function academicYearSpan(profile: Profile): { start: number; end: number } {
  const start = DateTime.fromISO(profile.academicYearStart, { zone: profile.timeZone }).startOf("day");
  return { start: start.toMillis(), end: start.plus({ years: 1 }).toMillis() };
}

export interface Derived {
  ledger: StoredLedger;
  policy: SendPolicy;
  breachesThisWeek: number;
  /** The popup's index and week rows, which the background also mirrors for the popup's first paint. */
  popupRows: { key: string; value: unknown }[];
}

/** A source's items just written, handed over so a large import is not read straight back. */
export interface FreshSource {
  source: string;
  items: readonly WorkItem[];
}

/** Re-run the engine and the send policy from the store, and save both. */
export async function recomputeDerived(
  db: WithinHoursDB,
  now: number,
  fresh?: FreshSource,
): Promise<Derived> {
  const profile = await currentProfile(db, now);
  const year = academicYearSpan(profile);
  const items = fresh ? await withFresh(db, year, fresh) : await itemsBetween(db, year.start, year.end);
  const evaluation = evaluate(items, profile, { now });
  const policy = computeSendPolicy(profile, items, now);
  const questions = questionsFor(items);
  const views = evaluation.weeks.map((w) => weekSummary(evaluation, w.start, profile));
  const ledger: StoredLedger = {
    computedAt: now,
    profile,
    evaluation,
    unconfirmed: questions.slice(0, 50),
    unconfirmedCount: questions.length,
  };
  const rows = derivedRows(ledger, views);
  await db.transaction("rw", db.settings, async () => {
    // Weeks of another academic year (the profile changed) must not linger.
    await db.settings.where("key").startsWith(WEEK_KEY_PREFIX).delete();
    await db.settings.bulkPut([...rows, { key: POLICY_KEY, value: policy }]);
  });
  return {
    ledger,
    policy,
    breachesThisWeek: breachesInWeekOf(evaluation.findings, now),
    popupRows: rows.filter((row) => row.key !== LEDGER_KEY),
  };
}

/** Weeks either side of the current one that the popup's first paint can read from storage.local. */
const MIRRORED_WEEKS = 4;

/**
 * What to mirror into storage.local for the popup's first paint, as one value so the popup reads it in one
 * trip: its index and the weeks around now (all 53 weeks took about 0.4 s to write after every import).
 */
export function popupMirror(
  rows: readonly { key: string; value: unknown }[],
  now: number,
): PopupMirror | null {
  const popup = rows.find((row) => row.key === POPUP_KEY)?.value as PopupIndex | undefined;
  if (!popup) return null;
  const current = weekIndexAt(popup.weeks, now);
  const keep = new Set(
    popup.weeks
      .slice(Math.max(0, current - MIRRORED_WEEKS), current + MIRRORED_WEEKS + 1)
      .map((w) => w.start),
  );
  const weeks: Record<string, StoredWeek> = {};
  for (const row of rows) {
    if (!row.key.startsWith(WEEK_KEY_PREFIX)) continue;
    const start = row.key.slice(WEEK_KEY_PREFIX.length);
    if (keep.has(start)) weeks[start] = row.value as StoredWeek;
  }
  return { popup, weeks };
}

async function withFresh(
  db: WithinHoursDB,
  year: { start: number; end: number },
  fresh: FreshSource,
): Promise<WorkItem[]> {
  const inYear = (i: WorkItem) => overlaps(i, year.start, year.end);
  // Two plain ranges, not notEqual(): Dexie walks a notEqual one index entry at a time through the fresh
  // source's own rows, which cost 190-320 ms after a 10,000-item import.
  const [below, above] = await Promise.all([
    db.items.where("source").below(fresh.source).toArray(),
    db.items.where("source").above(fresh.source).toArray(),
  ]);
  const others = [...below, ...above].filter(inYear);
  return [...others, ...fresh.items.filter(inYear)];
}

function breachesInWeekOf(findings: readonly Finding[], now: number): number {
  const weekAgo = now - 7 * 86_400_000;
  return findings.filter((f) => f.severity === "breach" && f.end > weekAgo && f.start <= now).length;
}

export async function storedPolicy(db: WithinHoursDB): Promise<SendPolicy | undefined> {
  const row = await db.settings.get(POLICY_KEY);
  return row?.value as SendPolicy | undefined;
}
