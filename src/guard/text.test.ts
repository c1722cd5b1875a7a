import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { defaultPolicy } from "./decide";
import { guardClock, scheduleHelp, warningText, whenText } from "./text";

const zone = "Europe/London";
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const clock = guardClock(zone);
const policy = defaultPolicy(0);

describe("warningText", () => {
  it("names the email hours that ended, not directed time, when the school day set them", () => {
    const text = warningText(
      {
        action: "warn",
        previousEnd: at("2026-10-20T15:30"),
        nextStart: at("2026-10-21T08:30"),
        previousName: "email hours",
      },
      { ...policy, windowNames: ["email hours"] },
      at("2026-10-20T17:10"),
      clock,
    );
    expect(text).toBe(
      "It is 17:10 on Tuesday; your email hours ended at 15:30 — NEU and NASUWT advise sending work email only in directed time (union advice).",
    );
  });

  it("says the time, the window that ended, and where the advice comes from", () => {
    const text = warningText(
      {
        action: "warn",
        previousEnd: at("2026-10-20T17:00"),
        nextStart: at("2026-10-21T08:00"),
        previousName: "directed time",
      },
      policy,
      at("2026-10-20T21:40"),
      clock,
    );
    expect(text).toBe(
      "It is 21:40 on Tuesday; your directed time ended at 17:00 — NEU and NASUWT advise sending work email only in directed time (union advice).",
    );
  });

  it("early in the morning names the start, at the weekend says there is none today", () => {
    const early = warningText(
      { action: "warn", previousEnd: at("2026-10-20T17:00"), nextStart: at("2026-10-21T08:00") },
      policy,
      at("2026-10-21T06:50"),
      clock,
    );
    expect(early).toMatch(/^It is 06:50 on Wednesday; your email hours start at 08:00 — /);
    const weekend = warningText(
      { action: "warn", previousEnd: at("2026-10-23T17:00"), nextStart: at("2026-10-26T08:00") },
      policy,
      at("2026-10-24T11:05"),
      clock,
    );
    expect(weekend).toMatch(/^It is 11:05 on Saturday; today has no email hours — /);
  });
});

describe("whenText and scheduleHelp", () => {
  it("names the day, and the date when a week or more away", () => {
    expect(whenText(at("2026-10-21T08:00"), at("2026-10-20T21:40"), clock)).toBe("Wednesday 08:00");
    expect(whenText(at("2026-11-02T08:00"), at("2026-10-20T21:40"), clock)).toBe("Monday 2 November 08:00");
  });

  it("explains the site's two clicks", () => {
    expect(scheduleHelp("gmail", "Wednesday 08:00")).toBe(
      'To schedule it: click the arrow beside Send, choose "Schedule send", and pick Wednesday 08:00.',
    );
  });
});
