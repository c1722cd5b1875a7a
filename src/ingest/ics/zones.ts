import ICAL from "ical.js";
import { resolveTzid, wallClockToEpoch } from "../timezones";
import type { Diagnostics } from "./diagnostics";
import { textValue, type Jcal } from "./jcal";
import type { WallTime } from "./wall-time";

/**
 * The zones of one calendar. IANA, Windows and display-name TZIDs are mapped (../timezones.ts) and read through
 * luxon; any other TZID uses the file's own VTIMEZONE; floating times and all-day dates are read in the
 * teacher's zone.
 */
export type Zone = { kind: "luxon"; name: string } | { kind: "vtimezone"; tz: ICAL.Timezone };

export const UTC: Zone = { kind: "luxon", name: "UTC" };
/** A VTIMEZONE needs two rules a year at most; thousands are a broken or hostile file. */
const MAX_VTIMEZONE_RULES = 200;

export class CalendarZones {
  private readonly vtimezones = new Map<string, Jcal>();
  private readonly cache = new Map<string, Zone>();
  private last: { tzid: string; zone: Zone } | undefined;

  constructor(
    /** The teacher's zone. */
    readonly defaultZone: Zone,
    timezones: readonly Jcal[],
    private readonly diagnostics: Diagnostics,
  ) {
    for (const timezone of timezones) {
      const tzid = textValue(timezone[1], "tzid");
      if (tzid) this.vtimezones.set(tzid, timezone);
    }
  }

  /** The instant of a time as written: a date at midnight in the teacher's zone, a time in its own zone. */
  toEpoch(time: WallTime): number {
    if (time.isDate) return this.toEpochIn(time, this.defaultZone);
    if (time.utc) return this.toEpochIn(time, UTC);
    return this.toEpochIn(time, this.zoneFor(time));
  }

  toEpochIn(time: WallTime, zone: Zone): number {
    if (time.utc && !time.isDate) {
      return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
    }
    const hour = time.isDate ? 0 : time.hour;
    const minute = time.isDate ? 0 : time.minute;
    const second = time.isDate ? 0 : time.second;
    if (zone.kind === "luxon") {
      return wallClockToEpoch(zone.name, time.year, time.month, time.day, hour, minute, second);
    }
    const icalTime = ICAL.Time.fromData(
      { year: time.year, month: time.month, day: time.day, hour, minute, second, isDate: false },
      zone.tz,
    );
    return icalTime.toUnixTime() * 1000;
  }

  zoneFor(time: WallTime): Zone {
    if (time.utc) return UTC;
    const tzid = time.tzid;
    if (!tzid) return this.defaultZone;
    // A file mostly uses one zone: comparing with the last name is cheaper than looking it up.
    if (tzid === this.last?.tzid) return this.last.zone;
    let zone = this.cache.get(tzid);
    if (!zone) {
      zone = this.resolve(tzid);
      this.cache.set(tzid, zone);
    }
    this.last = { tzid, zone };
    return zone;
  }

  /**
   * The TZIDs this calendar's events used whose clocks, at `at`, are at least `hours` from the teacher's:
   * TZID → the difference in hours (positive: ahead of the teacher).
   */
  zonesAway(at: number, hours: number): Map<string, number> {
    const away = new Map<string, number>();
    const own = this.offsetMs(this.defaultZone, at);
    for (const [tzid, zone] of this.cache) {
      if (zone === this.defaultZone) continue;
      const difference = (this.offsetMs(zone, at) - own) / 3_600_000;
      if (Math.abs(difference) >= hours) away.set(tzid, difference);
    }
    return away;
  }

  /** How far a zone's clock is ahead of UTC at about `at`. */
  private offsetMs(zone: Zone, at: number): number {
    const clock = new Date(at);
    const wall: WallTime = {
      year: clock.getUTCFullYear(),
      month: clock.getUTCMonth() + 1,
      day: clock.getUTCDate(),
      hour: clock.getUTCHours(),
      minute: 0,
      second: 0,
      isDate: false,
      utc: false,
    };
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour) - this.toEpochIn(wall, zone);
  }

  private resolve(tzid: string): Zone {
    const mapped = resolveTzid(tzid);
    if (mapped && mapped.how !== "fixed-offset") return { kind: "luxon", name: mapped.zone };
    const vtimezone = this.vtimezones.get(tzid);
    if (vtimezone) {
      const rules = vtimezone[2].filter((c) => c[0] === "standard" || c[0] === "daylight").length;
      if (rules > MAX_VTIMEZONE_RULES) {
        this.diagnostics.ignoredVtimezones.add(tzid);
      } else if (rules > 0) {
        try {
          return { kind: "vtimezone", tz: new ICAL.Timezone(new ICAL.Component(vtimezone)) };
        } catch {
          // A VTIMEZONE ical.js cannot use falls through to the mapping or the default zone.
        }
      }
    }
    if (mapped) {
      this.diagnostics.fixedOffsetZones.set(tzid, mapped.zone);
      return { kind: "luxon", name: mapped.zone };
    }
    this.diagnostics.unknownZones.add(tzid);
    return this.defaultZone;
  }
}
