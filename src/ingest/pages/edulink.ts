/**
 * Edulink One (www.edulinkone.com, AngularJS). Reads the `EduLink.Timetable` and `EduLink.Calendar` answers:
 * a saved JSON-RPC answer, its `result`, or the timetable the page already holds in its AngularJS service
 * (`{timetables:[result]}`, read from the page's own world by the popup's collector). Never the pixels.
 */
import { PageUnreadable, type PageInput, type PageItem, type ReaderResult } from "./types";
import { ISO_DATE, addDays, clockMinutes, mondayOf, zonedInstant } from "./zoned";

interface Period {
  id?: number | string;
  name?: string;
  start_time?: string;
  end_time?: string;
  empty?: boolean;
}
interface Lesson {
  period_id?: number | string;
  room?: { name?: string } | null;
  teaching_group?: { name?: string; subject?: string } | null;
  is_cover?: boolean;
}
interface Day {
  date?: string;
  name?: string;
  periods?: Period[];
  lessons?: Lesson[];
}
interface TimetableResult {
  start_of_week?: string;
  requested_date?: string;
  weeks: { name?: string; days?: Day[] }[];
}
interface CalendarEntry {
  start_date?: string;
  end_date?: string;
  description?: string;
  notes?: string;
  all_day_event?: boolean;
}

const DAY_OFFSET: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The answers held in whatever JSON was given: envelopes, results, the app's state, or a list of them. */
function answers(json: unknown): { timetables: TimetableResult[]; calendars: CalendarEntry[][] } {
  const timetables: TimetableResult[] = [];
  const calendars: CalendarEntry[][] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 4) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const r = asRecord(v);
    if (!r) return;
    if (Array.isArray(r.weeks)) timetables.push(r as unknown as TimetableResult);
    else if (Array.isArray(r.calendar)) calendars.push(r.calendar as CalendarEntry[]);
    else if (r.result !== undefined) visit(r.result, depth + 1);
    else if (Array.isArray(r.timetables)) visit(r.timetables, depth + 1);
  };
  visit(json, 0);
  return { timetables, calendars };
}

export function readEdulink(input: PageInput): ReaderResult {
  const { timetables, calendars } = answers(input.json);
  const items: PageItem[] = [];
  const warnings: string[] = [];
  if (timetables.length === 0 && calendars.length === 0) {
    const failed = asRecord(asRecord(input.json)?.result);
    if (failed && failed.success === false)
      throw new PageUnreadable(
        `Edulink refused the request (${String(failed.error ?? "no reason given")}): sign in again and read the page.`,
      );
    throw new PageUnreadable(
      "Edulink's timetable has not loaded on this page: open Timetable in Edulink, wait for it to show, and read again.",
    );
  }
  for (const t of timetables) items.push(...timetableItems(t, input, warnings));
  for (const c of calendars) items.push(...calendarItems(c, input, warnings));
  return { items, warnings };
}

function timetableItems(t: TimetableResult, input: PageInput, warnings: string[]): PageItem[] {
  let firstMonday: string;
  if (t.start_of_week && ISO_DATE.test(t.start_of_week)) firstMonday = mondayOf(t.start_of_week);
  else if (t.requested_date && ISO_DATE.test(t.requested_date)) firstMonday = mondayOf(t.requested_date);
  else {
    firstMonday = mondayOf(input.today);
    warnings.push("The timetable gave no dates: it was read as this week and the next.");
  }
  const items: PageItem[] = [];
  t.weeks.forEach((week, w) => {
    for (const day of week.days ?? []) {
      const offset = DAY_OFFSET[(day.name ?? "").slice(0, 3).toLowerCase()];
      const date =
        day.date && ISO_DATE.test(day.date.slice(0, 10))
          ? day.date.slice(0, 10)
          : offset === undefined
            ? undefined
            : addDays(firstMonday, w * 7 + offset);
      if (!date)
        throw new PageUnreadable(`Edulink's timetable has a day called "${day.name}" that is not a weekday.`);
      const lessons = new Map<string, Lesson>();
      for (const l of day.lessons ?? []) lessons.set(String(l.period_id), l);
      for (const period of day.periods ?? []) {
        const start = clockMinutes(period.start_time);
        const end = clockMinutes(period.end_time);
        if (start === undefined || end === undefined)
          throw new PageUnreadable(`Edulink's period ${period.name ?? period.id} has no readable times.`);
        const lesson = lessons.get(String(period.id));
        const isRegistration = /:reg|reg$|^reg/i.test(period.name ?? "");
        const base = {
          start: zonedInstant(input.timeZone, date, start),
          end: zonedInstant(input.timeZone, date, end),
        };
        if (lesson) {
          const group = lesson.teaching_group?.name || undefined;
          const subject = lesson.teaching_group?.subject || undefined;
          const title = isRegistration
            ? `Registration ${group ?? ""}`.trim()
            : [lesson.is_cover ? "Cover" : undefined, subject, group].filter(Boolean).join(" ") || "Lesson";
          items.push({
            ...base,
            title,
            location: lesson.room?.name || undefined,
            group,
            hint: isRegistration ? "registration" : lesson.is_cover ? "cover" : "lesson",
          });
        } else if (!isRegistration) {
          items.push({ ...base, title: "Free period", hint: "free" });
        }
      }
    }
  });
  return items;
}

/** "YYYY-MM-DD HH:MM:SS" → [date, minutes]. */
function splitStamp(stamp: string | undefined): [string, number] | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(stamp ?? "");
  return m ? [m[1]!, clockMinutes(m[2])!] : undefined;
}

function calendarItems(entries: CalendarEntry[], input: PageInput, warnings: string[]): PageItem[] {
  const items: PageItem[] = [];
  for (const e of entries) {
    const from = splitStamp(e.start_date);
    const to = splitStamp(e.end_date);
    const title = (e.description ?? "").trim() || (e.notes ?? "").trim() || "School calendar entry";
    if (!from || !to || to[0] < from[0]) {
      warnings.push(`Left out "${title}": its dates do not make sense (${e.start_date} to ${e.end_date}).`);
      continue;
    }
    const notes = (e.notes ?? "").trim();
    const fullTitle =
      notes && !title.toLowerCase().includes(notes.toLowerCase()) ? `${title} (${notes})` : title;
    if (e.all_day_event || from[0] !== to[0]) {
      // A span of days is a whole-day entry per day (a holiday, a mock-exam fortnight), never one long shift.
      items.push({
        title: fullTitle,
        start: zonedInstant(input.timeZone, from[0], 0),
        end: zonedInstant(input.timeZone, addDays(to[0], 1), 0),
        allDay: true,
      });
      continue;
    }
    items.push({
      title: fullTitle,
      start: zonedInstant(input.timeZone, from[0], from[1]),
      end: zonedInstant(input.timeZone, to[0], to[1]),
    });
  }
  return items;
}
