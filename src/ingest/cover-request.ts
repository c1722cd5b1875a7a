import type { CoverReason } from "../model/item";

/**
 * Reads a cover request or cover slip (Arbor, SIMS, iSAMS, Bromcom emails and slips, and plain wording:
 * "cover", "please take", "relief") into the cover's date, period or times, class code and reason category.
 * Nothing else leaves this function: never the body, never a colleague's name or the absence reason in words.
 * It runs in the mail page, so it has no dependencies; dates stay local ("2026-11-10") and are placed in the
 * teacher's zone by the background.
 */
export interface CoverRequest {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** The period label as written ("5", "P5", "3a"), when the message names one. */
  period?: string;
  /** Local wall-clock times, HH:MM, when the message gives them. */
  start?: string;
  end?: string;
  /** The class or group code ("9X2", "10A/Hi"). */
  classCode: string;
  reason: CoverReason;
}

/** The cheap first test: only a message that passes it is parsed at all. */
const COVER_WORDS = /\b(?:cover(?:ing)?|please[- ]takes?|relief)\b/i;

export function mightBeCoverRequest(text: string): boolean {
  return COVER_WORDS.test(text);
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function validDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? iso(y, m, d) : null;
}

/** The year that puts day/month nearest after `today` (a slip names a date in the coming days). */
function nearestYear(m: number, d: number, today: string): number {
  const y = Number(today.slice(0, 4));
  const candidate = iso(y, m, d);
  // More than two months in the past means next year (a December email about January).
  return candidate < addDays(today, -60) ? y + 1 : y;
}

function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

const DATE_ISO = /\b(20\d\d)-(\d\d)-(\d\d)\b/;
const DATE_NUMERIC = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\b/;
const DATE_WORDS =
  /\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:,?\s+(20\d\d))?\b/i;
const DATE_MONTH_FIRST =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(20\d\d))?\b/i;
const DATE_RELATIVE = /\b(today|tomorrow)\b/i;
const WEEKDAY = /\b(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rsday|urday)?\b/i;

/** The local date a message names, read as UK day/month; weekday names and "tomorrow" count from `today`. */
export function findDate(text: string, today: string): string | null {
  let m = DATE_ISO.exec(text);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DATE_NUMERIC.exec(text);
  if (m) {
    const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return validDate(y, Number(m[2]), Number(m[1]));
  }
  m = DATE_WORDS.exec(text);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase().slice(0, 3)) + 1;
    const day = Number(m[1]);
    return validDate(m[3] ? Number(m[3]) : nearestYear(month, day, today), month, day);
  }
  m = DATE_MONTH_FIRST.exec(text);
  if (m) {
    const month = MONTHS.indexOf(m[1]!.toLowerCase().slice(0, 3)) + 1;
    const day = Number(m[2]);
    return validDate(m[3] ? Number(m[3]) : nearestYear(month, day, today), month, day);
  }
  m = DATE_RELATIVE.exec(text);
  if (m) return m[1]!.toLowerCase() === "today" ? today : addDays(today, 1);
  m = WEEKDAY.exec(text);
  if (m) {
    const want = WEEKDAYS.indexOf(m[1]!.toLowerCase());
    const now = new Date(`${today}T00:00:00Z`).getUTCDay();
    return addDays(today, (want - now + 7) % 7);
  }
  return null;
}

const PERIOD = /\b(?:period|per\.?|lesson)\s*:?\s*(\d{1,2}[a-z]?)\b|\bP(\d{1,2}[a-z]?)\b/i;
const TIMES = /\b([01]?\d|2[0-3])[:.]([0-5]\d)\s*(?:-|–|—|to|until)\s*([01]?\d|2[0-3])[:.]([0-5]\d)\b/i;

/** A class code after a label, or one shaped like a UK/NZ group code ("9X2", "10A/Hi", "11B/Sc1", "10SCI"). */
const CLASS_LABELLED =
  /\b(?:class|group|set|teaching group|form|class code)\s*:\s*([A-Za-z0-9][A-Za-z0-9/\-.]{0,11})/i;
const CLASS_SHAPED =
  /\b((?:1[0-3]|[1-9]|S[1-6]|Y(?:1[0-3]|[1-9]))[A-Z]{1,4}\d{0,2}(?:\/[A-Za-z]{1,4}\d{0,2})?)\b/;

const REASONS: [RegExp, CoverReason][] = [
  [/\b(?:maternity|paternity|long[- ]term|secondment|extended leave)\b/i, "long-term"],
  [/\b(?:course|training|cpd|conference|inset|exam board|moderation|marking)\b/i, "planned-course"],
  [/\b(?:trip|visit|residential|fixture|field ?work|excursion)\b/i, "planned-trip"],
  [/\b(?:meeting|interview|appointment)\b/i, "planned-meeting"],
  [/\b(?:sick|sickness|illness|ill|unwell|emergency|unplanned|family reasons)\b/i, "unplanned"],
];

/** The absence's category only; its words are never kept. */
export function reasonCategory(text: string): CoverReason {
  for (const [re, reason] of REASONS) if (re.test(text)) return reason;
  return "unknown";
}

/** The words that say a message asks someone to cover (not merely mentions the word). */
const ASKING =
  /\b(?:cover(?:ing)? (?:slip|request|arrangements?|assign(?:ed|ment))|(?:assigned|asked|required|able|available|down) to cover|you (?:are|have been)\s+(?:\w+\s+)?(?:to\s+)?cover(?:ing)?|please[- ]takes?|relief|could you (?:please )?(?:cover|take)|can you (?:please )?(?:cover|take)|you(?:'re| are) covering|cover for|covering for|cover:)/i;

function parseOne(text: string, today: string): CoverRequest | null {
  const date = findDate(text, today);
  if (!date) return null;
  const period = PERIOD.exec(text);
  const times = TIMES.exec(text);
  if (!period && !times) return null;
  const classCode = (CLASS_LABELLED.exec(text)?.[1] ?? CLASS_SHAPED.exec(text)?.[1])?.replace(/[.\-/]+$/, "");
  if (!classCode) return null;
  const out: CoverRequest = { date, classCode, reason: reasonCategory(text) };
  if (period) out.period = (period[1] ?? period[2])!;
  if (times) {
    out.start = `${pad(Number(times[1]))}:${times[2]}`;
    out.end = `${pad(Number(times[3]))}:${times[4]}`;
  }
  return out;
}

/**
 * The covers a message asks for: one per row of a slip or summary where each row names its date, period or
 * times and class; otherwise one for the whole message. A message that only mentions cover gives none.
 * `today` is the message's local date (or today's), for "tomorrow" and weekday names.
 */
export function parseCoverRequest(text: string, today: string): CoverRequest[] {
  if (!mightBeCoverRequest(text) || !ASKING.test(text)) return [];
  const reason = reasonCategory(text);
  const rows: CoverRequest[] = [];
  for (const line of text.split(/\n+/)) {
    const one = parseOne(line, today);
    if (one) rows.push({ ...one, reason: one.reason === "unknown" ? reason : one.reason });
  }
  if (rows.length > 0) return rows;
  const whole = parseOne(text.replace(/\s+/g, " "), today);
  return whole ? [whole] : [];
}
