import type { Profile } from "./profile";

/**
 * The profile with only its own academic year's training days and terms (a term counts if any of it falls
 * in the year): those of past years go with their year, so they never pile up against the limits.
 */
export function keptToAcademicYear(profile: Profile): Profile {
  const start = profile.academicYearStart;
  // The same date a year on, as a local date (a year starting 29 February does not occur in practice).
  const nextStart = `${String(Number(start.slice(0, 4)) + 1).padStart(4, "0")}${start.slice(4)}`;
  const inYear = (date: string) => date >= start && date < nextStart;
  return {
    ...profile,
    trainingDays: profile.trainingDays.filter(inYear),
    terms: profile.terms.filter((term) => term.end >= start && term.start < nextStart),
  };
}
