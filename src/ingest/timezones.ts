import { DateTime, IANAZone, Info, type Zone } from "luxon";
import { findIana, IANA_ALIAS_MAP, WINDOWS_TO_IANA_MAP } from "windows-iana";

/**
 * Time-zone names as calendars really write them, mapped to zones luxon understands.
 *
 * Exchange and Office 365 (the usual UK school feed) write Windows ids such as `GMT Standard Time`, and older
 * servers write quoted display names such as `(GMT+10:00) Canberra, Melbourne, Sydney`. Windows ids are mapped
 * with windows-iana (Unicode CLDR's windowsZones table); display names are matched through the same data by
 * their region ("Eastern Time" → `Eastern Standard Time`) or their cities, checked against the offset they show.
 */
export type ZoneMatch = "iana" | "windows" | "display-name" | "fixed-offset";

export interface ResolvedZone {
  /** A zone name luxon accepts: an IANA name, or `UTC+10:00` when only a fixed offset could be found. */
  zone: string;
  how: ZoneMatch;
}

const resolved = new Map<string, ResolvedZone | undefined>();

export function resolveTzid(tzid: string): ResolvedZone | undefined {
  if (resolved.has(tzid)) return resolved.get(tzid);
  const result = resolveUncached(tzid);
  resolved.set(tzid, result);
  return result;
}

function resolveUncached(raw: string): ResolvedZone | undefined {
  const name = raw.trim().replace(/^"+|"+$/g, "");
  if (!name) return undefined;
  if (IANAZone.isValidZone(name)) return { zone: name, how: "iana" };

  // Some producers prefix the IANA name with a path ("/mozilla.org/20050126_1/Europe/London").
  const tail = /([A-Za-z]+(?:\/[A-Za-z0-9_+-]+){1,2})$/.exec(name)?.[1];
  if (tail && IANAZone.isValidZone(tail)) return { zone: tail, how: "iana" };

  const windows = ianaForWindows(name);
  if (windows) return { zone: windows, how: "windows" };

  return resolveDisplayName(name);
}

function ianaForWindows(windowsName: string): string | undefined {
  return findIana(windowsName).find((zone) => IANAZone.isValidZone(zone));
}

const DISPLAY_NAME = /^\((?:UTC|GMT)\s*(?:([+-])(\d{1,2}):?(\d{2}))?\)\s*(.*)$/i;

function resolveDisplayName(name: string): ResolvedZone | undefined {
  const match = DISPLAY_NAME.exec(name);
  if (!match) return undefined;
  const [, sign, hours, minutes, rest = ""] = match;
  const offsetMinutes = sign ? (sign === "-" ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) : 0;

  // "Eastern Time (US & Canada)" → "Eastern Standard Time"; "Atlantic Time (Canada)" → "Atlantic Standard Time".
  const region = /^(.*?)\s+Time\b/i.exec(rest)?.[1];
  if (region) {
    const zone = ianaForWindows(`${region} Standard Time`);
    if (zone && standardOffset(zone) === offsetMinutes) return { zone, how: "display-name" };
  }

  // "Greenwich Mean Time: Dublin, Edinburgh, Lisbon, London" or "Canberra, Melbourne, Sydney".
  const cities = rest
    .replace(/^[^:]*:/, "")
    .split(",")
    .map((city) => city.replace(/\(.*?\)/g, "").trim())
    .filter(Boolean);
  for (const city of cities) {
    const zone = zonesForCity(city).find((candidate) => standardOffset(candidate) === offsetMinutes);
    if (zone) return { zone, how: "display-name" };
  }

  return { zone: fixedOffsetName(offsetMinutes), how: "fixed-offset" };
}

