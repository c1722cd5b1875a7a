import { KIND_NAMES, type ItemKind } from "../model";
/** Display helpers. Times are shown in the profile's zone with Intl, never by hand-made offsets. */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = timeZone + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

export function timeText(instant: number, timeZone: string): string {
  return formatter(timeZone, { hour: "2-digit", minute: "2-digit", hour12: false }).format(instant);
}

export function dayText(instant: number, timeZone: string): string {
  return formatter(timeZone, { weekday: "short", day: "numeric", month: "short" }).format(instant);
}

export function dateText(isoDate: string): string {
  return formatter("UTC", { day: "numeric", month: "short", year: "numeric" }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/** "Counted as a meeting, directed.": what a correction or confirmation did, in words. */
export function countedAsText(kind: ItemKind, directed: boolean): string {
  return `Counted as ${KIND_NAMES[kind].phrase}, ${directed ? "directed" : "not directed"}.`;
}
