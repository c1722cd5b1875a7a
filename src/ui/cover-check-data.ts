/**
 * What "Check a cover" needs, loaded only when the teacher opens it: the profile, the year's items and a
 * CoverChecker built over them once, so each change in the form re-evaluates one week.
 */
import { DateTime } from "luxon";
import type { Profile } from "../model";
import { profileWithDefaults } from "../rules/profile-defaults";
import { CoverChecker, timetablePeriods, type TimetablePeriod } from "../rules/cover";
import { openDatabase } from "../store/db";
import { itemsBetween } from "../store/queries";
import { getProfile } from "../store/repo";
import { checkCoverForm, type CoverForm, type CoverFormResult } from "./cover-form";

export interface CoverCheckData {
  checker: CoverChecker;
  periods: TimetablePeriod[];
  profile: Profile;
  today: string;
  /** The verdict for the form as it stands (the engine lives in this chunk, not in the form's). */
  check(form: CoverForm): CoverFormResult;
}

export async function loadCoverCheck(now: number): Promise<CoverCheckData> {
  const db = openDatabase();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const profile =
    (await getProfile(db)) ??
    profileWithDefaults({ timeZone: zone }, DateTime.fromMillis(now, { zone }).toISODate() ?? "2026-09-01");
  const start = DateTime.fromISO(profile.academicYearStart, { zone: profile.timeZone }).startOf("day");
  const items = await itemsBetween(db, start.toMillis(), start.plus({ years: 1 }).toMillis());
  const checker = new CoverChecker(items, profile, { now });
  const periods = timetablePeriods(items, profile.timeZone);
  return {
    checker,
    periods,
    profile,
    today: DateTime.fromMillis(now, { zone: profile.timeZone }).toISODate() ?? "",
    check: (form) => checkCoverForm(form, checker, periods, now),
  };
}
