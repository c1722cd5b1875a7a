import type { ParamValue } from "../model";

/**
 * Rule parameters in a teacher's words: what a value means and its unit ("PPA at least 10 % of timetabled
 * teaching"), shares shown as percentages, and word lists as lists. Rules store lists of title words as one
 * text joined by "|" (src/rules/util.ts `keywordMatcher` reads them as plain words); the options page edits
 * them one word or phrase a line and never shows the stored form.
 */

export interface ParamWords {
  /** What the value is, read before the field: "PPA at least". */
  label: string;
  /** Read after the field: "% of timetabled teaching", "minutes". Empty for a plain count. */
  unit: string;
  /** Shown value = stored value × scale (100 for a share shown as a percentage). */
  scale: number;
  /** A list of title words, stored joined by "|". */
  list: boolean;
}

type Words = Partial<ParamWords> & { label: string };

const PERCENT = { scale: 100 } as const;

/** Words for a parameter of one rule ("rule key"), or for a key whatever its rule ("key"). */
const WORDS: Readonly<Record<string, Words>> = {
  // Directed time and the year.
  annualHours: { label: "Directed time a year (full time), at most", unit: "hours" },
  maxDays: { label: "Days you can be directed, at most", unit: "days a year" },
  teachingDays: { label: "Days with pupils", unit: "days a year" },
  budgetSource: { label: "Where your individual budget is written down" },
  calendarSource: { label: "Where the school publishes its directed-time calendar" },
  // PPA and preparation.
  "eng.ppa.min minRatio": { label: "PPA at least", unit: "% of timetabled teaching", ...PERCENT },
  "wal.ppa.min minRatio": { label: "PPA at least", unit: "% of timetabled teaching", ...PERCENT },
  "ni.ppa minRatio": { label: "PPA at least", unit: "% of directed time", ...PERCENT },
  "sco.prep minRatio": {
    label: "Preparation and correction at least",
    unit: "% of class contact",
    ...PERCENT,
  },
  minRatio: { label: "At least", unit: "%", ...PERCENT },
  minBlockMinutes: { label: "In blocks of at least", unit: "minutes" },
  // Cover.
  foreseeableDays: { label: "An absence known this far ahead is foreseeable", unit: "days" },
  termlyThreshold: { label: "Covers a term before each is flagged (0: flag every one)", unit: "covers" },
  plannedAbsence: { label: "Words in a cover's title that mean the absence was planned", list: true },
  weeklyLimit: { label: "Please-takes a week, at most (0: no local limit)", unit: "" },
  termlyLimit: { label: "Please-takes a term, at most (0: no local limit)", unit: "" },
  // Breaks.
  windowFrom: { label: "Break window from" },
  windowTo: { label: "Break window to" },
  minBreakMinutes: { label: "Break at least", unit: "minutes" },
  mealMinutes: { label: "Meal break at least", unit: "minutes" },
  restMinutes: { label: "Rest breaks of", unit: "minutes" },
  longDayHours: { label: "A long day is over", unit: "hours" },
  breakMinutes: { label: "Break at least", unit: "minutes" },
  afterHours: { label: "When the working day is over", unit: "hours" },
  // Tasks and words.
  keywords: { label: "Words in a title that mean a clerical or administrative task", list: true },
  // Early career teachers.
  year1Factor: { label: "In year 1, a timetable of at most", unit: "% of a full load", ...PERCENT },
  year2Factor: { label: "In year 2, a timetable of at most", unit: "% of a full load", ...PERCENT },
  fullLoadHours: {
    label: "The school's full teaching load (0: worked out from your week)",
    unit: "hours a week",
  },
  // Meetings, evenings, observations, reports (union advice).
  maxPerWeek: { label: "After-school meetings a week, at most", unit: "" },
  "eng.meetings.weekly maxMinutes": { label: "Each meeting at most", unit: "minutes" },
  maxEvenings: { label: "Evenings a week, at most", unit: "" },
  eveningFrom: { label: "An evening starts at" },
  "eng.observation.cap maxCount": { label: "Observations a year, at most", unit: "" },
  "eng.observation.cap maxMinutes": { label: "Observation time a year, at most", unit: "minutes" },
  maxRounds: { label: "Rounds of written reports a year, at most", unit: "" },
  roundGapDays: { label: "Report writing this far apart is a new round", unit: "days" },
  window: { label: "Send work email only in" },
  // Northern Ireland.
  phase: { label: "Your phase (primary or post-primary)" },
  primaryHours: { label: "Class teaching a week in primary, at most", unit: "hours" },
  postPrimaryHours: { label: "Class teaching a week in post-primary, at most", unit: "hours" },
  "ni.week.pace weeklyHours": { label: "Directed time a week, at most", unit: "hours" },
  noticeWorkingDays: { label: "Notice of unsocial hours at least", unit: "working days" },
  // Scotland.
  "sco.week weeklyHours": { label: "Working week", unit: "hours" },
  personalHours: { label: "Personal time for preparation and correction", unit: "hours a week" },
  "sco.week weeks": { label: "Working weeks a year", unit: "weeks" },
  yearDays: { label: "Days in the working year", unit: "days" },
  pupilDays: { label: "Days with pupils", unit: "days" },
  inServiceDays: { label: "In-service days", unit: "days" },
  inServiceDayHours: { label: "Each in-service day", unit: "hours" },
  "sco.contact.max maxHours": { label: "Class contact a week, at most", unit: "hours" },
  probationerHours: { label: "Class contact a week for probationers, at most", unit: "hours" },
  totalHours: { label: "Collegiate time a year", unit: "hours" },
  "sco.cpd maxHours": { label: "CPD a year, at most", unit: "hours" },
  "sco.flex weeks": { label: "Averaged over", unit: "weeks" },
  maxSingleWeekHours: { label: "No single week over", unit: "hours" },
  minUnitMinutes: { label: "Meetings and non-contact time in units of", unit: "minutes" },
  contactHours: { label: "Pupil contact a week, at most", unit: "hours" },
  prepHours: { label: "Preparation a week", unit: "hours" },
  collegiateHours: { label: "Collegiate time a week", unit: "hours" },
  // New Zealand.
  maxTimetabledHours: { label: "Timetabled time a week, at most", unit: "hours" },
  maxContactHours: { label: "Contact time a week, at most", unit: "hours" },
  "nz.sec.noncontact minHours": { label: "Non-contact time a week, at least", unit: "hours" },
  year1Hours: { label: "First-year teachers' contact a week, at most", unit: "hours" },
  year2Hours: { label: "Second-year teachers' contact a week, at most", unit: "hours" },
  perUnitHours: { label: "Less contact for each permanent unit", unit: "hours" },
  maxUnits: { label: "Units counted, at most", unit: "" },
  smallRollHours: { label: "Contact reduced, for a roll under the threshold", unit: "hours" },
  largeRollHours: { label: "Contact reduced, for a larger roll", unit: "hours" },
  rollThreshold: { label: "Roll threshold", unit: "students" },
  regularWeeks: { label: "Exceeding in this many weeks in a row is regular", unit: "weeks" },
  adminHours: { label: "Call-back administration a year, at most", unit: "hours" },
  pdDays: { label: "Call-back professional development a year, at most", unit: "days" },
  termHours: { label: "Classroom release a term", unit: "hours" },
  unitHolderExtraHours: { label: "Extra release for permanent unit holders", unit: "hours a term" },
  // Support staff.
  "support.green_book weeklyHours": { label: "Contracted week", unit: "hours" },
  london: { label: "You work in London" },
  londonWeeklyHours: { label: "Contracted week in London", unit: "hours" },
  overtimeRate: { label: "Extra hours are paid or given back at", unit: "times the hours worked" },
  "support.green_book weeks": { label: "Weeks worked a year", unit: "weeks" },
  // Working Time Regulations.
  "uk.wtr.avg48 maxHours": { label: "Average working week, at most", unit: "hours" },
  "uk.wtr.avg48 weeks": { label: "Averaged over", unit: "weeks" },
  optedOut: { label: "You have opted out of the 48-hour average in writing" },
  "uk.wtr.daily_rest minHours": { label: "Rest in each 24 hours, at least", unit: "hours in a row" },
  "uk.wtr.weekly_rest minHours": { label: "Rest each week, at least", unit: "hours in a row" },
  // Right to disconnect.
  routineDays: { label: "Contact out of hours on this many days a week is routine", unit: "days" },
};

