import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { auditLedger, auditReport } from "../ingest/audit";
import { makeItem, makeProfile } from "../../testing/test-items";
import { evaluate } from "../rules/engine";
import { directedShares } from "../rules/shares";
import { calendarOf } from "../rules/catalogue";
import { buildEvidence, CSV_HEADER, evidenceCsv, evidenceIcs, resolveRange } from "./index";
import { evidencePdf, pdfSafe } from "./pdf";
import { pdfText } from "./pdf-text";

const ZONE = "Europe/London";
const NOW = Date.parse("2026-11-30T12:00:00Z");
const DEMO = readFileSync(new URL("../../demo/teacher-term.ics", import.meta.url), "utf8");

function demoLedger() {
  return auditLedger([{ name: "teacher-term.ics", text: DEMO }], { jurisdiction: "england" }, { now: NOW });
}

function parseCsv(text: string): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe("directedShares", () => {
  it("hands out a day's union of directed time once, adding up to the ledger's day", () => {
    const profile = makeProfile({ academicYearStart: "2025-09-01", timeZone: ZONE });
    const items = [
      makeItem(ZONE, "lesson", "2025-09-08", "09:00", "10:00", { id: "a" }),
      makeItem(ZONE, "meeting", "2025-09-08", "09:30", "10:30", { id: "b" }),
      makeItem(ZONE, "duty", "2025-09-08", "09:40", "09:50", { id: "c" }),
      makeItem(ZONE, "lesson", "2025-09-08", "11:00", "11:00:20", { id: "d" }),
      makeItem(ZONE, "lesson", "2025-09-08", "11:00:20", "11:01:00", { id: "e" }),
      makeItem(ZONE, "other", "2025-09-08", "12:00", "13:00", { id: "f", directed: false }),
    ];
    const shares = directedShares(calendarOf(profile), items);
    expect(Object.fromEntries(shares)).toEqual({ a: 60, b: 30, c: 0, d: 0, e: 1 });
    expect(
      evaluate(items, profile, { now: NOW }).weeks.find((w) => w.start === "2025-09-08")?.directedMinutes,
    ).toBe(91);
  });
});

