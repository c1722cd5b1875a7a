// @vitest-environment happy-dom
import { render } from "preact";
import { describe, expect, it } from "vitest";
import { evaluate } from "../rules/engine";
import { weekSummary } from "../rules/summary";
import { makeItem, makeProfile } from "../../testing/test-items";
import { WeekSummary } from "./WeekSummary";

describe("WeekSummary", () => {
  it("shows limits, the year against the budget, and findings with force and source", () => {
    const profile = makeProfile({ jurisdiction: "england", academicYearStart: "2025-09-01" });
    const z = profile.timeZone;
    const items = [
      makeItem(z, "lesson", "2025-11-10", "09:00", "15:00"),
      makeItem(z, "meeting", "2025-11-11", "15:30", "16:30"),
      makeItem(z, "meeting", "2025-11-13", "15:30", "16:30"),
    ];
    const evaluation = evaluate(items, profile, { now: Date.UTC(2025, 10, 15) });
    const view = weekSummary(evaluation, "2025-11-10", profile);
    const host = document.createElement("div");
    render(<WeekSummary view={view} year={evaluation.year} findings={view.findings} />, host);

    const headings = [...host.querySelectorAll("h2")].map((h) => h.textContent);
    expect(headings).toEqual(["This week", "Directed time this year", `Findings (${view.findings.length})`]);
    const meetings = host.querySelector('[role="meter"][aria-label="After-school meetings"]')!;
    expect(meetings.getAttribute("aria-valuetext")).toBe("2 of 1, over the limit");
    // Colour is never the only signal: the state is said in words beside the coloured bar.
    expect(meetings.parentElement!.textContent).toContain("Over the limit");
    expect(host.textContent).toContain("Directed time8 h (the annual budget averages 32 h 26 min a week)");
    expect(host.textContent).toContain("Cover0 this week · 0 this term · 0 this year");
    expect(host.textContent).toContain("8 h used of 1265 h");
    const rules = view.findings.map((f) => f.rule);
    expect(rules).toContain("eng.meetings.weekly");
    expect(rules).toContain("eng.ppa.min");
    const text = host.querySelector("#wh-findings-h")!.parentElement!.textContent!;
    expect(text).toContain("Breach · contract or national agreement");
    expect(text).toContain("Warning · union advice");
    expect(text).toContain("Source: NUT, “How to win with Action Short of Strike Action”");
    // The jargon on the page is explained once, in plain words.
    const glossary = host.querySelector('[data-testid="glossary"]')!.textContent ?? "";
    expect(glossary).toContain("Planning, preparation and assessment time");
    expect(glossary).toContain("Action short of strike action");
    expect(glossary).toContain("The School Teachers' Pay and Conditions Document");
  });

  it("says any cover should be rare, never that it is close to a limit it does not have", () => {
    const profile = makeProfile({ jurisdiction: "england", academicYearStart: "2025-09-01" });
    const z = profile.timeZone;
    const items = [
      makeItem(z, "lesson", "2025-11-10", "09:00", "12:00"),
      makeItem(z, "cover", "2025-11-10", "13:00", "14:00"),
    ];
    const evaluation = evaluate(items, profile, { now: Date.UTC(2025, 10, 15) });
    const view = weekSummary(evaluation, "2025-11-10", profile);
    const host = document.createElement("div");
    render(<WeekSummary view={view} year={evaluation.year} findings={view.findings} />, host);
    const cover = host.querySelector('[role="meter"][aria-label="Cover"]');
    const row = (cover?.parentElement ?? host).textContent ?? "";
    expect(host.textContent).toContain("Cover should be rare");
    expect(row).not.toContain("Close to the limit");
  });
});