const UNIT_WORDS: Readonly<Record<string, string>> = {
  minutes: "minutes",
  hours: "hours",
  days: "days",
  weeks: "weeks",
};

/** Open families of keys: Scotland's collegiate hours and title words per category. */
const FAMILIES: readonly { prefix: string; words: (name: string) => Words }[] = [
  { prefix: "hours.", words: (name) => ({ label: `${capitalise(name)}: hours a year`, unit: "hours" }) },
  { prefix: "match.", words: (name) => ({ label: `Words in a title that mean ${name}`, list: true }) },
];

/** What a rule's parameter means, in words and units. */
export function paramWords(ruleId: string, key: string): ParamWords {
  const found = WORDS[`${ruleId} ${key}`] ?? WORDS[key] ?? familyWords(key) ?? guessedWords(key);
  return { unit: "", scale: 1, list: false, ...found };
}

function familyWords(key: string): Words | undefined {
  const family = FAMILIES.find((f) => key.startsWith(f.prefix));
  return family?.words(key.slice(family.prefix.length).replace(/-/g, " "));
}

/** A key no table names ("maxTimetabledHours"): its words, with a trailing unit word as the unit. */
function guessedWords(key: string): Words {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[.\-_]/g, " ")
    .split(" ")
    .filter(Boolean);
  const last = words[words.length - 1] ?? "";
  const unit = UNIT_WORDS[last];
  if (unit) words.pop();
  let bound = "";
  if (words[0] === "max" || words[0] === "min") bound = words.shift() === "max" ? ", at most" : ", at least";
  return { label: `${capitalise(words.join(" ") || key)}${bound}`, unit: unit ?? "" };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The number a field shows for a stored value: 0.1 as 10 for a percentage, at most four decimals. */
