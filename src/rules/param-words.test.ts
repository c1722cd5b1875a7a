import { describe, expect, it } from "vitest";
import { RULES } from "./catalogue";
import { defaultsOf } from "./params";
import {
  listFromLines,
  listFromStored,
  listToStored,
  paramWords,
  shownNumber,
  storedNumber,
  valueInWords,
} from "./param-words";

describe("rule parameters in words", () => {
  it("shows PPA's share as a percentage of teaching, and stores it back as a share", () => {
    const words = paramWords("eng.ppa.min", "minRatio");
    expect(words).toMatchObject({ label: "PPA at least", unit: "% of timetabled teaching", scale: 100 });
    expect(shownNumber(0.1, words)).toBe("10");
    expect(storedNumber(10, words)).toBe(0.1);
    expect(valueInWords(0.1, words)).toBe("10% of timetabled teaching");
    expect(storedNumber(12.5, words)).toBe(0.125);
  });

  it("gives a third as 33.33 %, not sixteen digits", () => {
    expect(shownNumber(1 / 3, paramWords("sco.prep", "minRatio"))).toBe("33.3333");
  });

  it("names the unit of a key no table knows, from the key", () => {
    expect(paramWords("x.new", "maxTimetabledHours")).toMatchObject({ unit: "hours" });
    expect(paramWords("x.new", "maxWidgetMinutes")).toMatchObject({
      label: "Widget, at most",
      unit: "minutes",
    });
  });

  it("marks the title-word parameters as lists, and Scotland's category families", () => {
    expect(paramWords("eng.cover.rarely", "plannedAbsence").list).toBe(true);
    expect(paramWords("eng.admin", "keywords").list).toBe(true);
    expect(paramWords("sco.collegiate", "match.parents-meetings")).toMatchObject({
      list: true,
      label: "Words in a title that mean parents meetings",
    });
    expect(paramWords("sco.collegiate", "hours.prd")).toMatchObject({ unit: "hours", list: false });
  });

  it("never shows a raw key: every parameter of every rule has words", () => {
    for (const rule of RULES) {
      for (const key of Object.keys(defaultsOf(rule))) {
        if (key === "enabled") continue;
        const words = paramWords(rule.id, key);
        expect(words.label, `${rule.id} ${key}`).not.toMatch(/[A-Z][a-z]+[A-Z]|\./);
      }
    }
  });
});

describe("word lists", () => {
  it("reads the stored form as words and writes it back", () => {
    expect(listFromStored("course|trip|visit|data entry")).toEqual(["course", "trip", "visit", "data entry"]);
    expect(listToStored(["course", "school trip"])).toBe("course|school trip");
  });

  it("reads one word or phrase a line, trimmed, with blanks and repeats left out", () => {
    expect(listFromLines("course\n\n  school   trip \nCourse\r\nvisit\n")).toEqual([
      "course",
      "school trip",
      "visit",
    ]);
  });

  it("never lets a typed | join two words into one alternative", () => {
    expect(listFromLines("trip|visit")).toEqual(["trip", "visit"]);
    expect(listToStored(["a|b"])).toBe("a b");
    expect(listFromStored(listToStored(["a|b"]))).toEqual(["a b"]);
  });

  it("round-trips every default list", () => {
    for (const rule of RULES) {
      for (const [key, value] of Object.entries(defaultsOf(rule))) {
        if (!paramWords(rule.id, key).list || typeof value !== "string") continue;
        expect(listToStored(listFromStored(value))).toBe(value);
      }
    }
  });
});
