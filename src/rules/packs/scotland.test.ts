import { describe, expect, it } from "vitest";
import { evaluate } from "../engine";
import { makeItem, makeProfile } from "../../../testing/test-items";

describe("Scotland pack", () => {
  it("sco.please_take: cover over the local weekly and termly limits", () => {
    const profile = makeProfile({
      jurisdiction: "scotland",
      academicYearStart: "2025-08-01",
      overrides: { "sco.please_take": { weeklyLimit: 1, termlyLimit: 2 } },
    });
    const z = profile.timeZone;
    const items = [
      makeItem(z, "cover", "2025-11-17", "10:00", "10:50", { title: "Please take S2" }),
      makeItem(z, "cover", "2025-11-18", "10:00", "10:50", { title: "Please take S3" }),
      makeItem(z, "cover", "2025-11-25", "10:00", "10:50", { title: "Please take S4" }),
    ];
    const e = evaluate(items, profile, { now: Date.UTC(2025, 11, 1) });
    const msgs = e.findings.filter((f) => f.rule === "sco.please_take").map((f) => f.message.split(";")[0]);
    expect(msgs).toEqual(["3 please takes in the autumn term", "2 please takes this week"]);
    // Off by default: no local limit.
    const plain = evaluate(items, { ...profile, overrides: {} }, { now: Date.UTC(2025, 11, 1) });
    expect(plain.findings.some((f) => f.rule === "sco.please_take")).toBe(false);
  });
});