describe("the evidence CSV", () => {
  it("has one row per item with the calculator's categories, and its directed minutes are the year's", () => {
    const ledger = demoLedger();
    const report = auditReport(ledger);
    const range = resolveRange({ kind: "year" }, ledger.profile, NOW);
    const pack = buildEvidence({ ...ledger, range });
    const rows = parseCsv(evidenceCsv(pack));
    expect(rows[0]).toEqual([...CSV_HEADER]);
    const body = rows.slice(1);
    expect(body).toHaveLength(pack.rows.length);
    const directed = body.filter((r) => r[5] === "Y").reduce((n, r) => n + Number(r[3]), 0);
    expect(directed).toBe(report.year.directedMinutes);
    expect(directed).toBeGreaterThan(0);
    for (const r of body) {
      expect(r[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r[1]).toMatch(/^\d{2}:\d{2}$/);
      expect(r[2]).toMatch(/^\d{2}:\d{2}$/);
      expect(r[3]).toMatch(/^\d+$/);
      expect(r[6]).toBe("unknown");
    }
    const categories = new Set(body.map((r) => r[4]));
    for (const c of ["teaching", "registration", "PPA", "duties and supervision", "parents' meetings"])
      expect(categories).toContain(c);
    // A staff meeting and a lesson, as a rep would read them.
    expect(body).toContainEqual([
      "2026-09-02",
      "15:30",
      "16:30",
      "60",
      "staff meetings",
      "Y",
      "unknown",
      "teacher-term.ics (calendar file)",
      "Dept meeting",
    ]);
    // Cover goes in without its title: the absent colleague is not named.
    const covers = body.filter((r) => r[8]?.startsWith("Cover"));
    expect(covers.length).toBe(2);
    expect(evidenceCsv(pack)).not.toMatch(/JSM|KLM|Dentist/);
  });

  it("quotes commas and quotes, keeps a formula from running, and sums a week to its ledger line", () => {
    const profile = makeProfile({ academicYearStart: "2025-09-01", timeZone: ZONE });
    const items = [
      makeItem(ZONE, "meeting", "2025-09-09", "15:30", "16:30", { title: 'Data, "drop" review' }),
      makeItem(ZONE, "meeting", "2025-09-10", "15:30", "16:00", { title: "=HYPERLINK(1)" }),
      makeItem(ZONE, "lesson", "2025-09-10", "15:45", "16:15", { title: "10X2" }),
      makeItem(ZONE, "report-writing", "2025-09-10", "19:00", "20:00", { directed: false }),
    ];
    const evaluation = evaluate(items, profile, { now: NOW });
    const range = resolveRange({ kind: "dates", from: "2025-09-08", to: "2025-09-14" }, profile, NOW);
    const pack = buildEvidence({ items, profile, range, evaluation, now: NOW });
    const csv = evidenceCsv(pack);
    expect(csv).toContain('"Data, ""drop"" review"');
    expect(csv).toContain("'=HYPERLINK(1)");
    expect(csv.split("\r\n").length).toBe(items.length + 2);
    const rows = parseCsv(csv).slice(1);
    expect(rows.map((r) => [r[4], r[5], r[3]])).toEqual([
      ["staff meetings", "Y", "60"],
      ["staff meetings", "Y", "30"],
      ["teaching", "Y", "15"],
      ["not directed", "N", "60"],
    ]);
    expect(rows[2]![8]).toContain("overlaps another entry: 15 of 30 min counted");
    expect(pack.totals.directedMinutes).toBe(
      evaluation.weeks.find((w) => w.start === "2025-09-08")!.directedMinutes,
    );
  });

  it("says Y or N for the published calendar once its source is named", () => {
    const profile = makeProfile({
      academicYearStart: "2025-09-01",
      timeZone: ZONE,
      overrides: { "eng.directed.calendar": { calendarSource: "school-cal" } },
    });
    const items = [
      makeItem(ZONE, "meeting", "2025-09-09", "15:30", "16:30", { source: "school-cal" }),
      makeItem(ZONE, "meeting", "2025-09-10", "15:30", "16:30", { source: "ics:mine.ics" }),
    ];
    const range = resolveRange({ kind: "week" }, profile, Date.parse("2025-09-10T12:00:00Z"));
    const pack = buildEvidence({ items, profile, range, now: NOW });
    expect(pack.rows.map((r) => r.onCalendar)).toEqual(["Y", "N"]);
    const calendar = pack.exceptions.find((g) => g.id === "calendar")!;
    expect(calendar.lines).toEqual([
      { date: "2025-09-10", time: "15:30–16:30", text: "meeting of 1 h not on the calendar" },
    ]);
    expect(calendar.citations[0]).toMatchObject({
      rule: "eng.directed.calendar",
      forceLabel: "union advice",
    });
  });
});

describe("the evidence PDF", { timeout: 30_000 }, () => {
  it("states the period, the budget with its source, the forecast, the covers and a line to sign", async () => {
    const ledger = demoLedger();
    const range = resolveRange({ kind: "year" }, ledger.profile, NOW);
    const pack = buildEvidence({ ...ledger, range, name: "A. Teacher" });
    const bytes = await evidencePdf(pack);
    const { pages, text } = await pdfText(bytes);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    expect(text).toContain(`Period: ${pdfSafe(range.label)}`);
    expect(text).toContain("Pro-rata budget 1265 h");
    expect(text).toContain("School Teachers' Pay and Conditions Document 2025 (England)");
    expect(text).toContain("contract (academy adopting the STPCD)");
    expect(text).toMatch(/Forecast: about \d+ h/);
    expect(text).toMatch(/Cover: 2 occasions/);
    expect(text).toMatch(/foreseeable: (yes|no sign)/);
    expect(text).toContain("Teacher: A. Teacher");
    expect(text).toContain("Signed:");
    expect(text).toContain("Directed hours per week");
    expect(text).not.toMatch(/JSM|KLM|Dentist/);
  });

  it("names no one when the teacher typed no name", async () => {
    const ledger = demoLedger();
    const range = resolveRange({ kind: "term" }, ledger.profile, NOW);
    const { text } = await pdfText(await evidencePdf(buildEvidence({ ...ledger, range })));
    expect(text).not.toContain("Teacher:");
    expect(text).toContain("Signed:");
  });

  it("draws what the standard fonts cannot as plain letters", () => {
    expect(pdfSafe("−5 min ≤ 1 h, Māori – ✓")).toBe("-5 min <= 1 h, Maori – ?");
  });
});

describe("the evidence ICS", () => {
  it("holds one event per counted item, in UTC, readable by ical.js", () => {
    const ledger = demoLedger();
    const range = resolveRange({ kind: "year" }, ledger.profile, NOW);
    const pack = buildEvidence({ ...ledger, range });
    const text = evidenceIcs(pack);
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent");
    expect(events).toHaveLength(pack.rows.length);
    const first = events[0]!;
    expect(first.getFirstPropertyValue("dtstart")?.toString()).toMatch(/Z$/);
    expect(text).not.toMatch(/JSM|KLM|Dentist/);
  });
});

describe("the cover ledger in the evidence pack", { timeout: 30_000 }, () => {
  const profile = makeProfile({ jurisdiction: "england", academicYearStart: "2025-09-01", timeZone: ZONE });
  const items = [
    makeItem(ZONE, "ppa", "2025-11-10", "14:00", "15:00"),
    makeItem(ZONE, "cover", "2025-11-10", "14:10", "15:00", { id: "c1", title: "Cover 9X2" }),
    makeItem(ZONE, "cover", "2025-11-12", "09:00", "10:00", {
      id: "c2",
      title: "Cover 7A",
      coverReason: "planned-trip",
    }),
    makeItem(ZONE, "cover", "2026-01-14", "11:00", "12:00", { id: "c3", title: "Cover 8B" }),
  ];
  const now = Date.parse("2026-02-01T12:00:00Z");

  it("gives occasions, hours, the foreseeable ones and PPA lost for the period, per term and for the year", async () => {
    const range = resolveRange({ kind: "term" }, profile, Date.parse("2025-11-20T12:00:00Z"));
    const pack = buildEvidence({ items, profile, range, now });
    const cover = pack.exceptions.find((g) => g.id === "cover")!;
    expect(cover.title).toBe(
      "Cover: 2 occasions, 1 h 50 min; 1 looked foreseeable; 50 min of PPA or non-contact time lost to cover, to reinstate",
    );
    expect(cover.totals).toEqual([
      "Autumn term: 2 occasions, 1 h 50 min; 1 looked foreseeable; 50 min of PPA or non-contact time lost to cover, to reinstate",
      "Spring term: 1 occasion, 1 h; 0 looked foreseeable",
      "The year on the calendar: 3 occasions, 2 h 50 min; 1 looked foreseeable; 50 min of PPA or non-contact time lost to cover, to reinstate",
    ]);
    expect(cover.lines.map((l) => l.text)).toEqual([
      "50 min; foreseeable: no sign; took 50 min of PPA or non-contact time",
      "1 h; foreseeable: yes (the absence is a planned trip)",
    ]);

    const csv = parseCsv(evidenceCsv(pack));
    expect(csv.filter((r) => r[8]?.startsWith("Cover")).map((r) => r[8])).toEqual([
      // The PPA it took was counted once already, as PPA.
      "Cover; took 50 min of PPA or non-contact time; overlaps another entry: 0 of 50 min counted",
      "Cover; looks foreseeable: the absence is a planned trip",
    ]);
    const { text } = await pdfText(await evidencePdf(pack));
    expect(text).toContain("Spring term: 1 occasion, 1 h; 0 looked foreseeable");
    expect(text).toContain("50 min of PPA or non-contact time lost to cover, to reinstate");
  });
});
