import { DateTime } from "luxon";
import type { TermDates } from "../model";
import { MAX_TRAINING_DAYS } from "../model/schema";

/** Pure checks for the term dates panel. The background validates the shape again. */

export const MAX_TERMS = 12;
export { MAX_TRAINING_DAYS } from "../model/schema";

const isDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s).isValid;

/** "2026-09-01" → "1 Sept 2026", for messages. */
export function showDate(iso: string): string {
  const d = DateTime.fromISO(iso);
  return d.isValid ? d.setLocale("en-GB").toFormat("d LLL yyyy") : iso;
}

/** Every problem with the term list, in plain words; empty when it can be saved. */
export function termErrors(terms: readonly TermDates[]): string[] {
  const errors: string[] = [];
  if (terms.length > MAX_TERMS) errors.push(`At most ${MAX_TERMS} terms.`);
  terms.forEach((t, i) => {
    const name = t.name.trim() || `Term ${i + 1}`;
    if (!t.name.trim()) errors.push(`Term ${i + 1} needs a name.`);
    else if (t.name.length > 100) errors.push(`${name}: the name is too long (at most 100 characters).`);
    if (!isDate(t.start)) errors.push(`${name} needs a start date.`);
    if (!isDate(t.end)) errors.push(`${name} needs an end date.`);
    if (isDate(t.start) && isDate(t.end) && t.end < t.start)
      errors.push(`${name} ends (${showDate(t.end)}) before it starts (${showDate(t.start)}).`);
  });
  const dated = terms
    .map((t, i) => ({ ...t, name: t.name.trim() || `Term ${i + 1}` }))
    .filter((t) => isDate(t.start) && isDate(t.end) && t.end >= t.start)
    .sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < dated.length; i++) {
    const before = dated[i - 1]!;
    const after = dated[i]!;
    if (after.start <= before.end)
      errors.push(
        `${before.name} and ${after.name} overlap: ${after.name} starts before ${before.name} ends.`,
      );
  }
  return errors;
}

/** Terms as saved: names trimmed, in date order. */
export function cleanTerms(terms: readonly TermDates[]): TermDates[] {
  return terms
    .map((t) => ({ name: t.name.trim(), start: t.start, end: t.end }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

export type DayAdded = { ok: true; days: string[] } | { ok: false; error: string };

/** Add a training (INSET) day, keeping the list sorted and without repeats. */
export function addTrainingDay(days: readonly string[], day: string): DayAdded {
  if (!isDate(day)) return { ok: false, error: "Choose a date for the training day." };
  if (days.includes(day)) return { ok: false, error: `${showDate(day)} is already in the list.` };
  if (days.length >= MAX_TRAINING_DAYS)
    return { ok: false, error: `At most ${MAX_TRAINING_DAYS} training days.` };
  return { ok: true, days: [...days, day].sort() };
}

/** The session end must be a time within the school day. Empty means "not set". */
export function sessionEndError(value: string, dayStart: string, dayEnd: string): string | undefined {
  if (value === "") return undefined;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) return "Enter the session end as a time, such as 15:20.";
  if (value <= dayStart || value > dayEnd)
    return `The session end must fall within your school day (${dayStart}–${dayEnd}).`;
  return undefined;
}
