import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { WorkItem } from "../model";
import { profileWithDefaults } from "../rules/profile-defaults";
import { computeSendPolicy, decideSend, SEND_GUARD_KEY } from "./policy";

const zone = "Europe/London";
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const profile = (partial: Parameters<typeof profileWithDefaults>[0] = {}) =>
  profileWithDefaults({ timeZone: zone, ...partial }, "2026-10-20");
const item = (over: Partial<WorkItem>): WorkItem => ({
  id: "x",
  start: 0,
  end: 0,
  title: "t",
  kind: "meeting",
  directed: true,
  source: "manual",
  sourceUid: "x",
  confirmed: true,
  ...over,
});

describe("computeSendPolicy", () => {
  // Tuesday 20 October 2026, 21:40 in London.
  const now = at("2026-10-20T21:40");

  it("defaults a new profile to the school day (08:30–16:30), Monday to Friday, for 14 days", () => {
    const policy = computeSendPolicy(profile(), [], now);
    expect(policy.windows).toHaveLength(10);
    expect(policy.windows[0]).toEqual([at("2026-10-20T08:30"), at("2026-10-20T16:30")]);
    expect(policy.validUntil).toBe(at("2026-11-03T00:00"));
    expect(policy.rule).toBe("eng.email.directed");
    expect(policy.advice).toMatch(/NEU and NASUWT.*\(union advice\)/);
  });

  it("keeps 08:30 local across the clock change on 25 October", () => {
    const policy = computeSendPolicy(profile(), [], now);
    const monday = policy.windows.find(([s]) => s >= at("2026-10-26T00:00"));
    expect(monday?.[0]).toBe(at("2026-10-26T08:30"));
    expect(monday![0] - at("2026-10-23T08:30")).toBe(3 * 86_400_000 + 3_600_000);
  });

  it("uses term time only once terms are known, but opens training days", () => {
    const policy = computeSendPolicy(
      profile({
        terms: [
          { name: "Autumn 1", start: "2026-09-02", end: "2026-10-23" },
          { name: "Autumn 2", start: "2026-11-02", end: "2026-12-18" },
        ],
        trainingDays: ["2026-10-30"],
      }),
      [],
      now,
    );
    const dates = policy.windows.map(([s]) => DateTime.fromMillis(s, { zone }).toISODate());
    expect(dates).toEqual([
      "2026-10-20",
      "2026-10-21",
      "2026-10-22",
      "2026-10-23",
      "2026-10-30",
      "2026-11-02",
    ]);
  });

  const week = [
    item({ start: at("2026-10-21T09:00"), end: at("2026-10-21T15:00"), kind: "lesson" }),
    item({ start: at("2026-10-21T16:00"), end: at("2026-10-21T19:30"), kind: "parents-evening" }),
    item({ start: at("2026-10-21T20:00"), end: at("2026-10-21T21:00"), directed: false, kind: "personal" }),
    item({ start: at("2026-10-22T00:00"), end: at("2026-10-23T00:00"), allDay: true, kind: "holiday" }),
  ];

  it("eng.email.directed window = directed: a day with directed items opens for their span; holidays close", () => {
    const policy = computeSendPolicy(profile(), week, now);
    expect(policy.windows[1]).toEqual([at("2026-10-21T09:00"), at("2026-10-21T19:30")]);
    expect(policy.windows[2]![0]).toBe(at("2026-10-23T08:30"));
  });

  it("eng.email.directed window = school-day: the school day, widened by directed items", () => {
    const policy = computeSendPolicy(
      profile({ overrides: { "eng.email.directed": { window: "school-day" } } }),
      week,
      now,
    );
    expect(policy.windows[1]).toEqual([at("2026-10-21T08:30"), at("2026-10-21T19:30")]);
  });

  it("reads the teacher's window, exceptions and off switch", () => {
    const policy = computeSendPolicy(
      profile({
        overrides: { [SEND_GUARD_KEY]: { start: "07:30", end: "18:15", enabled: false } },
        emailExceptions: [" Me@Home.example ", "family.example"],
      }),
      [],
      now,
    );
    expect(policy.windows[0]).toEqual([at("2026-10-20T07:30"), at("2026-10-20T18:15")]);
    expect(policy.exceptions).toEqual(["me@home.example", "family.example"]);
    expect(policy.enabled).toBe(false);
  });

  it("cites the source that applies in each jurisdiction, never advice as law", () => {
    expect(computeSendPolicy(profile({ jurisdiction: "northern-ireland" }), [], now)).toMatchObject({
      rule: "ni.comms",
      advice: expect.stringContaining("(official guidance)"),
    });
    expect(computeSendPolicy(profile({ jurisdiction: "scotland" }), [], now)).toMatchObject({
      rule: "sco.week",
      windowName: "email hours",
      advice: expect.stringContaining("(your own setting)"),
    });
    // With union advice switched off the window is the teacher's own; the citation is the directed-time rule.
    expect(computeSendPolicy(profile({ unionOverlay: false }), [], now)).toMatchObject({
      rule: "eng.directed.annual",
      advice: expect.stringContaining("(your own setting)"),
    });
  });

  it("feeds decideSend: 21:40 on a Tuesday is warned, 10:00 is not", () => {
    const policy = computeSendPolicy(profile(), [], now);
    expect(decideSend(policy, now)).toEqual({
      action: "warn",
      previousEnd: at("2026-10-20T16:30"),
      nextStart: at("2026-10-21T08:30"),
      previousName: "email hours",
      nextName: "email hours",
    });
    expect(decideSend(policy, at("2026-10-21T10:00"))).toEqual({ action: "allow", reason: "in-hours" });
  });

  describe("the window the dialog names", () => {
    // A school day ending at 15:30, as the teacher set it in the welcome.
    const short = (partial: Parameters<typeof profileWithDefaults>[0] = {}) =>
      profile({ schoolDayStart: "08:30", schoolDayEnd: "15:30", ...partial });

    it("follows the school day: the email hours end at 15:30 when the school day does", () => {
      const policy = computeSendPolicy(short(), [], now);
      expect(policy.windows[0]).toEqual([at("2026-10-20T08:30"), at("2026-10-20T15:30")]);
      const decision = decideSend(policy, at("2026-10-20T17:10"));
      expect(decision).toMatchObject({ action: "warn", previousName: "email hours" });
      expect(decision.action === "warn" && decision.previousEnd).toBe(at("2026-10-20T15:30"));
    });

    it("uses the teacher's own hours when set apart, still called email hours", () => {
      const policy = computeSendPolicy(short({ overrides: { [SEND_GUARD_KEY]: { end: "17:00" } } }), [], now);
      expect(policy.windows[0]).toEqual([at("2026-10-20T08:30"), at("2026-10-20T17:00")]);
      expect(policy.windowNames?.[0]).toBe("email hours");
    });

    it("says directed time only when directed time set the window", () => {
      const evening = item({
        start: at("2026-10-21T15:00"),
        end: at("2026-10-21T18:30"),
        kind: "parents-evening",
      });
      const policy = computeSendPolicy(
        short({ overrides: { "eng.email.directed": { window: "school-day" } } }),
        [evening],
        now,
      );
      expect(policy.windows[1]).toEqual([at("2026-10-21T08:30"), at("2026-10-21T18:30")]);
      expect(policy.windowNames?.slice(0, 2)).toEqual(["email hours", "directed time"]);
      expect(decideSend(policy, at("2026-10-21T21:00"))).toMatchObject({ previousName: "directed time" });
    });
  });
});
