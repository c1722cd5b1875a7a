/**
 * What a parse read with a guess or left out, counted as it goes and told to the teacher once, in plain words,
 * when the parse ends.
 */
export class Diagnostics {
  /** Entries left out because a date, a repeat rule or the component itself was broken. */
  unreadable = 0;
  /** Series repeating every second or minute, left out. */
  tooFrequent = 0;
  /** Series cut at the per-series cap. */
  capped = 0;
  /** The whole calendar was cut at the cap on events. */
  hitGlobalCap = false;
  readonly unknownZones = new Set<string>();
  /** TZID → the fixed offset it was read as. */
  readonly fixedOffsetZones = new Map<string, string>();
  readonly ignoredVtimezones = new Set<string>();
  /** TZIDs hours from the teacher's zone → the difference in hours. */
  readonly zonesAway = new Map<string, number>();
  /** Titles of events found in versions that disagree with nothing to say which is newer. */
  readonly undecidedRevisions = new Set<string>();

  constructor(
    private readonly limits: { defaultZone: string; maxInstances: number; maxOccurrencesPerSeries: number },
  ) {}

  warnings(): string[] {
    const warnings: string[] = [];
    const { defaultZone, maxInstances, maxOccurrencesPerSeries } = this.limits;
    for (const tzid of this.unknownZones) {
      warnings.push(
        `Some events use a time zone this calendar does not define ("${tzid}"); they were read as ${defaultZone}.`,
      );
    }
    for (const [tzid, zone] of this.fixedOffsetZones) {
      warnings.push(
        `Some events use the time zone "${tzid}", which could only be read as a fixed offset (${zone}), without summer time.`,
      );
    }
    for (const tzid of this.ignoredVtimezones) {
      warnings.push(`The definition of the time zone "${tzid}" has thousands of rules and was ignored.`);
    }
    if (this.undecidedRevisions.size > 0) {
      const titles = [...this.undecidedRevisions];
      const named = titles
        .slice(0, 3)
        .map((t) => `"${t}"`)
        .join(", ");
      const more = titles.length > 3 ? ` and ${titles.length - 3} more` : "";
      warnings.push(
        `${plural(titles.length, "event appears", "events appear")} in two versions that disagree, and the file does not say which is newer (no SEQUENCE or DTSTAMP): ${named}${more}. The last version in the file was counted, once; check ${titles.length === 1 ? "its" : "their"} times against your school's calendar.`,
      );
    }
    if (this.unreadable > 0) {
      warnings.push(
        `${plural(this.unreadable, "entry", "entries")} could not be read (a date or repeat rule was broken) and ${this.unreadable === 1 ? "was" : "were"} left out.`,
      );
    }
    if (this.tooFrequent > 0) {
      warnings.push(
        `${plural(this.tooFrequent, "event", "events")} repeating every second or every minute ${this.tooFrequent === 1 ? "was" : "were"} left out: no school timetable repeats that often.`,
      );
    }
    if (this.capped > 0) {
      warnings.push(
        `${plural(this.capped, "repeating event", "repeating events")} repeated far more often than a timetable does; only the first ${maxOccurrencesPerSeries} occurrences in the year were read.`,
      );
    }
    if (this.hitGlobalCap) {
      warnings.push(
        `This calendar has more than ${maxInstances} entries in the year; only the first ${maxInstances} were read.`,
      );
    }
    return warnings;
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
