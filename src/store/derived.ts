/**
 * Rows the background derives from the items and profile, stored so the popup and options page open
 * without re-running the engine or scanning every item. The popup reads two small rows (its index and
 * the week shown), never the whole ledger.
 */
import type { Finding, Profile, WorkItem } from "../model";
import type { SourceOverlap } from "../ingest/dedupe";
import type { Evaluation } from "../rules/engine";
import type { WeekSummaryView } from "../rules/summary";
import type { WeekLedger, YearLedger } from "../rules/types";

export const LEDGER_KEY = "ledger" as const;
export const POLICY_KEY = "sendPolicy";
export const POPUP_KEY = "popup" as const;
export const WEEK_KEY_PREFIX = "week:" as const;
export const weekKey = (weekStart: string): `${typeof WEEK_KEY_PREFIX}${string}` =>
  `${WEEK_KEY_PREFIX}${weekStart}`;
/** The storage.local key of the popup's first-paint copy: its index and the weeks around now, one value. */
export const POPUP_MIRROR_KEY = "popup.firstPaint";

export interface StoredLedger {
  computedAt: number;
  profile: Profile;
  evaluation: Evaluation;
  /** One item per distinct title waiting for the teacher's answer, earliest first (at most 50). */
  unconfirmed: WorkItem[];
  /** How many distinct titles wait in all. */
  unconfirmedCount: number;
  /** Calendars that hold the same events, each counted once (ingest/dedupe.ts). */
  sourceOverlaps?: SourceOverlap[];
  /** Items on the calendars in the academic year: none means the teacher has not brought a calendar in yet. */
  itemCount: number;
}

/** What the popup needs to choose a week and show the year. */
export interface PopupIndex {
  timeZone: string;
  weeks: Pick<WeekLedger, "start" | "startInstant" | "endInstant">[];
  year: YearLedger;
  unconfirmed: WorkItem[];
  unconfirmedCount: number;
  itemCount: number;
}

/** The week containing `now`, else the nearest end of the academic year. */
export function weekIndexAt(weeks: PopupIndex["weeks"], now: number): number {
  const found = weeks.findIndex((w) => now >= w.startInstant && now < w.endInstant);
  if (found >= 0) return found;
  return weeks.length > 0 && now >= weeks[weeks.length - 1]!.endInstant ? weeks.length - 1 : 0;
}

/** What the popup paints first from, read in one trip (storage.local, `POPUP_MIRROR_KEY`). */
export interface PopupMirror {
  popup: PopupIndex;
  /** Stored weeks by their start date. */
  weeks: Record<string, StoredWeek>;
}

/** One week as the popup shows it. */
export interface StoredWeek {
  view: WeekSummaryView;
  /** Findings whose span touches the week. */
  findings: Finding[];
}

/** One settings row the background derives; its key says which of the types above its value has. */
export type DerivedRow =
  | { key: typeof LEDGER_KEY; value: StoredLedger }
  | { key: typeof POPUP_KEY; value: PopupIndex }
  | { key: `${typeof WEEK_KEY_PREFIX}${string}`; value: StoredWeek };

/** The rows to write for a fresh ledger: the ledger itself, the popup's index and one row a week. */
export function derivedRows(ledger: StoredLedger, views: WeekSummaryView[]): DerivedRow[] {
  const { evaluation } = ledger;
  const index: PopupIndex = {
    timeZone: ledger.profile.timeZone,
    weeks: evaluation.weeks.map(({ start, startInstant, endInstant }) => ({
      start,
      startInstant,
      endInstant,
    })),
    year: evaluation.year,
    unconfirmed: ledger.unconfirmed.slice(0, 5),
    unconfirmedCount: ledger.unconfirmedCount,
    itemCount: ledger.itemCount,
  };
  const weeks = evaluation.weeks.map((week, i) => {
    const value: StoredWeek = {
      view: views[i]!,
      findings: evaluation.findings.filter((f) => f.start < week.endInstant && f.end > week.startInstant),
    };
    return { key: weekKey(week.start), value } as const;
  });
  return [{ key: LEDGER_KEY, value: ledger }, { key: POPUP_KEY, value: index }, ...weeks];
}
