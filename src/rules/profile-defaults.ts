import type { Profile, Weekday } from "../model";
import { DEFAULT_PACK, DEFAULT_SCHOOL_TYPE, PACKS } from "./catalogue";

const MON_FRI: Weekday[] = [1, 2, 3, 4, 5];

/** The academic year that contains `today` (a local YYYY-MM-DD), for a jurisdiction's start date. */
export function academicYearStartFor(jurisdiction: Profile["jurisdiction"], today: string): string {
  const [month, day] = PACKS[jurisdiction].defaults.yearStart;
  const year = Number(today.slice(0, 4));
  const candidate = `${year}-${pad(month)}-${pad(day)}`;
  return today >= candidate ? candidate : `${year - 1}-${pad(month)}-${pad(day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** The time zone a jurisdiction's pack assumes when the profile gives none. */
export function defaultTimeZone(jurisdiction: Profile["jurisdiction"] | undefined): string {
  return PACKS[jurisdiction ?? DEFAULT_PACK.id].defaults.timeZone;
}

/**
 * A complete profile from a partial one: missing fields take the pack's defaults (RULES.md "Decisions the
 * engine must make explicit"). `today` (local YYYY-MM-DD) picks the academic year when none is given.
 */
export function profileWithDefaults(partial: Partial<Profile>, today: string): Profile {
  const jurisdiction = partial.jurisdiction ?? DEFAULT_PACK.id;
  const d = PACKS[jurisdiction].defaults;
  return {
    jurisdiction,
    role: partial.role ?? d.role,
    schoolType: partial.schoolType ?? DEFAULT_SCHOOL_TYPE,
    fte: partial.fte ?? 1,
    contractedDays: partial.contractedDays ?? MON_FRI,
    permanentUnits: partial.permanentUnits ?? 0,
    schoolRoll: partial.schoolRoll,
    timeZone: partial.timeZone ?? d.timeZone,
    schoolDayStart: partial.schoolDayStart ?? d.schoolDayStart,
    schoolDayEnd: partial.schoolDayEnd ?? d.schoolDayEnd,
    sessionEnd: partial.sessionEnd,
    weekStart: partial.weekStart ?? d.weekStart,
    cycleWeeks: partial.cycleWeeks ?? 1,
    academicYearStart: partial.academicYearStart ?? academicYearStartFor(jurisdiction, today),
    terms: partial.terms ?? [],
    trainingDays: partial.trainingDays ?? [],
    unionOverlay: partial.unionOverlay ?? d.unionOverlay,
    localAgreement: partial.localAgreement,
    overrides: partial.overrides ?? {},
    emailExceptions: partial.emailExceptions ?? [],
  };
}
