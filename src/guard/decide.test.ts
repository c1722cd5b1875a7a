import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  decideSend,
  defaultPolicy,
  isException,
  isSendPolicy,
  startOfTomorrow,
  type SendPolicy,
} from "./decide";

const H = 3_600_000;
const policy = (over: Partial<SendPolicy> = {}): SendPolicy => ({
  version: 1,
  computedAt: 0,
  validUntil: 100 * H,
  windows: [
    [8 * H, 17 * H],
    [32 * H, 41 * H],
  ],
  exceptions: [],
  windowName: "directed time",
  advice: "advice",
  rule: "eng.email.directed",
  enabled: true,
  ...over,
});

describe("decideSend", () => {
  it("allows inside a window, end exclusive", () => {
    expect(decideSend(policy(), 8 * H)).toEqual({ action: "allow", reason: "in-hours" });
    expect(decideSend(policy(), 17 * H).action).toBe("warn");
  });

  it("warns outside, with the window that ended and the next one", () => {
    expect(decideSend(policy(), 21 * H)).toEqual({ action: "warn", previousEnd: 17 * H, nextStart: 32 * H });
    expect(decideSend(policy(), 1 * H)).toEqual({ action: "warn", previousEnd: null, nextStart: 8 * H });
    expect(decideSend(policy(), 50 * H)).toEqual({ action: "warn", previousEnd: 41 * H, nextStart: null });
  });

  it("never warns when every recipient is an exception", () => {
    const p = policy({ exceptions: ["me@home.example", "family.example"] });
    expect(decideSend(p, 21 * H, ["Me@Home.example", "gran@family.example"]).action).toBe("allow");
    expect(decideSend(p, 21 * H, ["me@home.example", "head@school.example"]).action).toBe("warn");
    expect(decideSend(p, 21 * H, []).action).toBe("warn");
  });

  it("lets everything through when snoozed, switched off or stale", () => {
    expect(decideSend(policy({ snoozedUntil: 24 * H }), 21 * H)).toEqual({
      action: "allow",
      reason: "snoozed",
    });
    expect(decideSend(policy({ enabled: false }), 21 * H)).toEqual({ action: "allow", reason: "off" });
    expect(decideSend(policy(), 100 * H)).toEqual({ action: "allow", reason: "stale" });
  });

  it("matches exceptions by whole address or domain", () => {
    expect(isException(["@school.example"], "a@school.example")).toBe(true);
    expect(isException(["school.example"], "a@sub.school.example")).toBe(false);
  });
});

describe("defaultPolicy and the snooze, in the browser's zone", () => {
  const saved = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = "America/New_York";
  });
  afterEach(() => {
    process.env.TZ = saved;
  });

  it("is Monday to Friday 08:00–17:00 local for 14 days", () => {
    const tuesdayEvening = new Date(2026, 9, 20, 21, 40).getTime();
    const p = defaultPolicy(tuesdayEvening);
    expect(p.windows).toHaveLength(10);
    expect(new Date(p.windows[0]![0]).getHours()).toBe(8);
    expect(new Date(p.windows[0]![1]).getHours()).toBe(17);
    expect(decideSend(p, tuesdayEvening).action).toBe("warn");
    expect(decideSend(p, new Date(2026, 9, 21, 9, 0).getTime()).action).toBe("allow");
    expect(isSendPolicy(p)).toBe(true);
  });

  it("snoozes until local midnight", () => {
    const t = new Date(2026, 9, 20, 21, 40).getTime();
    expect(startOfTomorrow(t)).toBe(new Date(2026, 9, 21).getTime());
  });

  it("rejects messages that are not policies", () => {
    expect(isSendPolicy(null)).toBe(false);
    expect(isSendPolicy({ version: 2, validUntil: 1, enabled: true })).toBe(false);
  });
});