/** Luxon's fixed-offset zone name, e.g. `UTC+10:00`. */
function fixedOffsetName(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The zone's offset without summer time (the smaller of January's and July's), as display names show it. */
function standardOffset(zone: string): number {
  const year = DateTime.now().year;
  const january = DateTime.fromObject({ year, month: 1, day: 1 }, { zone }).offset;
  const july = DateTime.fromObject({ year, month: 7, day: 1 }, { zone }).offset;
  return Math.min(january, july);
}

let cityIndex: Map<string, string[]> | undefined;

/** IANA zones whose city is `city`, from the CLDR names windows-iana carries. */
function zonesForCity(city: string): string[] {
  if (!cityIndex) {
    const index = new Map<string, string[]>();
    const add = (key: string, zone: string): void => {
      const normal = key.toLowerCase().replace(/_/g, " ").trim();
      const list = index.get(normal) ?? [];
      if (!list.includes(zone) && IANAZone.isValidZone(zone)) list.push(zone);
      index.set(normal, list);
    };
    for (const entry of IANA_ALIAS_MAP) {
      const canonical = entry.alias[0];
      if (!canonical) continue;
      add(entry.description.split(",")[0] ?? "", canonical);
      for (const alias of entry.alias) add(alias.split("/").pop() ?? "", canonical);
    }
    for (const entry of WINDOWS_TO_IANA_MAP)
      for (const zone of entry.iana) add(zone.split("/").pop() ?? "", zone);
    cityIndex = index;
  }
  return cityIndex.get(city.toLowerCase()) ?? [];
}

const DAY_MS = 86_400_000;
/** Per zone: local day (yyyymmdd) → epoch of its midnight, or null on a day with a clock change. */
const dayStarts = new Map<string, Map<number, number | null>>();

/**
 * The instant of a wall-clock time in a zone. Luxon does the zone arithmetic; the start of each local day is
 * cached because importing a year of lessons converts thousands of times on a few hundred days. On a day whose
 * length is not 24 hours (a clock change) every time goes through luxon itself.
 */
export function wallClockToEpoch(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  let days = dayStarts.get(zone);
  if (!days) {
    days = new Map();
    dayStarts.set(zone, days);
  }
  const key = year * 10_000 + month * 100 + day;
  let start = days.get(key);
  if (start === undefined) {
    const midnight = DateTime.fromObject({ year, month, day }, { zone });
    const length = midnight.plus({ days: 1 }).toMillis() - midnight.toMillis();
    start = midnight.isValid && length === DAY_MS && midnight.hour === 0 ? midnight.toMillis() : null;
    if (days.size > 50_000) days.clear();
    days.set(key, start);
  }
  if (start !== null) return start + ((hour * 60 + minute) * 60 + second) * 1000;
  return DateTime.fromObject({ year, month, day, hour, minute, second }, { zone }).toMillis();
}

const HOUR_MS = 3_600_000;

/**
 * An IANA zone that keeps the offsets luxon finds, one per UTC hour: luxon asks Intl for the offset of every
 * instant it converts, and an audit converts thousands of instants on a few hundred days. An hour whose first
 * and last milliseconds have different offsets holds a clock change and is never kept (no zone changes its
 * clocks twice within an hour).
 */
class HourlyOffsetZone extends IANAZone {
  private readonly hours = new Map<number, number | null>();

  override offset(ts: number): number {
    const hour = Math.floor(ts / HOUR_MS);
    let offset = this.hours.get(hour);
    if (offset === undefined) {
      const first = super.offset(hour * HOUR_MS);
      offset = first === super.offset(hour * HOUR_MS + HOUR_MS - 1) ? first : null;
      if (this.hours.size > 100_000) this.hours.clear();
      this.hours.set(hour, offset);
    }
    return offset ?? super.offset(ts);
  }
}

const zonesForMany = new Map<string, Zone>();

/** The luxon zone named `name`, for converting many instants to local time: same results, fewer Intl calls. */
export function zoneForMany(name: string): Zone {
  let zone = zonesForMany.get(name);
  if (!zone) {
    const luxonZone = Info.normalizeZone(name);
    zone =
      luxonZone instanceof IANAZone && luxonZone.isValid ? new HourlyOffsetZone(luxonZone.name) : luxonZone;
    zonesForMany.set(name, zone);
  }
  return zone;
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(epoch: number, zone: string): string {
  return DateTime.fromMillis(epoch, { zone }).toISODate() ?? "";
}