export function shownNumber(value: number, words: Pick<ParamWords, "scale">): string {
  return String(Number((value * words.scale).toFixed(4)));
}

/** The stored number for a shown one (10 % → 0.1). */
export function storedNumber(shown: number, words: Pick<ParamWords, "scale">): number {
  return words.scale === 1 ? shown : Number((shown / words.scale).toPrecision(12));
}

/** A stored value in one line of words: "at least 10 % of timetabled teaching" style, for summaries. */
export function valueInWords(value: ParamValue, words: ParamWords): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number")
    return [shownNumber(value, words), words.unit].filter(Boolean).join(" ").replace(" %", "%");
  if (words.list) return listFromStored(value).join(", ") || "none";
  return value;
}

/** "course|trip|visit" → ["course", "trip", "visit"]: the stored form of a word list as its words. */
export function listFromStored(stored: string): string[] {
  return cleanList(stored.split("|"));
}

/** ["course", "school trip"] → "course|school trip": a word list in its stored form. */
export function listToStored(words: readonly string[]): string {
  return cleanList(words).join("|");
}

/** Lines of a text box (one word or phrase a line) as a list; a "|" typed inside a phrase splits it too. */
export function listFromLines(text: string): string[] {
  return cleanList(text.split(/\r?\n|\|/));
}

/** Trimmed, spaces collapsed, empty and repeated entries (ignoring case) left out, order kept. */
function cleanList(words: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of words) {
    const word = raw.replace(/\|/g, " ").replace(/\s+/g, " ").trim();
    const key = word.toLowerCase();
    if (!word || seen.has(key)) continue;
    seen.add(key);
    out.push(word);
  }
  return out;
}
