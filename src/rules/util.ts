import type { ItemKind, ParamValue, WorkItem } from "../model";
import type { Params, Placed } from "./types";

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

/** "1 h 30 min", "45 min", "22 h 30 min". */
export function formatMinutes(minutes: number): string {
  const total = Math.round(minutes);
  const sign = total < 0 ? "−" : "";
  const abs = Math.abs(total);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (h === 0) return `${sign}${m} min`;
  return m === 0 ? `${sign}${h} h` : `${sign}${h} h ${m} min`;
}

export function num(p: Params, key: string, fallback = 0): number {
  const v: ParamValue | undefined = p[key];
  return typeof v === "number"
    ? v
    : typeof v === "string" && v.trim() !== "" && !isNaN(Number(v))
      ? Number(v)
      : fallback;
}

export function str(p: Params, key: string, fallback = ""): string {
  const v = p[key];
  return typeof v === "string" ? v : v === undefined ? fallback : String(v);
}

/** A "|"-separated keyword list from a parameter, as a case-insensitive matcher. */
export function keywordMatcher(list: string): (text: string) => boolean {
  const words = list
    .split("|")
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  if (words.length === 0) return () => false;
  // One search for any of the words (as plain text) instead of one per word: rules run this on every item.
  // On ASCII text a case-insensitive search finds the same as lower-casing first, without copying the text
  // (such a search never matches an ASCII letter to any other character).
  const alternatives = words.map((w) => w.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")).join("|");
  const anyWord = new RegExp(alternatives);
  const anyWordInAscii = new RegExp(alternatives, "i");
  return (text) => (ASCII.test(text) ? anyWordInAscii.test(text) : anyWord.test(text.toLowerCase()));
}

/** Text with no character above U+007F. */
const ASCII = /^[^\u0080-\uffff]*$/;

export function isWork(item: WorkItem): boolean {
  if (item.kind === "personal" || item.kind === "holiday" || item.kind === "break") return false;
  return item.directed || item.kind !== "other";
}

/** Merge [start, end] epoch pairs (flat array, sorted by start) into a new flat array. */
export function mergeIntervals(pairs: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const s = pairs[i]!;
    const e = pairs[i + 1]!;
    const n = out.length;
    if (n > 0 && s <= out[n - 1]!) {
      if (e > out[n - 1]!) out[n - 1] = e;
    } else out.push(s, e);
  }
  return out;
}

export function intervalsMinutes(merged: number[]): number {
  let ms = 0;
  for (let i = 0; i < merged.length; i += 2) ms += merged[i + 1]! - merged[i]!;
  return Math.round(ms / MINUTE);
}

/** The longest free stretch (ms) inside [from, to) not covered by merged busy intervals. */
export function longestGap(busy: number[], from: number, to: number): number {
  let cursor = from;
  let best = 0;
  for (let i = 0; i < busy.length; i += 2) {
    const s = busy[i]!;
    const e = busy[i + 1]!;
    if (e <= cursor) continue;
    if (s >= to) break;
    if (s > cursor) best = Math.max(best, s - cursor);
    cursor = Math.max(cursor, e);
  }
  if (to > cursor) best = Math.max(best, to - cursor);
  return best;
}

/** Free gaps (ms) between the first start and the last end of the busy intervals. */
export function innerGaps(busy: number[]): number[] {
  const gaps: number[] = [];
  for (let i = 2; i < busy.length; i += 2) gaps.push(busy[i]! - busy[i - 1]!);
  return gaps;
}

export function ofKind(items: readonly Placed[], ...kinds: ItemKind[]): Placed[] {
  return items.filter((x) => kinds.includes(x.item.kind));
}

export function ordinal(n: number): string {
  const s =
    n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10];
  return `${n}${s ?? "th"}`;
}
