import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { SEND_LOG_LIMITS } from "../model";
import type { WithinHoursDB } from "./db";
import { recordSend } from "./repo";
import { DAY, MONDAY, freshDb } from "../../testing/store";

let db: WithinHoursDB | undefined;
afterEach(async () => {
  db?.close();
  db = undefined;
});

describe("the send log's bounds", () => {
  it("drops rows older than the retention period when a new one is added", async () => {
    db = freshDb();
    const old = MONDAY - (SEND_LOG_LIMITS.keepDays + 1) * DAY;
    await db.sendLog.bulkAdd([
      { at: old, outcome: "warned", site: "gmail" },
      { at: MONDAY - DAY, outcome: "in-hours", site: "gmail" },
    ]);
    await recordSend(db, { at: MONDAY, outcome: "sent-anyway", site: "outlook" }, MONDAY);
    expect((await db.sendLog.toArray()).map((r) => r.at)).toEqual([MONDAY - DAY, MONDAY]);
  });

  it("keeps at most the row cap, dropping the oldest first", async () => {
    db = freshDb();
    const rows = Array.from({ length: SEND_LOG_LIMITS.maxRows }, (_, i) => ({
      at: MONDAY - DAY + i,
      outcome: "in-hours" as const,
      site: "gmail" as const,
    }));
    await db.sendLog.bulkAdd(rows);
    await recordSend(db, { at: MONDAY, outcome: "warned", site: "gmail" }, MONDAY);
    expect(await db.sendLog.count()).toBe(SEND_LOG_LIMITS.maxRows);
    const oldest = await db.sendLog.orderBy("at").first();
    expect(oldest?.at).toBe(MONDAY - DAY + 1);
    expect((await db.sendLog.orderBy("at").last())?.outcome).toBe("warned");
  });
});
