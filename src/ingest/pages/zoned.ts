/**
 * Wall-clock times to instants with Intl alone: the readers run in the popup, whose first bundle is kept small
 * (no luxon there). A clock change is handled by checking the offset at the guessed instant.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, f);
  }
  return f;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Offsets by zone and UTC day or hour: Intl's formatToParts is the slow part of reading a page. */
const offsets = new Map<string, number>();

/**
 * A span's offset when its first and last seconds agree (no zone changes its clocks twice in a day), else
 * NaN. Cached, so a page's fortnight costs a few dozen Intl calls rather than two per time.
 */
function steadyOffset(zone: string, start: number, length: number): number {
  const key = `${zone}|${length}|${start}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const first = offsetAt(zone, start);
    offset = first === offsetAt(zone, start + length - 1000) ? first : NaN;
    if (offsets.size > 20_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The zone's offset from UTC at an instant, in milliseconds. */
export function zoneOffset(zone: string, instant: number): number {
  const day = steadyOffset(zone, Math.floor(instant / DAY) * DAY, DAY);
  if (!Number.isNaN(day)) return day;
  const hour = steadyOffset(zone, Math.floor(instant / HOUR) * HOUR, HOUR);
  return Number.isNaN(hour) ? offsetAt(zone, instant) : hour;
}

function offsetAt(zone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(instant))
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant of a local date ("YYYY-MM-DD") and minutes after midnight in a zone. */
export function zonedInstant(zone: string, date: string, minutes: number): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d) + minutes * 60_000;
  const first = naive - zoneOffset(zone, naive);
  const second = naive - zoneOffset(zone, first);
  return second;
}

/** "HH:MM" or "HH:MM:SS" to minutes after midnight, or undefined. */
export function clockMinutes(text: string | undefined | null): number | undefined {
  const m = /^\s*(\d{1,2})[:.](\d{2})(?::\d{2})?\s*$/.exec(text ?? "");
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 24 && min < 60 ? h * 60 + min : undefined;
}

/** A local date plus days, as "YYYY-MM-DD". */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday, for a local date. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the week holding a local date. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
