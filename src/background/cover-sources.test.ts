/**
 * Cover that arrives by calendar import or page reading counts in the cover ledger the same way as cover
 * logged by hand; a cancelled one (STATUS:CANCELLED, or gone from the calendar or page on the next read) goes.
 */
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { createHandlers } from "./handlers";
import type { Derived } from "./recount";
import { freshDb } from "../../testing/store";
import type { WithinHoursDB } from "../store/db";
import { zonedInstant } from "../ingest/pages/zoned";
import { requestSchemas } from "../messages";

const NOW = Date.UTC(2026, 10, 26, 12);
const opened: WithinHoursDB[] = [];
afterEach(() => opened.splice(0).forEach((d) => d.close()));

async function setup() {
  const db = freshDb();
  opened.push(db);
  let last: Derived | undefined;
  const handlers = createHandlers({
    db: () => db,
    now: () => NOW,
    afterChange: async (derived) => void (last = derived),
    hasHostPermission: async () => false,
    removeHostPermission: async () => undefined,
    attachGuard: async () => undefined,
  });
  await handlers["profile/save"]({
    type: "profile/save",
    profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
  });
  const coverYear = () => last!.ledger.evaluation.cover.year;
  return { handlers, coverYear, db };
}

interface Event {
  uid: string;
  summary: string;
  date: string;
  from: string;
  to: string;
  cancelled?: boolean;
}

const stamp = (date: string, hm: string) => `${date.replaceAll("-", "")}T${hm.replace(":", "")}00`;
function ics(events: Event[]): string {
  const body = events.map(
    (e) =>
      `BEGIN:VEVENT\r\nUID:${e.uid}\r\nDTSTAMP:20261101T000000Z\r\n` +
      `DTSTART;TZID=Europe/London:${stamp(e.date, e.from)}\r\nDTEND;TZID=Europe/London:${stamp(e.date, e.to)}\r\n` +
      `SUMMARY:${e.summary}\r\n${e.cancelled ? "STATUS:CANCELLED\r\n" : ""}END:VEVENT\r\n`,
  );
  return `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Within Hours test//EN\r\n${body.join("")}END:VCALENDAR\r\n`;
}

// Tuesday 24 November 2026: PPA 14:00–15:00, and a cover booked over 50 minutes of it; Wednesday a cover of 60.
const PPA: Event = { uid: "ppa", summary: "PPA", date: "2026-11-24", from: "14:00", to: "15:00" };
const OVER_PPA: Event = { uid: "c1", summary: "Cover 9X2", date: "2026-11-24", from: "14:10", to: "15:00" };
const WEDNESDAY: Event = { uid: "c2", summary: "Cover 7A", date: "2026-11-25", from: "09:00", to: "10:00" };

const importIcs = (handlers: Awaited<ReturnType<typeof setup>>["handlers"], events: Event[]) =>
  handlers["source/import-ics"]({ type: "source/import-ics", name: "school.ics", text: ics(events) });

describe("cover from calendars and pages", () => {
  it("an imported cover counts in the ledger; a cancelled one, and one gone on re-import, goes", async () => {
    const { handlers, coverYear } = await setup();
    await importIcs(handlers, [PPA, OVER_PPA, WEDNESDAY]);
    expect(coverYear()).toEqual({ occasions: 2, minutes: 110, foreseeable: 0, ppaLostMinutes: 50 });

    await importIcs(handlers, [PPA, { ...OVER_PPA, cancelled: true }, WEDNESDAY]);
    expect(coverYear()).toEqual({ occasions: 1, minutes: 60, foreseeable: 0, ppaLostMinutes: 0 });

    await importIcs(handlers, [PPA]);
    expect(coverYear()).toEqual({ occasions: 0, minutes: 0, foreseeable: 0, ppaLostMinutes: 0 });
  });

  it("counts an imported cover the same as the same cover logged by hand", async () => {
    const imported = await setup();
    await importIcs(imported.handlers, [PPA, OVER_PPA]);
    const byHand = await setup();
    await importIcs(byHand.handlers, [PPA]);
    await byHand.handlers["cover/log"]({
      type: "cover/log",
      date: "2026-11-24",
      from: "14:10",
      to: "15:00",
      classCode: "9X2",
    });
    expect(byHand.coverYear()).toEqual(imported.coverYear());
    expect(imported.coverYear()).toEqual({ occasions: 1, minutes: 50, foreseeable: 0, ppaLostMinutes: 50 });
  });

  it("a cover read from a timetable page counts, and goes when the page no longer shows it", async () => {
    const { handlers, coverYear } = await setup();
    const at = (date: string, minutes: number) => zonedInstant("Europe/London", date, minutes);
    const lesson = {
      title: "Science 9A/Sc2",
      start: at("2026-11-26", 9 * 60),
      end: at("2026-11-26", 10 * 60),
      hint: "lesson" as const,
    };
    const cover = {
      title: "Cover 8B2",
      start: at("2026-11-26", 11 * 60),
      end: at("2026-11-26", 11 * 60 + 50),
      group: "8B2",
      hint: "cover" as const,
    };
    const read = (items: (typeof lesson | typeof cover)[]) =>
      handlers["source/import-page"]({
        type: "source/import-page",
        site: "edulink",
        siteName: "Edulink",
        items,
      });
    await read([lesson, cover]);
    expect(coverYear()).toEqual({ occasions: 1, minutes: 50, foreseeable: 0, ppaLostMinutes: 0 });
    await read([lesson]);
    expect(coverYear()).toEqual({ occasions: 0, minutes: 0, foreseeable: 0, ppaLostMinutes: 0 });
  });
});

describe("cover/verdict and cover/log through the handlers", () => {
  // Two weeks of a timetable: 09:00–10:00, 10:00–11:00 lessons; 11:20–12:20 PPA; each weekday.
  const week = (monday: number): Event[] =>
    [0, 1, 2, 3, 4].flatMap((d) => {
      const date = `2026-11-${String(monday + d).padStart(2, "0")}`;
      return [
        { uid: `l1-${date}`, summary: "Maths 9X2", date, from: "09:00", to: "10:00" },
        { uid: `l2-${date}`, summary: "Maths 8Y1", date, from: "10:00", to: "11:00" },
        { uid: `p-${date}`, summary: "PPA", date, from: "11:20", to: "12:20" },
      ];
    });

  it("places a period by the imported timetable, and names one it does not have", async () => {
    const { handlers } = await setup();
    await importIcs(handlers, [...week(16), ...week(23)]);
    const reply = await handlers["cover/verdict"]({
      type: "cover/verdict",
      date: "2026-11-24",
      period: "P3",
      classCode: "7A",
    });
    expect(new Date(reply.start).toISOString()).toBe("2026-11-24T11:20:00.000Z");
    expect(reply.end - reply.start).toBe(60 * 60_000);
    expect(reply.verdict.severity).toBe("breach");
    expect(reply.verdict.findings.map((f) => f.rule)).toContain("eng.ppa.min");
    await expect(
      handlers["cover/verdict"]({ type: "cover/verdict", date: "2026-11-24", period: "7" }),
    ).rejects.toThrow(/Period 7 is not on your imported timetable/);
  });

  it("refuses a cover given as times that end before they start or last over 12 hours", () => {
    const valid = (from: string, to: string) =>
      requestSchemas["cover/verdict"].safeParse({ type: "cover/verdict", date: "2026-11-24", from, to })
        .success;
    expect(valid("09:00", "10:00")).toBe(true);
    expect(valid("10:00", "09:00")).toBe(false);
    expect(valid("00:00", "23:59")).toBe(false);
  });
});
