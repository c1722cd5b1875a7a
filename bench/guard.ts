/**
 * Send guard, in Node: the synchronous decision made inside the Send click (target ≤ 1 ms), and, for
 * information, computing the 14-day policy in the background from a term's worth of items.
 */
import { DateTime } from "luxon";
import { demoWeekItems } from "../e2e/seed";
import { profileWithDefaults } from "../src/rules/profile-defaults";
import { computeSendPolicy, decideSend } from "../src/guard/policy";
import { warningText, guardClock } from "../src/guard/text";
import { median, report } from "./stats";

const zone = "Europe/London";
const now = DateTime.fromISO("2026-11-24T21:40", { zone }).toMillis();
const profile = profileWithDefaults(
  { timeZone: zone, emailExceptions: ["me@home.example", "family.example"] },
  "2026-11-24",
);
const items = demoWeekItems("2026-09-07", zone, 2_000);
const policy = computeSendPolicy(profile, items, now);
const recipients = ["ann.jones@school.example", "me@home.example"];
const clock = guardClock(zone);

function timePerCall(fn: () => unknown, calls: number): number {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) fn();
  return (performance.now() - t0) / calls;
}

// Warm up the JIT, then take the median of many batches.
for (let i = 0; i < 20_000; i++) decideSend(policy, now + i, recipients);

const decisions: number[] = [];
for (let run = 0; run < 200; run++)
  decisions.push(timePerCall(() => decideSend(policy, now, recipients), 1_000));
report("guard decision (decideSend, out of hours, 2 recipients)", median(decisions), 1);
console.log(`  = ${(median(decisions) * 1000).toFixed(3)} µs per decision`);

const decisionAndText: number[] = [];
for (let run = 0; run < 50; run++) {
  decisionAndText.push(
    timePerCall(() => {
      const d = decideSend(policy, now, recipients);
      return d.action === "warn" ? warningText(d, policy, now, clock) : "";
    }, 200),
  );
}
report("guard decision plus the dialog's words", median(decisionAndText), 1);
console.log(`  = ${(median(decisionAndText) * 1000).toFixed(3)} µs per decision with its text`);

const computes: number[] = [];
for (let run = 0; run < 30; run++)
  computes.push(timePerCall(() => computeSendPolicy(profile, items, now), 1));
report("send policy for 14 days from 2,000 items (background)", median(computes));
