/**
 * "Check a cover": how long the verdict takes after a change in the popup's form, on a generated school year
 * (about 1,700 timed items: six periods a day, PPA, meetings, some cover). The checker is built once when the
 * form opens; each change re-evaluates the cover's week and the year from the cached weeks. Target: within
 * one frame (16 ms). Also the mail banner's first test on an ordinary email. Run with `npx tsx bench/cover.ts`.
 */
import { DateTime } from "luxon";
import type { WorkItem } from "../src/model";
import { mightBeCoverRequest } from "../src/ingest/cover-request";
import { CoverChecker, timetablePeriods } from "../src/rules/cover";
import { makeItem, makeProfile } from "../testing/test-items";
import { checkCoverForm, type CoverForm } from "../src/ui/cover-form";
import { median, report } from "./stats";

const PERIODS = ["09:00-09:50", "09:50-10:40", "11:00-11:50", "11:50-12:40", "13:30-14:20", "14:20-15:10"];

function generateYear(zone: string, yearStart: string): WorkItem[] {
  const items: WorkItem[] = [];
  const end = DateTime.fromISO(yearStart, { zone }).plus({ years: 1 });
  for (let d = DateTime.fromISO(yearStart, { zone }); d < end; d = d.plus({ days: 1 })) {
    if (d.weekday > 5 || d.month === 8) continue;
    const date = d.toISODate()!;
    items.push(makeItem(zone, "registration", date, "08:40", "09:00"));
    PERIODS.forEach((p, i) => {
      const [from, to] = p.split("-") as [string, string];
      const kind =
        (i + d.weekday) % 6 === 0
          ? "ppa"
          : d.weekday === 3 && i === 3 && d.day % 3 === 0
            ? "cover"
            : "lesson";
      items.push(makeItem(zone, kind, date, from, to, { title: kind === "lesson" ? `9X${i} Ma` : kind }));
    });
    if (d.weekday === 2)
      items.push(makeItem(zone, "meeting", date, "15:30", "16:30", { title: "Department meeting" }));
  }
  return items;
}

const profile = makeProfile({ jurisdiction: "england", academicYearStart: "2025-09-01", unionOverlay: true });
const items = generateYear(profile.timeZone, profile.academicYearStart);
const now = Date.UTC(2025, 10, 3, 8);
const t0 = performance.now();
const checker = new CoverChecker(items, profile, { now });
const periods = timetablePeriods(items, profile.timeZone);
const openMs = performance.now() - t0;

// Changes a teacher makes in turn: the date, the period, the reason, the class.
const dates = ["2025-11-04", "2025-11-05", "2025-11-12", "2026-01-14", "2026-03-03", "2026-05-20"];
const reasons = ["unplanned", "planned-course", "long-term", "unknown"] as const;
const times: number[] = [];
let severities = 0;
for (let run = 0; run < 200; run++) {
  const form: CoverForm = {
    date: dates[run % dates.length]!,
    period: periods[run % periods.length]!.label,
    from: "",
    to: "",
    classCode: `9X${run % 4}`,
    reason: reasons[run % reasons.length]!,
  };
  const start = performance.now();
  const result = checkCoverForm(form, checker, periods, now);
  const ms = performance.now() - start;
  if (run >= 20) times.push(ms);
  if (result.verdict && result.verdict.severity !== "ok") severities++;
}
console.log(
  `${items.length} items; checker built in ${openMs.toFixed(1)} ms when the form opens; ${periods.length} periods; ${severities} of 200 checks not ok`,
);
report("cover verdict after a form change (year of items)", median(times), 16);

const ordinary =
  "Hi all, a reminder that reports for Year 9 are due on Friday. Please check the shared drive for the template, and let me know if you have questions. Thanks, Head of Year ".repeat(
    20,
  );
const tests: number[] = [];
for (let run = 0; run < 2000; run++) {
  const start = performance.now();
  mightBeCoverRequest(ordinary);
  tests.push(performance.now() - start);
}
report("cover banner's first test on an ordinary email (3 KB)", median(tests), 1);
