import type { Finding, Profile, WorkItem } from "../model";
import { dayIndexOf, weekStartOf } from "../time";
import { Ledger, type EngineOptions } from "./engine";
import { formatMinutes, ordinal } from "./util";

export interface CoverSlot {
  start: number;
  end: number;
  /** When the request was made (for "foreseeable": asked well ahead). */
  requestedAt?: number;
  /** The reason given for the absence, if any ("course", "trip"). */
  reason?: string;
}

export interface CoverVerdict {
  /** False when accepting would break a rule (any breach). */
  ok: boolean;
  /** Findings that accepting the cover would add. */
  findings: Finding[];
  /** Plain reasons, most serious first, then the counts. */
  reasons: string[];
}

export const PROPOSED_COVER_ID = "proposed-cover";

const key = (f: Finding) => `${f.rule}|${f.severity}|${f.start}|${f.end}`;

/**
 * What accepting a proposed cover slot would do: re-evaluates its week with the cover added and reports the
 * findings that appear (cover in PPA or non-contact time, contact over the maximum, foreseeable, the Nth
 * this term).
 */
export function coverVerdict(
  slot: CoverSlot,
  items: readonly WorkItem[],
  profile: Profile,
  opts: EngineOptions = {},
): CoverVerdict {
  const ledger = new Ledger(profile, opts);
  ledger.setItems(items);
  const week = ledger.weekAt(slot.start);
  if (!week) {
    return {
      ok: true,
      findings: [],
      reasons: ["This slot is outside the academic year being tracked, so no rule was checked."],
    };
  }
  const before = ledger.evaluation();
  const proposed: WorkItem = {
    id: PROPOSED_COVER_ID,
    start: slot.start,
    end: slot.end,
    title: slot.reason ? `Proposed cover (${slot.reason})` : "Proposed cover",
    kind: "cover",
    directed: true,
    source: "proposed",
    sourceUid: PROPOSED_COVER_ID,
    confirmed: true,
    firstSeen: slot.requestedAt,
  };
  ledger.replaceWeek(weekStartOf(slot.start, profile), [...ledger.itemsOfWeek(week.week.index), proposed]);
  const after = ledger.evaluation();

  const existing = new Set(before.findings.map(key));
  const severityOrder = { breach: 0, warning: 1, info: 2 } as const;
  const added = after.findings
    .filter((f) => !existing.has(key(f)) || f.items.includes(PROPOSED_COVER_ID))
    .sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);

  const reasons = added.map((f) => f.message);
  const wl = after.weeks[week.week.index]!;
  const term = ledgerTermCount(after.year.coverByTerm, ledger, slot.start);
  reasons.push(
    `It would be your ${ordinal(wl.coverCount)} cover this week${term ? `, ${ordinal(term.count)} in the ${term.term.toLowerCase()}` : ""} and ${ordinal(after.year.coverCount)} this year.`,
  );
  if (wl.contactMaxMinutes !== null) {
    reasons.push(
      `Class contact this week would be ${formatMinutes(wl.contactMinutes)} of a maximum ${formatMinutes(wl.contactMaxMinutes)}.`,
    );
  }
  return { ok: !added.some((f) => f.severity === "breach"), findings: added, reasons };
}

function ledgerTermCount(byTerm: { term: string; count: number }[], ledger: Ledger, instant: number) {
  const term = ledger.calendar.days[dayIndexOf(ledger.calendar, instant)]?.term ?? -1;
  return term >= 0 ? byTerm[term] : undefined;
}
