import { describe, expect, it } from "vitest";
import { overlaps } from "./item";

const span = (start: number, end: number) => ({ start, end });

describe("overlaps", () => {
  it("is true when two spans share time and false when they only touch", () => {
    expect(overlaps(span(0, 10), span(5, 15))).toBe(true);
    expect(overlaps(span(5, 15), span(0, 10))).toBe(true);
    expect(overlaps(span(0, 10), span(10, 20))).toBe(false);
    expect(overlaps(span(10, 20), span(0, 10))).toBe(false);
    expect(overlaps(span(0, 30), span(10, 20))).toBe(true);
  });

  it("counts a zero-length span where it stands: from the other's start up to, not at, its end", () => {
    expect(overlaps(span(0, 0), span(0, 10))).toBe(true);
    expect(overlaps(span(0, 10), span(0, 0))).toBe(true);
    expect(overlaps(span(5, 5), span(0, 10))).toBe(true);
    expect(overlaps(span(10, 10), span(0, 10))).toBe(false);
    expect(overlaps(span(0, 10), span(10, 10))).toBe(false);
    expect(overlaps(span(-1, -1), span(0, 10))).toBe(false);
    expect(overlaps(span(3, 3), span(3, 3))).toBe(true);
    expect(overlaps(span(3, 3), span(4, 4))).toBe(false);
  });
});
