import { DIRECTED_BY_DEFAULT, type ClassificationRule, type ItemKind } from "../model";

/**
 * What kind of work a calendar entry is, from the words UK and NZ school calendars use ("9X1 Ma", "PPA",
 * "Break duty", "Parents' Evening Y11", "Teacher only day"). Nothing is inferred silently: each answer carries
 * a confidence, and below CONFIRM_THRESHOLD the teacher is asked (RULES.md eng.directed.counts).
 */
export interface Classification {
  kind: ItemKind;
  directed: boolean;
  /** 0–1. */
  confidence: number;
  /** Plain words for the teacher: why this kind was chosen. */
  reason: string;
}

export interface ClassifiableEvent {
  title: string;
  location?: string;
  description?: string;
  calendarName?: string;
  allDay?: boolean;
}

export { CONFIRM_THRESHOLD } from "../model/item";

interface Pattern {
  kind: ItemKind;
  test: RegExp;
  confidence: number;
  /** What the title "mentions", for the reason text. */
  label: string;
}

/**
 * Checked in order; the first match wins, so specific phrases come before general ones ("Cover 8B2" is cover,
 * not a lesson; "Parents' evening" is not a meeting; "Mock invigilation" is not a lesson).
 */
const TITLE_PATTERNS: Pattern[] = [
  {
    kind: "cover",
    test: /\b(cover(ing)?|relief)\b(?!\s*(letter|sheet|page)s?\b)/i,
    confidence: 0.92,
    label: "cover",
  },
  {
    kind: "invigilation",
    test: /\binvigilat|\bexam supervision\b/i,
    confidence: 0.95,
    label: "invigilation",
  },
  {
    kind: "parents-evening",
    test: /\bparents?['’]?\s*(evening|consultations?|meeting|conferences?)\b|\bparent[- ]teacher\b|\bp\.?t\.?i\.?s?\b|\bopen evening\b/i,
    confidence: 0.95,
    label: "a parents' evening",
  },
  {
    kind: "inset",
    test: /\binset\b|\btraining day\b|\bteacher[- ]only day\b|\bt\.?o\.?d\b|\bstaff development day\b|\bpd day\b/i,
    confidence: 0.95,
    label: "a training day",
  },
  { kind: "ppa", test: /\bp\.?p\.?a\b|\bplanning,? preparation\b/i, confidence: 0.95, label: "PPA" },
  {
    kind: "non-contact",
    test: /\bnon[- ]?contact\b|\bfree period\b|\bclassroom release\b|\brelease time\b|\bCRT\b/i,
    confidence: 0.9,
    label: "non-contact time",
  },
  {
    kind: "observation",
    test: /\blearning walk\b|\bobservation\b|\blesson obs\b|\bdrop[- ]in\b|\bobs\b/i,
    confidence: 0.88,
    label: "an observation",
  },
  {
    kind: "duty",
    test: /\bduty\b|\bduties\b|\bsupervision\b|\bon call\b|\bdetention\b/i,
    confidence: 0.92,
    label: "a duty",
  },
  {
    kind: "cpd",
    test: /\bcpd\b|\btwilight\b|\bprofessional (development|learning)\b|\btraining\b|\bworkshop\b|\bcourse\b|\bPLD\b/i,
    confidence: 0.88,
    label: "training or CPD",
  },
  { kind: "report-writing", test: /\breports?\b/i, confidence: 0.8, label: "reports" },
  {
    kind: "trip",
    test: /\btrip\b|\bvisit to\b|\bexcursion\b|\bfield ?work\b|\bresidential\b|\bcamp\b|\bEOTC\b/i,
    confidence: 0.85,
    label: "a trip",
  },
  {
    kind: "registration",
    test: /\bregistration\b|\breg\b|\btutor (time|group|period)\b|\bform (time|period|class)\b|\bmentor(ing)? time\b|\bwh[aā]nau time\b|\bhouse time\b|\bassembly\b|\bform \d/i,
    confidence: 0.9,
    label: "registration or tutor time",
  },
  {
    kind: "meeting",
    test: /\bbriefing\b|\b(staff|dept|department|faculty|team|year|pastoral|hod|slt|curriculum|phase|syndicate|house|board) meeting\b|\bmeeting\b|\bmoderation\b|\bdepartment time\b/i,
    confidence: 0.88,
    label: "a meeting",
  },
  {
    kind: "holiday",
    test: /\bhalf[- ]?term\b|\bholidays?\b|\bbank holiday\b|\bterm break\b|\bschool (is )?closed\b|\bvacation\b|\bferien\b|\bvacances\b|\bend of term\b/i,
    confidence: 0.9,
    label: "a holiday",
  },
  {
    kind: "personal",
    test: /\b(dentist|doctor|gp|hospital|physio|optician|gym|haircut|birthday|anniversary|wedding|funeral|pick ?up|school run|lunch with|dinner|drinks|personal|private)\b/i,
    confidence: 0.85,
    label: "a personal appointment",
  },
  { kind: "personal", test: /^\s*(lunch|break|lunchtime|breaktime)\s*$/i, confidence: 0.8, label: "a break" },
];

/** Items the teacher may mean as a meeting but may not be directed time: always asked about. */
const AMBIGUOUS: Pattern[] = [
  { kind: "meeting", test: /\bline manag(ement|er)\b/i, confidence: 0.55, label: "line management" },
  {
    kind: "meeting",
    test: /\bcatch[- ]?up\b|\b1[:-]1\b|\bone[- ]to[- ]one\b|\bchat\b/i,
    confidence: 0.45,
    label: "a catch-up",
  },
];

/** Checked after the clear patterns, so "Appraisal observation" is an observation. */
const AMBIGUOUS_LATE: Pattern[] = [
  {
    kind: "meeting",
    test: /\bappraisal\b|\bperformance management\b|\bPM review\b/i,
    confidence: 0.6,
    label: "appraisal",
  },
  {
    kind: "report-writing",
    test: /\bdata (drop|entry|deadline)\b|\bmarking\b/i,
    confidence: 0.5,
    label: "marking or data",
  },
];

/** Subjects as timetables abbreviate them ("Ma", "Sci", "Eng", "PE"); matched as whole words. */
const SUBJECT =
  /\b(ma|maths?|mathematics|sci|science|bio(logy)?|chem(istry)?|phys(ics)?|eng|english|lit|lang|hist(ory)?|geog?|geography|fr|french|sp|spanish|ger|german|mfl|re|rs|pshe|rse|citizenship|pe|games|art|dt|design|food|comp(uting)?|cs|ict|mus(ic)?|dr(ama)?|dance|bus(iness)?|econ(omics)?|psych(ology)?|socio(logy)?|law|media|te reo|māori|maori|numeracy|literacy|reading|phonics|tech(nology)?|stem|classics|latin|stats)\b/i;
/** Teaching groups: "9X1", "10B", "11MA2", "12PHY", "Y9", "Yr 10", "13/Ps1", "L1 Maths". */
const CLASS_CODE = /\b(?:[1-9]|1[0-3])(?:[A-Z]{1,4}\d{0,2}|\/[A-Za-z]{1,4}\d{0,2})\b|\bL[1-3]\b|\bNCEA\b/;
const YEAR_GROUP = /\b(?:y|yr|year)\s?(?:[1-9]|1[0-3])\b/i;
/** Period markers: "P3", "Period 2", "Lesson 4". */
const PERIOD = /\b(?:p|period|lesson)\s?[1-9]\b/i;

export function classify(ev: ClassifiableEvent, rules: readonly ClassificationRule[] = []): Classification {
  return classifyByTitle(ev.title, ev.allDay, rules) ?? classifyByContext(ev);
}

/**
 * What the title (and whether the entry is all-day) says on its own, or undefined when the answer depends on
 * the location, notes and calendar name. Lets the import classify each distinct title once.
 */
export function classifyByTitle(
  rawTitle: string,
  allDay: boolean | undefined,
  rules: readonly ClassificationRule[] = [],
): Classification | undefined {
  const title = rawTitle.trim();
  const rule = rules.length > 0 ? teacherRule(title.toLowerCase(), rules) : undefined;
  if (rule) {
    return {
      kind: rule.kind,
      directed: rule.directed,
      confidence: 1,
      reason: `Your rule: entries containing "${rule.contains}" are ${KIND_LABEL[rule.kind]}.`,
    };
  }

  for (const pattern of AMBIGUOUS) {
    if (pattern.test.test(title))
      return fromPattern(
        pattern,
        `The title mentions ${pattern.label}, which may or may not be directed time.`,
      );
  }
  for (const pattern of TITLE_PATTERNS) {
    if (pattern.test.test(title)) return fromPattern(pattern, `The title mentions ${pattern.label}.`);
  }
  for (const pattern of AMBIGUOUS_LATE) {
    if (pattern.test.test(title))
      return fromPattern(
        pattern,
        `The title mentions ${pattern.label}, which may or may not be directed time.`,
      );
  }

  const lesson = lessonGuess(title);
  // A whole day is not a lesson: "Y11 mocks" across a day is asked about instead.
  if (lesson && !allDay) return lesson;
  return undefined;
}

/** For an entry whose title said nothing clear (classifyByTitle gave undefined). */
export function classifyByContext(ev: ClassifiableEvent): Classification {
  // The title said nothing: look at the location, description and calendar name, with less confidence.
  const context = [ev.location, ev.calendarName, ev.description?.slice(0, 300)].filter(Boolean).join(" \n ");
  if (context) {
    for (const pattern of TITLE_PATTERNS) {
      if (pattern.test.test(context)) {
        return fromPattern(
          { ...pattern, confidence: Math.min(pattern.confidence, 0.65) },
          `The title says nothing clear; its location, notes or calendar mention ${pattern.label}.`,
        );
      }
    }
  }

  if (ev.allDay) {
    return {
      kind: "other",
      directed: false,
      confidence: 0.5,
      reason: "An all-day entry whose title does not say what it is.",
    };
  }
  return {
    kind: "other",
    directed: false,
    confidence: 0.3,
    reason: "The title does not say what kind of work this is.",
  };
}

function lessonGuess(title: string): Classification | undefined {
  const hasClass = CLASS_CODE.test(title) || YEAR_GROUP.test(title);
  const hasSubject = SUBJECT.test(title);
  const hasPeriod = PERIOD.test(title);
  if (hasClass && (hasSubject || hasPeriod)) {
    return lesson(0.92, "The title names a teaching group and a subject or period.");
  }
  if (hasClass) return lesson(0.8, "The title names a teaching group.");
  if (hasSubject && hasPeriod) return lesson(0.8, "The title names a subject and a period.");
  if (hasSubject) return lesson(0.6, "The title names a subject but no class.");
  if (hasPeriod) return lesson(0.55, "The title names a period but no class.");
  return undefined;
}

function lesson(confidence: number, reason: string): Classification {
  return { kind: "lesson", directed: true, confidence, reason };
}

function fromPattern(pattern: Pattern, reason: string): Classification {
  return {
    kind: pattern.kind,
    directed: DIRECTED_BY_DEFAULT.has(pattern.kind),
    confidence: pattern.confidence,
    reason,
  };
}

/** The teacher's most specific matching rule (longest text); among equals the newest. */
function teacherRule(
  lowerTitle: string,
  rules: readonly ClassificationRule[],
): ClassificationRule | undefined {
  let best: ClassificationRule | undefined;
  for (const rule of rules) {
    const needle = rule.contains.trim().toLowerCase();
    if (!needle || !lowerTitle.includes(needle)) continue;
    if (!best || needle.length >= best.contains.trim().length) best = rule;
  }
  return best;
}

export const KIND_LABEL: Record<ItemKind, string> = {
  lesson: "a lesson",
  registration: "registration or tutor time",
  ppa: "PPA",
  "non-contact": "non-contact time",
  duty: "a duty",
  meeting: "a meeting",
  "parents-evening": "a parents' evening",
  inset: "an INSET (training) day",
  cpd: "CPD",
  cover: "cover",
  invigilation: "invigilation",
  observation: "an observation",
  "report-writing": "report writing",
  trip: "a trip",
  holiday: "a holiday",
  personal: "personal time",
  other: "something else",
};
