import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import type { WithinHoursDB } from "./db";
import { DAY_MS } from "./limits";
import { keepWithinLimits, recordCoverDecision, recordSend } from "./repo";
import { MONDAY, freshDb } from "../../testing/store";

const opened: WithinHoursDB[] = [];
afterEach(() => opened.splice(0).forEach((d) => d.close()));
const db = () => {
  const d = freshDb();
  opened.push(d);
  return d;
};

describe("per-event tables keep within their limits", () => {
  it("drops send records older than the retention period", async () => {
    const d = db();
    await recordSend(d, { at: MONDAY - 500 * DAY_MS, outcome: "warned", site: "gmail" });
    await recordSend(d, { at: MONDAY - 100 * DAY_MS, outcome: "warned", site: "gmail" });
    await recordSend(d, { at: MONDAY, outcome: "in-hours", site: "gmail" });
    expect((await d.sendLog.toArray()).map((r) => r.at)).toEqual([MONDAY - 100 * DAY_MS, MONDAY]);
  });

  it("drops the oldest rows over the cap", async () => {
    const d = db();
    for (let i = 0; i < 5; i++) await d.sendLog.add({ at: MONDAY + i, outcome: "warned", site: "gmail" });
    await d.transaction("rw", d.sendLog, () =>
      keepWithinLimits(d, "sendLog", MONDAY + 4, { cap: 3, retentionDays: 400 }),
    );
    expect((await d.sendLog.toArray()).map((r) => r.at - MONDAY)).toEqual([2, 3, 4]);
  });

  it("drops cover decisions about slots long past", async () => {
    const d = db();
    const decision = { at: 0, end: 0, choice: "accepted" as const, rules: [] };
    await recordCoverDecision(d, {
      ...decision,
      start: MONDAY - 900 * DAY_MS,
      end: MONDAY - 900 * DAY_MS + 1,
    });
    await recordCoverDecision(d, { ...decision, start: MONDAY, end: MONDAY + 1 });
    expect((await d.coverDecisions.toArray()).map((r) => r.start)).toEqual([MONDAY]);
  });
});
