import { DateTime } from "luxon";
import { SEVERITY_ORDER, type CoverReason, type Finding, type Profile, type WorkItem } from "../model";
import { weekStartOf } from "../time";
import { packFor, paramsFor } from "./catalogue";
import { engCoverRarely } from "./packs/england";
import { coverOccasions, type CoverLedger, type CoverOccasion } from "./cover-occasions";

export type { CoverLedger, CoverTotals } from "./cover-occasions";
import { Ledger, type EngineOptions } from "./engine";
import type { Evaluation } from "./types";
import { formatMinutes, ordinal } from "./util";

export interface CoverSlot {
  start: number;
  end: number;
  /** When the request was made (for "foreseeable": asked well ahead). */
  requestedAt?: number;
  /** The absence's category, never its reason in words. */
  reason?: CoverReason;
  /** The class or group code ("9X2"). */
  classCode?: string;
}

export type CoverSeverity = "breach" | "warning" | "ok";

export interface CoverVerdict {
  /** The most serious finding the cover would add: breach, warning, or ok (nothing, or notes only). */
  severity: CoverSeverity;
  /** False when the cover would break a rule (any breach). */
  ok: boolean;
  /** Findings the cover would add, most serious first; each has its rule, force and source. */
  findings: Finding[];
  /** Plain reasons: the findings' messages, then the counts and the week's totals. */
  reasons: string[];
  /** The counts behind the reasons, for the form and the banner. */
  facts: CoverFacts | null;
}

export interface CoverFacts {
  /** This cover's number this week, this term and this year (1 = the first). */
  nthThisWeek: number;
  nthThisTerm: number | null;
  term: string | null;
  nthThisYear: number;
  /** Why it looks foreseeable, or "" when it does not. */
  foreseeable: string;
  /** PPA or non-contact minutes it would take. */
  ppaLostMinutes: number;
  contactMinutes: number;
  contactMaxMinutes: number | null;
  directedMinutes: number;
}

export const PROPOSED_COVER_ID = "proposed-cover";

/** The parameters of the profile's own cover rule (England's where the regime has none). */
function foreseeableParams(profile: Profile) {
  return paramsFor(profile)(packFor(profile).meters.cover ?? engCoverRarely);
}

const key = (f: Finding) => `${f.rule}|${f.severity}|${f.start}|${f.end}`;

/** The proposed cover as a work item: what "Log this cover" stores, minus its id and source. */
export function coverItem(slot: CoverSlot, id = PROPOSED_COVER_ID, source = "proposed"): WorkItem {
  const item: WorkItem = {
    id,
    start: slot.start,
    end: slot.end,
    title: slot.classCode ? `Cover ${slot.classCode}` : "Cover",
    kind: "cover",
    directed: true,
    source,
    sourceUid: id,
    confirmed: true,
  };
  if (slot.requestedAt !== undefined) item.firstSeen = slot.requestedAt;
  if (slot.reason) item.coverReason = slot.reason;
  return item;
}

/**
 * Checks proposed covers against one set of items. The year is evaluated once; each check re-evaluates
 * only the cover's week with the cover added, then puts the week back, so a form can ask on every change.
 */
export class CoverChecker {
  private readonly ledger: Ledger;
  private readonly before: Evaluation;
  private readonly existing: Set<string>;

  constructor(
    items: readonly WorkItem[],
    readonly profile: Profile,
    opts: EngineOptions = {},
  ) {
    this.ledger = new Ledger(profile, opts);
    this.ledger.setItems(items);
    this.before = this.ledger.evaluation();
    this.existing = new Set(this.before.findings.map(key));
  }

  /** The evaluation without any proposed cover. */
  get evaluation(): Evaluation {
    return this.before;
  }

  check(slot: CoverSlot): CoverVerdict {
    const { ledger, profile } = this;
    const week = ledger.weekAt(slot.start);
    if (!week || !(slot.end > slot.start)) {
      return {
        severity: "ok",
        ok: true,
        findings: [],
        reasons: [
          week
            ? "The cover's end is not after its start, so no rule was checked."
            : "This slot is outside the academic year being tracked, so no rule was checked.",
        ],
        facts: null,
      };
    }
    const index = week.week.index;
    const weekStart = weekStartOf(slot.start, profile);
    const original = ledger.itemsOfWeek(index);
    const proposed = coverItem(slot);
    ledger.replaceWeek(weekStart, [...original, proposed]);
    let after: Evaluation;
    let occasions: CoverOccasion[];
    try {
      after = ledger.evaluation();
      occasions = coverOccasions(ledger.calendar, ledger.weekAggs(), foreseeableParams(profile));
    } finally {
      ledger.replaceWeek(weekStart, original);
    }

    const findings = after.findings
      .filter((f) => !this.existing.has(key(f)) || f.items.includes(PROPOSED_COVER_ID))
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    const severity: CoverSeverity = findings.some((f) => f.severity === "breach")
      ? "breach"
      : findings.some((f) => f.severity === "warning")
        ? "warning"
        : "ok";

    const wl = after.weeks[index]!;
    const mine = occasions.find((c) => c.placed.item.id === PROPOSED_COVER_ID);
    const term = mine && mine.term >= 0 ? (ledger.calendar.terms[mine.term]?.name ?? null) : null;
    const facts: CoverFacts = {
      nthThisWeek: occasions.filter((c) => c.week === index && c.placed.item.start <= slot.start).length,
      nthThisTerm: term ? mine!.nthInTerm : null,
      term,
      nthThisYear: mine ? occasions.indexOf(mine) + 1 : occasions.length,
      foreseeable: mine?.foreseeable ?? "",
      ppaLostMinutes: mine?.ppaLostMinutes ?? 0,
      contactMinutes: wl.contactMinutes,
      contactMaxMinutes: wl.contactMaxMinutes,
      directedMinutes: wl.directedMinutes,
    };
    const reasons = findings.map((f) => f.message);
    reasons.push(
      `It would be your ${ordinal(facts.nthThisWeek)} cover this week${term ? `, ${ordinal(facts.nthThisTerm!)} in the ${term.toLowerCase()}` : ""} and ${ordinal(facts.nthThisYear)} this year.`,
    );
    if (facts.foreseeable) reasons.push(`It looks foreseeable: ${facts.foreseeable}.`);
    if (facts.ppaLostMinutes > 0) {
      reasons.push(`It would take ${formatMinutes(facts.ppaLostMinutes)} of your PPA or non-contact time.`);
    }
    if (wl.contactMaxMinutes !== null) {
      reasons.push(
        `Class contact this week would be ${formatMinutes(wl.contactMinutes)} of a maximum ${formatMinutes(wl.contactMaxMinutes)}.`,
      );
    }
    reasons.push(`Directed time this week would be ${formatMinutes(wl.directedMinutes)}.`);
    return { severity, ok: severity !== "breach", findings, reasons, facts };
  }
}

