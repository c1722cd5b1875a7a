/**
 * The whole `audit` pipeline (parse, expand, classify, evaluate) on a 10,000-event calendar, side by side with
 * node-ical parsing the same text (node-ical is a dev dependency for this comparison only).
 * Run: `npx tsx bench/audit.ts`.
 */
import ical from "node-ical";
import { runAudit } from "../src/ingest/audit";
import { parseIcs } from "../src/ingest/ics";
import { syntheticCalendar } from "../testing/synthetic-calendar";
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

const audit = () => runAudit([{ name: "bench.ics", text }], profile, { now: NOW });
const parse = () =>
  parseIcs(text, {
    window: { start: Date.UTC(2026, 7, 31, 23), end: Date.UTC(2027, 7, 31, 23) },
    defaultZone: "Europe/London",
  });
const nodeIcal = () => ical.sync.parseICS(text);

// Taken in turns, round by round, so that load from other processes falls on all three alike.
const measured = { audit: [] as number[], parse: [] as number[], nodeIcal: [] as number[] };
const ratios: number[] = [];
for (let round = 0; round < WARMUP + RUNS; round++) {
  const auditMs = time(audit);
  const parseMs = time(parse);
  const nodeIcalMs = time(nodeIcal);
  if (round < WARMUP) continue;
  measured.audit.push(auditMs);
  measured.parse.push(parseMs);
  measured.nodeIcal.push(nodeIcalMs);
  ratios.push(nodeIcalMs / auditMs);
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const auditMs = median(measured.audit);
const nodeIcalMs = median(measured.nodeIcal);
report("audit 10k events", auditMs, 400);
report("parseIcs alone 10k events", median(measured.parse));
report("node-ical parse 10k events", nodeIcalMs);
console.log(`BENCH audit speed-up vs node-ical: ${(nodeIcalMs / auditMs).toFixed(1)} x (target >= 5 x)`);
console.log(
  `speed-up round by round: median ${median(ratios).toFixed(1)} x, lowest ${Math.min(...ratios).toFixed(1)} x`,
);
