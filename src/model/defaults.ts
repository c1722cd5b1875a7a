import type { Jurisdiction, Profile, Weekday } from "./profile";

/**
 * Sensible defaults per jurisdiction (RULES.md "Decisions the engine must make explicit"):
 * academic year 1 Sep (England, Wales, Scotland), 1 Aug (NI), late January (NZ); weeks start on Monday,
 * Sunday in NI (ni.week); union overlay on by default in England and Wales.
 */
const MON_FRI: Weekday[] = [1, 2, 3, 4, 5];

interface JurisdictionDefaults {
  timeZone: string;
  weekStart: Weekday;
  unionOverlay: boolean;
  /** Month and day of the academic year start: [month, day]. */
  yearStart: [number, number];
  schoolDayStart: string;
  schoolDayEnd: string;
}

export const JURISDICTION_DEFAULTS: Record<Jurisdiction, JurisdictionDefaults> = {
  england: {
    timeZone: "Europe/London",
    weekStart: 1,
    unionOverlay: true,
    yearStart: [9, 1],
    schoolDayStart: "08:30",
    schoolDayEnd: "16:30",
  },
  wales: {
    timeZone: "Europe/London",
    weekStart: 1,
    unionOverlay: true,
    yearStart: [9, 1],
    schoolDayStart: "08:30",
    schoolDayEnd: "16:30",
  },
  "northern-ireland": {
    timeZone: "Europe/London",
    weekStart: 7,
    unionOverlay: false,
    yearStart: [8, 1],
    schoolDayStart: "08:30",
    schoolDayEnd: "16:00",
  },
  scotland: {
    timeZone: "Europe/London",
    weekStart: 1,
    unionOverlay: false,
    yearStart: [9, 1],
    schoolDayStart: "08:30",
    schoolDayEnd: "16:00",
  },
  "nz-secondary": {
    timeZone: "Pacific/Auckland",
    weekStart: 1,
    unionOverlay: false,
    yearStart: [1, 27],
    schoolDayStart: "08:30",
    schoolDayEnd: "15:30",
  },
  "nz-primary": {
    timeZone: "Pacific/Auckland",
    weekStart: 1,
    unionOverlay: false,
    yearStart: [1, 27],
    schoolDayStart: "08:30",
    schoolDayEnd: "15:30",
  },
  "support-staff": {
    timeZone: "Europe/London",
    weekStart: 1,
    unionOverlay: false,
    yearStart: [9, 1],
    schoolDayStart: "08:30",
    schoolDayEnd: "16:00",
  },
};

/** The academic year that contains `today` (a local YYYY-MM-DD), for a jurisdiction's start date. */
export function academicYearStartFor(jurisdiction: Jurisdiction, today: string): string {
  const [month, day] = JURISDICTION_DEFAULTS[jurisdiction].yearStart;
  const year = Number(today.slice(0, 4));
  const candidate = `${year}-${pad(month)}-${pad(day)}`;
  return today >= candidate ? candidate : `${year - 1}-${pad(month)}-${pad(day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * A complete profile from a partial one: missing fields take the jurisdiction's defaults.
 * `today` (local YYYY-MM-DD) picks the academic year when none is given.
 */
export function profileWithDefaults(partial: Partial<Profile>, today: string): Profile {
  const jurisdiction = partial.jurisdiction ?? "england";
  const d = JURISDICTION_DEFAULTS[jurisdiction];
  return {
    jurisdiction,
    role: partial.role ?? (jurisdiction === "support-staff" ? "support" : "classroom"),
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
