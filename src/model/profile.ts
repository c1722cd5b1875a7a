/**
 * The teacher's profile: which regime applies and the facts of their contract and school year.
 * Every rule parameter can be overridden per school (a local agreement) through `overrides`.
 */
export const JURISDICTIONS = [
  "england",
  "wales",
  "northern-ireland",
  "scotland",
  "nz-secondary",
  "nz-primary",
  "support-staff",
] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export const ROLES = [
  "classroom",
  "ect1",
  "ect2",
  "leadership",
  "support",
  "instructor",
  "specialist",
  "probationer",
] as const;
export type Role = (typeof ROLES)[number];

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface TermDates {
  name: string;
  /** Inclusive local dates, YYYY-MM-DD. */
  start: string;
  end: string;
}

export type ParamValue = number | string | boolean;

export interface Profile {
  jurisdiction: Jurisdiction;
  role: Role;
  /** Full-time equivalent, 0–1. */
  fte: number;
  contractedDays: Weekday[];
  /** NZ permanent units held. */
  permanentUnits: number;
  /** NZ specialist roll size (for nz.sec.specialist). */
  schoolRoll?: number;
  /** IANA zone name. */
  timeZone: string;
  /** Local "HH:MM". */
  schoolDayStart: string;
  schoolDayEnd: string;
  /** Local "HH:MM" when the pupils' last session ends; meetings from then on are "after school". */
  sessionEnd?: string;
  weekStart: Weekday;
  cycleWeeks: 1 | 2;
  /** Local date YYYY-MM-DD. */
  academicYearStart: string;
  terms: TermDates[];
  trainingDays: string[];
  /** Union advice overlay (NEU/NASUWT): on by default for England and Wales. */
  unionOverlay: boolean;
  /** Ready-made local agreement applied before `overrides` (e.g. "west-dunbartonshire-2019"). */
  localAgreement?: string;
  /** Per-rule parameter overrides: { "eng.meetings.weekly": { maxMinutes: 90 } }. */
  overrides: Record<string, Record<string, ParamValue>>;
  /** Email addresses or domains the send guard never warns about. */
  emailExceptions: string[];
}