/**
 * What a proposed cover would do: re-evaluates its week with the cover added and reports the findings that
 * appear (cover in PPA or non-contact time, contact over the maximum, foreseeable, the Nth this term).
 */
export function coverVerdict(
  slot: CoverSlot,
  items: readonly WorkItem[],
  profile: Profile,
  opts: EngineOptions = {},
): CoverVerdict {
  return new CoverChecker(items, profile, opts).check(slot);
}

/** The cover ledger of a year: per week, term and year (NEU counts cover in hours as well as occasions). */
export function coverLedger(ledger: Ledger): CoverLedger {
  return ledger.evaluation().cover;
}

/** The cover ledger for a set of items (for the audit and tests; the background keeps its own Ledger). */
export function coverLedgerOf(
  items: readonly WorkItem[],
  profile: Profile,
  opts: EngineOptions = {},
): CoverLedger {
  const ledger = new Ledger(profile, opts);
  ledger.setItems(items);
  return coverLedger(ledger);
}

/** One period of the school day, as the imported timetable shows it. */
export interface TimetablePeriod {
  /** "1", "2", … in order through the day. */
  label: string;
  /** Local minutes after midnight. */
  startMin: number;
  endMin: number;
}

const PERIOD_KINDS = new Set(["lesson", "ppa", "non-contact", "cover"]);

/**
 * The school day's periods, read from the timetable: the lesson, PPA and non-contact slots that recur (seen
 * at least twice) at the same local times, numbered through the day. A slot overlapping a more common one
 * is left out (a double lesson, a one-off).
 */
export function timetablePeriods(items: readonly WorkItem[], zone: string): TimetablePeriod[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    if (item.allDay || !PERIOD_KINDS.has(item.kind) || item.end - item.start > 3 * 3_600_000) continue;
    const start = DateTime.fromMillis(item.start, { zone });
    const startMin = start.hour * 60 + start.minute;
    const endMin = startMin + Math.round((item.end - item.start) / 60_000);
    const k = `${startMin}-${endMin}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const slots = [...counts]
    .filter(([, n]) => n >= 2)
    .map(([k, n]) => {
      const [s, e] = k.split("-").map(Number) as [number, number];
      return { startMin: s, endMin: e, n };
    })
    .sort((a, b) => b.n - a.n || a.startMin - b.startMin);
  const kept: typeof slots = [];
  for (const s of slots) {
    if (!kept.some((k) => s.startMin < k.endMin && k.startMin < s.endMin)) kept.push(s);
  }
  return kept
    .sort((a, b) => a.startMin - b.startMin)
    .map((s, i) => ({ label: String(i + 1), startMin: s.startMin, endMin: s.endMin }));
}

/** A cover as a request names it: a local date with a period or times. */
export interface CoverWhen {
  date: string;
  period?: string;
  /** HH:MM, local. */
  from?: string;
  to?: string;
}

/** The cover's instants in the teacher's zone, or a plain reason why they cannot be worked out. */
export function resolveCoverTimes(
  when: CoverWhen,
  periods: readonly TimetablePeriod[],
  zone: string,
): { start: number; end: number } | { error: string } {
  const day = DateTime.fromISO(when.date, { zone });
  if (!day.isValid) return { error: `"${when.date}" is not a date.` };
  const at = (hm: string) => {
    const [h, m] = hm.split(":").map(Number) as [number, number];
    return day.set({ hour: h, minute: m }).toMillis();
  };
  if (when.from && when.to) {
    const start = at(when.from);
    const end = at(when.to);
    return end > start ? { start, end } : { error: "The cover's end is not after its start." };
  }
  if (when.period !== undefined) {
    const label = when.period.replace(/^p(?:eriod)?\s*/i, "").replace(/[a-z]$/i, "");
    const p = periods.find((x) => x.label === label);
    if (!p) {
      return {
        error: `Period ${when.period} is not on your imported timetable; give the cover's times instead.`,
      };
    }
    const start = day.startOf("day").plus({ minutes: p.startMin }).toMillis();
    return { start, end: start + (p.endMin - p.startMin) * 60_000 };
  }
  return { error: "Give the cover's period or its times." };
}
