import { zoneForMany } from "../timezones";
import type { ParsedEvent } from "./types";

/**
 * Checks that a calendar's times look like a working day where the teacher is. A calendar read in the wrong
 * zone is not an error in the file, so it is imported, with a warning that names the likely cause.
 */

/** A zone this many hours from the teacher's is another country's, not a border's. */
export const ZONE_HOURS_AWAY = 3;
/** Night, in the teacher's zone: no school day starts between these hours. */
const NIGHT_FROM_HOUR = 20;
const NIGHT_UNTIL_HOUR = 5;
/** Fewer timed entries than this say too little to judge by. */
const MIN_TIMED = 5;
/** Enough timed entries to judge by, spread across the calendar, so that a large file costs no more. */
const SAMPLE = 2_000;

/** The warning for a calendar whose timed entries mostly start at night in `zone`, if they do. */
export function nightWarning(events: readonly ParsedEvent[], zone: string): string | undefined {
  const timed = events.filter((e) => !e.allDay);
  if (timed.length < MIN_TIMED) return undefined;
  const step = Math.max(1, Math.floor(timed.length / SAMPLE));
  const local = zoneForMany(zone);
  let sampled = 0;
  let atNight = 0;
  for (let i = 0; i < timed.length; i += step) {
    const start = timed[i]!.start;
    const hour = Math.floor(((start + local.offset(start) * 60_000) % 86_400_000) / 3_600_000);
    sampled++;
    if (hour >= NIGHT_FROM_HOUR || hour < NIGHT_UNTIL_HOUR) atNight++;
  }
  if (atNight * 2 <= sampled) return undefined;
  return `Most of this calendar's timed entries (${atNight} of ${sampled}) start between ${NIGHT_FROM_HOUR}:00 and ${String(NIGHT_UNTIL_HOUR).padStart(2, "0")}:00 in your time zone (${zone}). The calendar was probably made in another time zone, or its times were written as UTC when they were local: check the time zone in your profile and in the calendar's own settings before relying on these hours.`;
}

/** The warning for events whose time zones are hours from the teacher's. */
export function zoneAwayWarning(away: ReadonlyMap<string, number>, zone: string): string | undefined {
  if (away.size === 0) return undefined;
  const named = [...away]
    .slice(0, 3)
    .map(([tzid, hours]) => `"${tzid}" (${Math.abs(hours)} hours ${hours > 0 ? "ahead of" : "behind"} yours)`)
    .join(", ");
  return `Some events in this calendar are set in a time zone hours from your profile's (${zone}): ${named}. They were imported at those zones' times. If you work in ${zone}, the calendar was probably made in another time zone; if you have moved, change the time zone in your profile.`;
}
