/**
 * Classification: accuracy on the held-out part of the labelled corpus (fixtures/classification/), and the time
 * to classify 10,000 items, each title distinct so that nothing is answered from a cache.
 * Run: `npx tsx bench/classify.ts`.
 */
import { TARGETS, isHeldOut, loadCorpus, score } from "../fixtures/classification/corpus";
import { classify } from "../src/ingest/classify";
import { eventsToItems } from "../src/ingest/to-items";
import type { ParsedEvent } from "../src/ingest/ics";
import { median, report } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const WARMUP = 10;

const corpus = loadCorpus();
const held = corpus.filter((e) => isHeldOut(e.title));
const s = score(held);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
console.log(
  `corpus: ${corpus.length} titles, ${held.length} held out, ${corpus.length - held.length} for tuning`,
);
console.log(
  `BENCH classify held-out kind and directed right: ${pct(s.right)} (target >= ${pct(TARGETS.right)})`,
);
console.log(
  `BENCH classify held-out confidently wrong (not asked): ${pct(s.confidentlyWrong)} (target <= ${pct(TARGETS.confidentlyWrong)})`,
);
console.log(`BENCH classify held-out asked: ${pct(s.asked)} (target <= ${pct(TARGETS.asked)})`);
const directedRight = s.outcomes.filter((o) => o.got.directed === o.entry.directed).length / s.count;
console.log(`BENCH classify held-out directed (yes or no) right: ${pct(directedRight)}`);
for (const o of s.outcomes.filter((x) => !x.right))
  console.log(
    `  held-out miss${o.asked ? " (asked)" : ""}: "${o.entry.title}" is ${o.entry.kind}/${o.entry.directed ? "directed" : "not directed"}, guessed ${o.got.kind}/${o.got.directed ? "directed" : "not directed"}`,
  );

// 10,000 distinct titles in the corpus's shapes: a number appended makes each one new.
const N = 10_000;
const events = Array.from({ length: N }, (_, i) => {
  const e = corpus[i % corpus.length]!;
  return { title: `${e.title} ${i}`, allDay: e.allDay, location: e.location, description: e.description };
});
const start0 = Date.UTC(2026, 8, 7, 8);
const parsed: ParsedEvent[] = events.map((e, i) => ({
  uid: `u${i}`,
  start: start0 + i * 3_600_000,
  end: start0 + i * 3_600_000 + 3_000_000,
  title: e.title,
  allDay: e.allDay === true,
  ...(e.location ? { location: e.location } : {}),
  ...(e.description ? { description: e.description } : {}),
}));

const direct: number[] = [];
const cpu: number[] = [];
const items: number[] = [];
for (let round = 0; round < WARMUP + RUNS; round++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const e of events) classify(e);
  const t1 = performance.now();
  const c = process.cpuUsage(c0);
  eventsToItems(parsed, "bench", [], 0);
  const t2 = performance.now();
  if (round < WARMUP) continue;
  direct.push(t1 - t0);
  cpu.push((c.user + c.system) / 1000);
  items.push(t2 - t1);
}
report("classify 10k distinct titles", median(direct), 50);
// Beside the wall clock: on a shared machine the difference is time spent waiting for a core.
report("classify 10k distinct titles, CPU time of this process", median(cpu));
report("eventsToItems 10k events, distinct titles (classify and build items)", median(items));
