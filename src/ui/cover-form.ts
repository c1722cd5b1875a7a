import type { CoverReason } from "../model";
import {
  resolveCoverTimes,
  type CoverChecker,
  type CoverSlot,
  type CoverVerdict,
  type TimetablePeriod,
} from "../rules/cover";

/** What the teacher has typed into "Check a cover" so far. */
export interface CoverForm {
  /** YYYY-MM-DD. */
  date: string;
  /** A period label from the timetable, or "" to give times. */
  period: string;
  from: string;
  to: string;
  classCode: string;
  reason: CoverReason;
}

export type CoverFormResult =
  | { slot: CoverSlot; verdict: CoverVerdict; problem?: undefined }
  | { problem: string; slot?: undefined; verdict?: undefined };

/** The verdict for the form as it stands, or what is still missing, in plain words. Runs on every change. */
export function checkCoverForm(
  form: CoverForm,
  checker: CoverChecker,
  periods: readonly TimetablePeriod[],
  now: number,
): CoverFormResult {
  if (!form.date) return { problem: "Choose the cover's date." };
  const times = resolveCoverTimes(
    form.period
      ? { date: form.date, period: form.period }
      : { date: form.date, from: form.from, to: form.to },
    periods,
    checker.profile.timeZone,
  );
  if ("error" in times) return { problem: times.error };
  const slot: CoverSlot = { ...times, reason: form.reason, requestedAt: now };
  const code = form.classCode.trim();
  if (code) slot.classCode = code.slice(0, 20);
  return { slot, verdict: checker.check(slot) };
}
