/**
 * Rows the background derives from the items and profile, stored so the popup and options page open
 * without re-running the engine or scanning every item.
 */
import type { Profile, WorkItem } from "../model";
import type { Evaluation } from "../rules/engine";
import type { WeekSummaryView } from "../rules/summary";

export const LEDGER_KEY = "ledger";
export const POLICY_KEY = "sendPolicy";

export interface StoredLedger {
  computedAt: number;
  profile: Profile;
  evaluation: Evaluation;
  /** What the popup shows for each week of the year, by its first day. */
  weekViews: Record<string, WeekSummaryView>;
  /** One item per distinct title waiting for the teacher's answer, earliest first (at most 50). */
  unconfirmed: WorkItem[];
  /** How many distinct titles wait in all. */
  unconfirmedCount: number;
}
