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

/** Maintained school, academy that adopts the STPCD, or another employer (RULES.md "Force": S/C rules). */
export const SCHOOL_TYPES = ["maintained", "academy", "other"] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

/** The profile, as its schema reads it (src/model/schema.ts): one definition. */
export type { Profile } from "./schema";
