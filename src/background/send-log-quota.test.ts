import { describe, expect, it } from "vitest";
import { admitSendRecord, type SendLogQuota } from "./send-log-quota";

const MINUTE = 60_000;
const T = 1_700_000_000_000 - (1_700_000_000_000 % MINUTE);

function admitMany(quota: SendLogQuota, tab: string, now: number, times: number) {
  let admitted = 0;
  for (let i = 0; i < times; i++) {
    const next = admitSendRecord(quota, tab, now, 3);
    quota = next.quota;
    if (next.admitted) admitted++;
  }
  return { admitted, quota };
}

describe("the send log's per-tab quota", () => {
  it("admits up to the cap per tab per minute, each tab on its own", () => {
    const a = admitMany({}, "1", T, 5);
    expect(a.admitted).toBe(3);
    const b = admitMany(a.quota, "2", T + 1000, 5);
    expect(b.admitted).toBe(3);
  });

  it("starts afresh in the next minute and forgets tabs from earlier minutes", () => {
    const full = admitMany({}, "1", T, 3);
    const next = admitSendRecord(full.quota, "2", T + MINUTE, 3);
    expect(next.admitted).toBe(true);
    expect(Object.keys(next.quota)).toEqual(["2"]);
    expect(admitSendRecord(next.quota, "1", T + MINUTE, 3).admitted).toBe(true);
  });
});
