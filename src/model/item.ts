/**
 * A work item: one span of time on the teacher's calendar, with what kind of work it is and whether the
 * school directs it. Times are UTC epoch milliseconds; day/week arithmetic happens in the profile's zone.
 */
export const ITEM_KINDS = [
  "lesson",
  "registration",
  "ppa",
  "non-contact",
  "duty",
  "meeting",
  "parents-evening",
  "inset",
  "cpd",
  "cover",
  "invigilation",
  "observation",
  "report-writing",
  "trip",
  "holiday",
  "personal",
  /** A break or lunch row on a timetable: not work, not directed. */
  "break",
  /** A club, practice, rehearsal or fixture the teacher offers voluntarily: work, but not directed. */
  "extra-curricular",
  "other",
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** How each kind is named: `label` on its own (a tag, a choice in a list), `phrase` within a sentence. */
export const KIND_NAMES: Readonly<Record<ItemKind, { label: string; phrase: string }>> = {
  lesson: { label: "Lesson", phrase: "a lesson" },
  registration: { label: "Registration / tutor time", phrase: "registration or tutor time" },
  ppa: { label: "PPA", phrase: "PPA" },
  "non-contact": { label: "Non-contact", phrase: "non-contact time" },
  duty: { label: "Duty", phrase: "a duty" },
  meeting: { label: "Meeting", phrase: "a meeting" },
  "parents-evening": { label: "Parents' evening", phrase: "a parents' evening" },
  inset: { label: "INSET / training day", phrase: "an INSET (training) day" },
  cpd: { label: "CPD", phrase: "CPD" },
  cover: { label: "Cover", phrase: "cover" },
  invigilation: { label: "Invigilation", phrase: "invigilation" },
  observation: { label: "Observation", phrase: "an observation" },
  "report-writing": { label: "Report writing", phrase: "report writing" },
  trip: { label: "Trip", phrase: "a trip" },
  holiday: { label: "Holiday", phrase: "a holiday" },
  personal: { label: "Personal", phrase: "personal time" },
  break: { label: "Break / lunch", phrase: "a break or lunch" },
  "extra-curricular": {
    label: "Club or activity (voluntary)",
    phrase: "a club or activity offered voluntarily",
  },
  other: { label: "Other", phrase: "something else" },
};

/**
 * Why a cover was needed, as a category only: the reason in words can be a colleague's health data and is
 * never kept (COVER-AND-EVIDENCE.md A3).
 */
export const COVER_REASONS = [
  "unplanned",
  "planned-course",
  "planned-trip",
  "planned-meeting",
  "long-term",
  "unknown",
] as const;
export type CoverReason = (typeof COVER_REASONS)[number];

export const COVER_REASON_LABEL: Record<CoverReason, string> = {
  unplanned: "Unplanned absence",
  "planned-course": "Planned: course",
  "planned-trip": "Planned: trip",
  "planned-meeting": "Planned: meeting",
  "long-term": "Long-term absence",
  unknown: "Not known",
};

/** Kinds that are directed unless the teacher says otherwise (STPCD; RULES.md eng.directed.counts). */
export const DIRECTED_BY_DEFAULT: ReadonlySet<ItemKind> = new Set<ItemKind>([
  "lesson",
  "registration",
  "ppa",
  "non-contact",
  "duty",
  "meeting",
  "parents-evening",
  "inset",
  "cpd",
  "cover",
  "invigilation",
  "observation",
  "trip",
]);

export interface WorkItem {
  /** Stable id: `${source}:${sourceUid}` plus the recurrence instant for expanded series. */
  id: string;
  start: number;
  end: number;
  /** All-day entries (training days, holidays) feed the term calendar rather than the minute counts. */
  allDay?: boolean;
  title: string;
  location?: string;
  kind: ItemKind;
  directed: boolean;
  /** Id of the Source it came from ("manual" for items the teacher typed in). */
  source: string;
  sourceUid: string;
  /** The teacher confirmed kind and directed status. */
  confirmed: boolean;
  /** Classifier confidence 0–1; below the threshold the item is asked about. */
  confidence?: number;
  /** When the item first appeared on the calendar (for notice and "foreseeable" checks). */
  firstSeen?: number;
  /** Cover only: the absence's category (never its reason in words). */
  coverReason?: CoverReason;
}

/** A span of time: UTC epoch ms, `end` not included. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Whether two spans share time. A zero-length span (an event with no end) counts where it stands: inside a
 * span from its start up to (not at) its end.
 */
export function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end) return standsIn(a.start, b);
  if (b.start === b.end) return standsIn(b.start, a);
  return a.start < b.end && b.start < a.end;
}

/** Whether instant `t` is inside `s` (a zero-length `s` holds its own start). Module level: `overlaps` is hot. */
function standsIn(t: number, s: Span): boolean {
  return s.start <= t && (t < s.end || t === s.start);
}

export function durationMinutes(item: Pick<WorkItem, "start" | "end">): number {
  return Math.max(0, Math.round((item.end - item.start) / 60_000));
}

/** Below this classifier confidence an item is asked about rather than counted silently. */
export const CONFIRM_THRESHOLD = 0.7;

/** Items the teacher should confirm: not yet confirmed and classified with low confidence. */
export function needsConfirmation(item: Pick<WorkItem, "confirmed" | "confidence">): boolean {
  return !item.confirmed && (item.confidence ?? 0) < CONFIRM_THRESHOLD;
}

/**
 * The family a title belongs to: lower case, every run of digits as "#", punctuation as spaces. "Academic
 * Week 1" … "Academic Week 52" are one family, and so are "Year 9 Parents' Evening" and "Year 10 Parents'
 * Evening": the teacher is asked once per family and the answer holds for all of it.
 */
export function familyKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .replace(/\d+/g, "#")
    .replace(/[^\p{L}\p{N}#/]+/gu, " ")
    .trim();
}

/**
 * What the teacher is asked about: one item per title family among those needing confirmation, the
 * earliest of each, earliest first (a weekly "Line management" is one question, not forty).
 */
export function questionsFor(items: Iterable<WorkItem>): WorkItem[] {
  const byFamily = new Map<string, WorkItem>();
  for (const item of items) {
    if (!needsConfirmation(item)) continue;
    const family = familyKey(item.title);
    const seen = byFamily.get(family);
    if (!seen || item.start < seen.start) byFamily.set(family, item);
  }
  return [...byFamily.values()].sort((a, b) => a.start - b.start);
}
