/**
 * The whole `audit` pipeline (parse, expand, classify, evaluate) on a 10,000-event calendar, side by side with
 * node-ical parsing the same text (node-ical is a dev dependency for this comparison only).
 * Run: `npx tsx bench/audit.ts`.
 */
import ical from "node-ical";
import { runAudit } from "../src/ingest/audit";
import { parseIcs } from "../src/ingest/ics";
import { syntheticCalendar } from "../src/ingest/synthetic-calendar";
import { median, report } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const WARMUP = 2;
const NOW = Date.UTC(2026, 10, 26, 12);
const profile = { jurisdiction: "england", academicYearStart: "2026-09-01" };

const { text, components } = syntheticCalendar(10_000);
const expanded = parseIcs(text, {
  window: { start: Date.UTC(2026, 7, 31, 23), end: Date.UTC(2027, 7, 31, 23) },
  defaultZone: "Europe/London",
}).events.length;
console.log(
  `calendar: ${components} VEVENTs, ${(text.length / 1024 / 1024).toFixed(1)} MB, ${expanded} events after expanding recurrences in the year`,
);
if (expanded < 10_000) throw new Error(`expected at least 10,000 expanded events, got ${expanded}`);

function time(fn: () => unknown): number[] {
  const times: number[] = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const t0 = performance.now();
    fn();
    const elapsed = performance.now() - t0;
    if (run >= WARMUP) times.push(elapsed);
  }
  return times;
}

const auditMs = median(time(() => runAudit([{ name: "bench.ics", text }], profile, { now: NOW })));
const parseMs = median(
  time(() =>
    parseIcs(text, {
      window: { start: Date.UTC(2026, 7, 31, 23), end: Date.UTC(2027, 7, 31, 23) },
      defaultZone: "Europe/London",
    }),
  ),
);
const nodeIcalMs = median(time(() => ical.sync.parseICS(text)));

report("audit 10k events", auditMs, 400);
report("parseIcs alone 10k events", parseMs);
report("node-ical parse 10k events", nodeIcalMs);
const speedUp = nodeIcalMs / auditMs;
console.log(`BENCH audit speed-up vs node-ical: ${speedUp.toFixed(1)} x (target >= 5 x)`);
