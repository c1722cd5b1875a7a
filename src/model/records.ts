/** Where items come from: an ICS file or feed, a school system page, or the teacher's own entries. */
export type SourceType = "ics-file" | "ics-feed" | "page" | "manual";
export const SOURCE_TYPES = [
  "ics-file",
  "ics-feed",
  "page",
  "manual",
] as const satisfies readonly SourceType[];

export interface Source {
  id: string;
  type: SourceType;
  /** What the teacher calls it ("Arbor timetable", "School calendar"). */
  name: string;
  /** Feed address (https), for ics-feed only. */
  url?: string;
  /** Conditional-request validators from the last good fetch. */
  etag?: string;
  lastModified?: string;
  /** When the last good copy was taken, and the last failure, in words a teacher understands. */
  lastGoodAt?: number;
  lastError?: string;
  lastErrorAt?: number;
  itemCount?: number;
}

/** What happened at one send. Times and outcomes only: never subject, body or addresses. */
export const SEND_OUTCOMES = [
  "in-hours",
  "warned",
  "sent-anyway",
  "scheduled",
  "cancelled",
  "guard-error",
] as const;
export type SendOutcome = (typeof SEND_OUTCOMES)[number];

/**
 * The send log's bounds: what one mail tab may add in a minute (a teacher's sends make a few rows a
 * minute at most), and how many rows are kept, for how long (an academic year and a little more).
 */
export const SEND_LOG_LIMITS = { perTabPerMinute: 20, maxRows: 10_000, keepDays: 400 } as const;

export interface SendRecord {
  id?: number;
  at: number;
  outcome: SendOutcome;
  /** "gmail" or "outlook". */
  site: string;
}

export type CoverChoice = "accepted" | "declined" | "pending";
export const COVER_CHOICES = ["accepted", "declined", "pending"] as const satisfies readonly CoverChoice[];

export interface CoverDecision {
  id?: number;
  /** When the request was seen, and the slot asked for. */
  at: number;
  start: number;
  end: number;
  choice: CoverChoice;
  /** Rule ids the verdict raised. */
  rules: string[];
}

/** A teacher's correction turned into a rule for future imports ("always treat 'Line management' as a meeting"). */
export interface ClassificationRule {
  id?: number;
  /** Lower-case text the title must contain. */
  contains: string;
  kind: import("./item").ItemKind;
  directed: boolean;
}
