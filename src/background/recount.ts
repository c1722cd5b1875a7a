/**
 * The recount: the ledger, the send policy and the popup's rows derived again from the stored items and
 * profile, and saved. Everything is recomputed from Dexie, so a restarted worker loses nothing.
 */
import { DateTime } from "luxon";
import { overlaps, questionsFor, type Finding, type Profile, type WorkItem } from "../model";
import { profileWithDefaults } from "../rules/profile-defaults";
import { academicYearSpan } from "../time";
import { evaluate } from "../rules/engine";
import { weekSummary } from "../rules/summary";
import { computeSendPolicy, type SendPolicy } from "../guard/policy";
import type { WithinHoursDB } from "../store/db";
import { LEDGER_KEY, derivedRows, type DerivedRow, type StoredLedger } from "../store/derived";
import { dedupeAcrossSources } from "../ingest/dedupe";
import { getProfile, getSourcePrecedence, itemsBetween, listSources, saveDerived } from "../store/repo";

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

export interface Derived {
  ledger: StoredLedger;
  policy: SendPolicy;
  breachesThisWeek: number;
  /** The popup's index and week rows, which the background also mirrors for the popup's first paint. */
  popupRows: DerivedRow[];
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
  const stored = fresh ? await withFresh(db, year, fresh) : await itemsBetween(db, year.start, year.end);
  // The same event from two calendars counts once: from the calendar the teacher chose, else their own
  // items, then calendars as the options page lists them.
  const sourceOrder = (await listSources(db)).map((source) => source.id);
  const chosen = await getSourcePrecedence(db);
  const { items, overlaps: sourceOverlaps } = dedupeAcrossSources(stored, [
    ...chosen,
    "manual",
    ...sourceOrder,
  ]);
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
    itemCount: items.length,
  };
  if (sourceOverlaps.length > 0) ledger.sourceOverlaps = sourceOverlaps;
  const rows = derivedRows(ledger, views);
  await saveDerived(db, rows, policy);
  return {
    ledger,
    policy,
    breachesThisWeek: breachesInWeekOf(evaluation.findings, now),
    popupRows: rows.filter((row) => row.key !== LEDGER_KEY),
  };
}

async function withFresh(
  db: WithinHoursDB,
  year: { start: number; end: number },
  fresh: FreshSource,
): Promise<WorkItem[]> {
  const inYear = (i: WorkItem) => overlaps(i, year);
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
