/**
 * Rules engine speed: a generated full year (over 3,000 items) evaluated under every regime, with the union
 * overlay and both right-to-disconnect advisories switched on, and one changed week re-evaluated through the
 * incremental Ledger. Run with `npx tsx bench/rules.ts`.
 */
import { DateTime } from "luxon";
import { JURISDICTIONS, type Jurisdiction, type WorkItem } from "../src/model";
import { Ledger, evaluate } from "../src/rules/engine";
import { calendarOf } from "../src/rules/catalogue";
import { makeItem, makeProfile } from "../testing/test-items";

const YEAR_START: Record<Jurisdiction, string> = {
  england: "2025-09-01",
  wales: "2025-09-01",
  "northern-ireland": "2025-08-01",
  scotland: "2025-08-01",
  "nz-secondary": "2026-01-27",
  "nz-primary": "2026-01-27",
  "support-staff": "2025-09-01",
};

const PERIODS = ["09:00-09:50", "09:50-10:40", "11:00-11:50", "11:50-12:40", "13:30-14:20", "14:20-15:10"];

function generateYear(zone: string, yearStart: string): WorkItem[] {
  const items: WorkItem[] = [];
  let d = DateTime.fromISO(yearStart, { zone });
  const end = d.plus({ years: 1 });
  let n = 0;
  for (; d < end; d = d.plus({ days: 1 })) {
    const date = d.toISODate()!;
    const weekNo = Math.floor(n++ / 7);
    const holiday = weekNo % 8 === 7 || d.month === 8;
    if (d.weekday > 5) {
      items.push(makeItem(zone, "report-writing", date, "10:00", "12:00", { directed: false }));
      items.push(makeItem(zone, "other", date, "14:00", "15:00", { title: "Planning", directed: false }));
      items.push(makeItem(zone, "other", date, "19:00", "19:30", { title: "Email", directed: false }));
      continue;
    }
    if (holiday) {
      for (const [from, to] of [
        ["09:00", "10:00"],
        ["10:30", "12:00"],
        ["13:00", "14:00"],
        ["14:30", "15:30"],
        ["16:00", "16:30"],
      ]) {
        items.push(makeItem(zone, "other", date, from!, to!, { title: "Holiday planning", directed: false }));
      }
      continue;
    }
    items.push(makeItem(zone, "registration", date, "08:40", "09:00"));
    PERIODS.forEach((p, i) => {
      const [from, to] = p.split("-") as [string, string];
      const kind =
        (i + d.weekday) % 6 === 0
          ? "ppa"
          : i === 3 && d.weekday === 3 && weekNo % 3 === 0
            ? "cover"
            : "lesson";
      items.push(
        makeItem(zone, kind, date, from, to, {
          title: kind === "cover" ? "Cover 8X maths" : "Year 9 science",
        }),
      );
    });
    items.push(makeItem(zone, "duty", date, "10:40", "11:00", { title: "Break duty" }));
    items.push(makeItem(zone, "personal", date, "12:40", "13:30", { title: "Lunch" }));
    items.push(makeItem(zone, "ppa", date, "15:10", "15:30"));
    if (d.weekday === 2)
      items.push(makeItem(zone, "meeting", date, "15:40", "16:40", { title: "Department meeting" }));
    else if (d.weekday === 4 && weekNo % 4 === 0)
      items.push(makeItem(zone, "parents-evening", date, "16:00", "19:00"));
    else if (d.weekday === 1 && weekNo % 6 === 0)
      items.push(makeItem(zone, "observation", date, "09:00", "09:50"));
    else items.push(makeItem(zone, "cpd", date, "15:40", "16:10", { title: "Twilight CPD" }));
    items.push(
      makeItem(zone, "report-writing", date, "19:30", "21:00", { directed: false, title: "Marking" }),
    );
  }
  return items;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void, runs: number, warmup: number): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

const worst = { full: 0, week: 0 };
for (const jurisdiction of JURISDICTIONS) {
  const profile = makeProfile({
    jurisdiction,
    academicYearStart: YEAR_START[jurisdiction],
    unionOverlay: true,
    overrides: { "ie.disconnect": { enabled: true }, "au.disconnect": { enabled: true } },
  });
  const items = generateYear(profile.timeZone, profile.academicYearStart);
  const now = DateTime.fromISO(profile.academicYearStart, { zone: profile.timeZone })
    .plus({ months: 5 })
    .toMillis();
  let findings = 0;
  const full = time(() => (findings = evaluate(items, profile, { now }).findings.length), 40, 10);

  const ledger = new Ledger(profile, { now });
  ledger.setItems(items);
  ledger.evaluation();
  const cal = calendarOf(profile);
  const week = cal.weeks[10]!;
  const weekEnd = cal.days[week.firstDay + 6]!.end;
  const weekItems = items.filter((x) => x.start >= cal.days[week.firstDay]!.start && x.start < weekEnd);
  const changed = [
    ...weekItems,
    makeItem(profile.timeZone, "cover", cal.days[week.firstDay + 1]!.date, "13:30", "14:20"),
  ];
  let flip = false;
  const oneWeek = time(
    () => {
      flip = !flip;
      ledger.replaceWeek(week.start, flip ? changed : weekItems);
      ledger.evaluation();
    },
    200,
    20,
  );
  worst.full = Math.max(worst.full, full);
  worst.week = Math.max(worst.week, oneWeek);
  console.log(`# ${jurisdiction}: ${items.length} items, ${findings} findings`);
  console.log(`BENCH rules full year ${jurisdiction}: median ${full.toFixed(2)} ms (target <= 20 ms)`);
  console.log(`BENCH rules changed week ${jurisdiction}: median ${oneWeek.toFixed(3)} ms (target <= 2 ms)`);
}
console.log(`BENCH rules full year (slowest pack): median ${worst.full.toFixed(2)} ms (target <= 20 ms)`);
console.log(`BENCH rules changed week (slowest pack): median ${worst.week.toFixed(3)} ms (target <= 2 ms)`);
