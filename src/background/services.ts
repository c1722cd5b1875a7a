/**
 * What the background does with the store: keep the ledger, the send policy and the badge derived from
 * the stored items and profile. Everything is recomputed from Dexie, so a restarted worker loses nothing.
 */
import { DateTime } from "luxon";
import type { Finding, Profile, WorkItem } from "../model";
import { profileWithDefaults } from "../model/defaults";
import { evaluate, type Evaluation } from "../rules/engine";
import { computeSendPolicy, type SendPolicy } from "../guard/policy";
import type { WithinHoursDB } from "../store/db";
import { getProfile, itemsBetween } from "../store/repo";

export const LEDGER_KEY = "ledger";
export const POLICY_KEY = "sendPolicy";

/** The evaluation the popup shows, stored so it opens without re-running the engine. */
export interface StoredLedger {
  computedAt: number;
  profile: Profile;
  evaluation: Evaluation;
}

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
}

/** Re-run the engine and the send policy from the store, and save both. */
export async function recomputeDerived(db: WithinHoursDB, now: number): Promise<Derived> {
  const profile = await currentProfile(db, now);
  const year = academicYearSpan(profile);
  const items: WorkItem[] = await itemsBetween(db, year.start, year.end);
  const evaluation = evaluate(items, profile, { now });
  const policy = computeSendPolicy(profile, items, now);
  const ledger: StoredLedger = { computedAt: now, profile, evaluation };
  await db.settings.bulkPut([
    { key: LEDGER_KEY, value: ledger },
    { key: POLICY_KEY, value: policy },
  ]);
  return { ledger, policy, breachesThisWeek: breachesInWeekOf(evaluation.findings, now) };
}

function breachesInWeekOf(findings: readonly Finding[], now: number): number {
  const weekAgo = now - 7 * 86_400_000;
  return findings.filter((f) => f.severity === "breach" && f.end > weekAgo && f.start <= now).length;
}

export async function storedPolicy(db: WithinHoursDB): Promise<SendPolicy | undefined> {
  const row = await db.settings.get(POLICY_KEY);
  return row?.value as SendPolicy | undefined;
}
