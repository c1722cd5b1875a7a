import { IcsReader } from "./reader";
import type { ParseOptions, ParseResult } from "./types";

/**
 * iCalendar (.ics) files and feeds to plain events with UTC instants.
 *
 * ical.js parses every property the import reads (scan.ts hands it only those lines, and each distinct line
 * once); events are read straight from the jCal properties (reader.ts) and ical.js's RRULE iterator runs on
 * wall-clock times (recurrence.ts), so no ICAL.Event is ever built while attached to its calendar (the slow
 * path in PLATFORM.md). Zones go through luxon or the file's own VTIMEZONE (zones.ts); what was read with a
 * guess or left out is told in plain words (diagnostics.ts).
 */
export function parseIcs(text: string, opts: ParseOptions): ParseResult {
  return new IcsReader(opts).read(text);
}

export { checkIcsText } from "./scan";
export {
  DEFAULT_MAX_INSTANCES,
  IcsError,
  IMPORT_TIME_BUDGET,
  MAX_ICS_BYTES,
  type IcsErrorReason,
  type ParsedEvent,
  type ParseOptions,
  type ParseResult,
  type TimeBudget,
} from "./types";
