import { DIRECTED_BY_DEFAULT, KIND_NAMES, familyKey, type ClassificationRule, type ItemKind } from "../model";

/**
 * What kind of work a calendar entry is, from the words and the structure UK and NZ school calendars use
 * ("10X/Ma1", "1Mon:2", "PPA", "Break duty", "Year 9 Parents' Evening", "Syndicate hui", "Teacher only day").
 * Nothing is inferred silently: each answer carries a confidence, and below CONFIRM_THRESHOLD the teacher is
 * asked (RULES.md eng.directed.counts), once per title family (familyKey).
 *
 * Measured against fixtures/classification/corpus.jsonl (`npm run bench`; its README says where each pattern
 * comes from).
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
export { familyKey } from "../model/item";

interface Pattern {
  kind: ItemKind;
  /**
   * Words (lower case; "stem*" for a prefix) of which the title must hold one before the test is tried: a
   * calendar's thousands of lesson titles then skip every test whose words they lack.
   */
  words: string;
  test: RegExp;
  confidence: number;
  /** What the title "mentions", for the reason text. */
  label: string;
  /** When the kind's usual answer does not hold (a governors' meeting is a meeting, but not directed). */
  directed?: boolean;
  /** Only for all-day entries. */
  allDayOnly?: boolean;
}

/** Sports as clubs and fixtures name them (not as PE lessons: "PE", "Games" are subjects). */
const SPORT =
  "netball|football|soccer|rugby|hockey|cricket|basketball|badminton|rounders|tennis|volleyball|athletics|touch|swimming|futsal|table tennis|lacrosse|squash|dance|gymnastics|sports?";

/**
 * Checked in order; the first match wins, so specific phrases come before general ones: "Cover 8B2" is cover,
 * not a lesson; "King's Birthday" a holiday, not personal; "Lunch duty" a duty and "Lunchtime club" a club,
 * not a break; "Football training" a club, "Staff training" CPD; "Whānau hui (kapa haka rōpū)" a meeting.
 */
const TITLE_PATTERNS: Pattern[] = [
  {
    kind: "cpd",
    words: "learn teach teachmeet",
    test: /\blunch\s*(?:&|and|n|')\s*learn\b|\bteach ?meet\b/i,
    confidence: 0.75,
    label: "a voluntary session (a lunch-and-learn or TeachMeet)",
    directed: false,
  },
  {
    kind: "cpd",
    words: "twilight",
    test: /\btwilight\b/i,
    confidence: 0.9,
    label: "a twilight session",
  },
  {
    kind: "registration",
    words: "assembly assemblies collective",
    test: /\bassembl(?:y|ies)\b|\bcollective worship\b/i,
    confidence: 0.88,
    label: "an assembly",
  },
  {
    kind: "inset",
    words: "inset training only tod t day closed",
    test: /\binset\b|\btraining day\b|\bteachers?['’]?\s*only days?\b|\bt\.?o\.?d\b|\bstaff (?:development|training) day\b|\b(?:pd|pld|admin|trust) day\b|\bclosed for (?:staff )?training\b/i,
    confidence: 0.93,
    label: "a training day",
  },
  {
    kind: "holiday",
    words:
      "auckland wellington otago canterbury nelson southland taranaki hawkes hawke marlborough westland northland chatham half halfterm holiday holidays bank exeat closed vacation waitangi anzac matariki labour labor birthday anniversary good easter christmas boxing annual",
    test: /\bhalf[- ]?term\b|\bholidays?\b|\bbank holiday\b|\bexeat\b|\bschool (?:is )?closed\b|\bvacation\b|\bwaitangi\b|\banzac day\b|\bmatariki\b|\blabou?r day\b|\b(?:king|queen)['’]?s birthday\b|\banniversary day\b|\b(?:auckland|wellington|otago|canterbury|nelson|southland|taranaki|hawke['’]?s bay|marlborough|westland|northland|chatham islands) anniversary\b|\bgood friday\b|\beaster (?:monday|tuesday)\b|\bchristmas day\b|\bboxing day\b|\bannual leave\b/i,
    confidence: 0.9,
    label: "a holiday",
  },
  {
    kind: "personal",
    words:
      "staff christmas wellbeing eye blood hair nails dentist dental orthodontist doctor doctors gp hospital optician physio haircut hairdresser gym yoga pilates vet birthday anniversary wedding funeral school pick pickup collect car mot driving counselling counseling flight plumber boiler electrician mechanic garage dinner drinks lunch leave personal my mine private son daughter child kids",
    test: /\b(?:dentist|doctor['’]?s?|gp|hospital|optician|physio|haircut|hairdresser|gym|yoga|pilates|vet|birthday|anniversary|wedding|funeral|school run|pick[- ]?up|mot|driving lesson|counsell?ing|flight|plumber|dinner|drinks|lunch with|leave of absence|personal appointment|my (?:son|daughter|child|kids?)['’]?s?|dental|orthodontist|boiler|electrician|mechanic|garage|(?:eye|blood|hearing) test|hair|nails|(?:son|daughter)['’]s)\b|\bstaff (?:social|party|night out|drinks|christmas (?:meal|party|do))\b|\bchristmas meal\b|\bwellbeing walk\b|\bcollect \w+ from\b|\bcar (?:service|wash|repair)\b|\((?:mine|personal|private|son|daughter|child|kids?)\)/i,
    confidence: 0.85,
    label: "a personal appointment",
  },
  {
    kind: "ppa",
    words: "ppa p planning",
    test: /\bp\.?\s?p\.?\s?a\b\.?|\bplanning,? (?:and |& )?prep(?:aration)?\b|\bplanning with\b/i,
    confidence: 0.93,
    label: "PPA",
  },
  {
    kind: "cover",
    words: "cover covering relief",
    test: /\b(?:cover(?:ing)?|relief)\b(?!\s*(?:letters?|sheets?|pages?|work|supervisor)\b)/i,
    confidence: 0.92,
    label: "cover",
  },
  {
    kind: "invigilation",
    words: "invigilat* exam",
    test: /\binvigilat|\bexam supervision\b/i,
    confidence: 0.95,
    label: "invigilation",
  },
  {
    kind: "personal",
    words: "school nursery",
    test: /\bparents?['’]?\s*(?:evening|consultation|meeting)\b.*\b(?:my|[a-z]+['’]s) (?:school|nursery)\b|\b(?:my|[a-z]+['’]s) (?:school|nursery)\b.*\bparents?['’]?\s*(?:evening|consultation|meeting)\b/i,
    confidence: 0.6,
    label: "a parents' evening at what may be your own child's school",
  },
  {
    kind: "parents-evening",
    words:
      "parent parents consultation conference conferences meet evening review interview interviews whānau whanau caregivers results options",
    test: /\bparents?['’]?\s*(?:and carers['’]?\s*)?(?:[a-z]+\s+)?(?:evenings?|consultations?|meetings?|conferences?|information|curriculum evening)\b|\bparent[- ]teacher\b|\bconsultation evening\b|\b(?:learning|three[- ]way|student[- ]led) conferences?\b|\bmeet the (?:teacher|tutor)\b|\b(?:open|options|information|settling[- ]in|ucas|curriculum|transition|welcome|progress|results) evening\b|\bacademic review day\b|\b(?:parents?|wh[aā]nau|caregivers?)\b.*\binterviews?\b|\binterviews?\b.*\b(?:parents?|wh[aā]nau|caregivers?)\b|\b(?:results|options) (?:evening|fair)\b|\bmeeting for parents\b|^\s*(?:year|yr|y)\s?\d{1,2}\s+parents?\s*$/i,
    confidence: 0.92,
    label: "a parents' evening",
  },
  {
    kind: "duty",
    words: "duty duties call oncall detention detentions supervision patrol rota",
    test: /\bdut(?:y|ies)\b|\bon[- ]call\b|\bdetentions?\b|\bsupervision\b|\bpatrol\b|\brota\b/i,
    confidence: 0.9,
    label: "a duty",
  },
  {
    kind: "extra-curricular",
    words:
      "netball football soccer rugby hockey cricket basketball badminton rounders tennis volleyball athletics touch swimming futsal lacrosse squash dance gymnastics sport sports xi u1*",
    test: new RegExp(
      `\\b(?:${SPORT})\\b.*\\b(?:practice|training|coaching|squad|trials?|fixtures?|club|team)\\b|\\b(?:practice|training)\\b.*\\b(?:${SPORT})\\b|\\b(?:1st|2nd) xi|\\bu1\\d\\b`,
      "i",
    ),
    confidence: 0.85,
    label: "a sports practice or fixture",
    directed: false,
  },
  {
    kind: "observation",
    words:
      "coaching observation observations obs learning behaviour behavior teaching culture drop walk walks walkthrough walkthroughs book work",
    test: /\bobservations?\b|\bobs\b|\bcoaching\b|\b(?:learning|behaviou?r|teaching|culture) walks?\b|\bdrop[- ]ins?\b|\bwalk ?throughs?\b|\bbook (?:look|scrutiny)\b|\bwork scrutiny\b/i,
    confidence: 0.88,
    label: "an observation",
  },
  {
    kind: "cpd",
    words:
      "cpd pld plg professional training course conference webinar workshop induction npq* refresher class safeguarding",
    test: /\bcpd\b|\bpld\b|\bplg\b|\bprofessional (?:development|learning)\b|\btraining\b|\bcourse\b|\bconference\b|\bwebinar\b|\bworkshop\b|\binduction (?:session|programme|training)\b|\bnpq\w*\b|\brefresher\b|\bstaff class\b|\bsafeguarding (?:update|refresher)\b/i,
    confidence: 0.86,
    label: "training or professional development",
  },
  {
    kind: "meeting",
    words: "govern* board bot fgb lgb union neu nasuwt ppta nzei",
    test: /\bgovern(?:ors?|ing (?:body|board))\b|\bboard of trustees\b|\bbot\b|\b[fl]gb\b|\bunion\b|\bneu\b|\bnasuwt\b|\bppta\b|\bnzei\b/i,
    confidence: 0.75,
    label: "a governors', trustees' or union meeting, which the school does not direct",
    directed: false,
  },
  {
    kind: "other",
    words: "pta ptfa pfa fos friends quiz fayre fair",
    test: /\bpt[af]?a\b|\bfos\b|\bfriends of\b|\bquiz night\b|\bfayre\b|\bfair\b/i,
    confidence: 0.75,
    label: "a school community event",
  },
  {
    kind: "meeting",
    words: "interview interviews",
    test: /\binterviews?\b/i,
    confidence: 0.75,
    label: "interviews (recruitment), usually directed when the school asks you to sit on the panel",
  },
  {
    kind: "meeting",
    words: "catch catchup 1 one chat call",
    test: /\bcatch[- ]?up\b|\b1[:-]1\b|\bone[- ]to[- ]one\b|\bchat\b|\b(?:phone|referral) call\b/i,
    confidence: 0.55,
    label: "a catch-up, which may or may not be directed time",
  },
  {
    kind: "meeting",
    words: "line linemanagement linemanager lm",
    test: /\bline[- ]?(?:manage(?:ment|r)|mgmt|mgr)\b|\blm\b/i,
    confidence: 0.6,
    label: "line management, which some schools direct and some leave to the teacher's own time",
  },
  {
    kind: "meeting",
    words:
      "meeting meetings mtg briefing hui moderation standardisation standardization dept department faculty slt panel hearing working annual appraisal performance professional pm kāhui syndicate progress case ehcp iep send sen deans subject team development ofsted deep mentor",
    test: /\bmeetings?\b|\bmtg\b|\bbriefing\b|\bhui\b|\bmoderation\b|\bstandardi[sz]ation\b|\b(?:dept|department|faculty) time\b|\bslt\b|\bpanel\b|\bhearing\b|\bworking (?:party|lunch)\b|\bannual review\b|\bappraisal\b|\bperformance management\b|\bprofessional growth\b|\bpm review\b|\bkāhui ako\b|\bsyndicate\b|\b(?:dept|department|faculty|subject|team|curriculum) (?:development |planning )?time\b|\bdeep dive\b|\bofsted\b|\bmentor (?:session|meeting)\b|\b(?:ect|nqt|pct|bt) mentor(?:ing)?\b|\b(?:progress|annual|case|ehcp|iep|send|sen) reviews?\b|\bdeans\b/i,
    confidence: 0.86,
    label: "a meeting",
  },
  {
    kind: "extra-curricular",
    words:
      "club clubs society choir orchestra band ensemble kapa polyfest stage duke dofe fixture fixtures trials tournament league competition debate debating carol carols gala concert production rehearsal rehearsals prom council group vs",
    test: /\bclubs?\b|\bsociety\b|\bchoir\b|\borchestra\b|\b(?:jazz|concert|wind|brass|rock|steel) band\b|\bensemble\b|\bkapa haka\b|\bpolyfest\b|\bstage challenge\b|\bduke of edinburgh\b|\bdofe\b|\bfixtures?\b|\btrials\b|\btournament\b|\bdebat(?:e|ing)\b|\bcarols?\b|\bleague\b|\bcompetition\b|\bgala\b|\bconcert\b|\bproduction\b|\brehearsals?\b|\bprom\b|\b(?:student|school) council\b|\b(?:eco|enviro|pasifika|recorder|ukulele) group\b|\bvs\.?\s/i,
    confidence: 0.85,
    label: "a club or activity offered voluntarily",
  },
  {
    kind: "extra-curricular",
    words: "revision",
    test: /\brevision\b/i,
    confidence: 0.6,
    label: "a revision session, which may be voluntary or directed",
  },
  {
    kind: "non-contact",
    words: "non noncontact free release crt ect nqt pct bt leadership management tlr senco subject",
    test: /\bnon[- ]?contact\b|^\s*free\b|\bfree period\b|\brelease\b|\bcrt\b|\b(?:ect|nqt|pct|bt|leadership|management|tlr|senco|subject lead(?:er|ership)?) time\b/i,
    confidence: 0.88,
    label: "non-contact time",
  },
  {
    kind: "registration",
    words:
      "registration register reg tut tutor form mentor mentoring kaitiaki whanau whānau ako house home homeroom chapel",
    test: /\bregistration\b|\bregister\b|\breg\b|\btut(?:or)?\b|\bform (?:time|period|class|group)\b|\bmentor (?:time|group|period)\b|\bwh[aā]nau (?:time|group|class)\b|\bako time\b|\bhouse (?:time|group)\b|\bhome ?room\b|\bmentoring (?:group|time)\b|\bkaitiaki\b|\bchapel\b/i,
    confidence: 0.88,
    label: "registration or tutor time",
  },
  {
    kind: "other",
    words: "due deadline deadlines drop",
    test: /\bdue\b|\bdeadlines?\b|\bdata drop\b/i,
    confidence: 0.8,
    allDayOnly: true,
    label: "a deadline marked on the calendar",
    directed: false,
  },
  {
    kind: "report-writing",
    words: "report reports data progress marking",
    test: /\breports?\b|\breport writing\b|\bdata (?:drop|entry|deadline|collection)\b|\bprogress checks?\b|\bmarking\b/i,
    confidence: 0.8,
    label: "reports, marking or data",
  },
  {
    kind: "meeting",
    words: "visit",
    test: /\b(?:ofsted|estyn|hmi|ero|sip|adviser|advisor|inspector|inspection|department|dfe|moe|la|lea|moderator|governors?|trust|ceo|partner school)['’]?s? visit\b|\b(?:department|ministry) (?:of|for) \w+ visit\b|\bvisit (?:by|from)\b/i,
    confidence: 0.75,
    label: "a visit by an inspector, adviser or other body, which staff are directed to meet",
  },
  {
    kind: "trip",
    words:
      "trip trips visit visits excursion field fieldwork fieldtrip residential camp camps eotc tramp exchange",
    test: /\btrips?\b|\bvisits?\b|\bexcursion\b|\bfield ?(?:work|trip)\b|\bresidential\b|\bcamps?\b|\beotc\b|\btramp\b|\bexchange\b/i,
    confidence: 0.85,
    label: "a trip",
  },
  {
    kind: "personal",
    words: "appt appointment",
    test: /\bappt\b|\bappointment\b/i,
    confidence: 0.7,
    label: "an appointment",
  },
];

/** Term dates and week markers: they mark the calendar rather than add work. */
const MARKERS: Pattern[] = [
  {
    kind: "other",
    words: "term return reopens",
    test: /\bterm (?:\d+ )?(?:starts?|begins?|ends?)\b|\b(?:start|end|first day|last day) of (?:the )?(?:\w+ )?term\b|\b(?:students|pupils|children|all pupils) return\b|\bschool reopens\b/i,
    confidence: 0.8,
    label: "a term date",
  },
  {
    kind: "other",
    words: "week wk day",
    test: /^\s*(?:academic |timetable |school )?(?:week|wk)\s*(?:[ab]|\d{1,2})\b(?:\s*(?:t|term)\s*\d)?\s*$|^\s*day\s*\d{1,2}\s*$/i,
    confidence: 0.8,
    allDayOnly: true,
    label: "a timetable week or day marker",
  },
];

/** Days and events for pupils (exams, photographs, sports day): the teacher's own entries say what they do. */
const PUPIL_EVENT: Pattern = {
  kind: "other",
  words:
    "mock mocks exam exams examination examinations sats screening multiplication times vaccination vaccinations immunisation immunisations jabs photos photographs non uniform jumper book sports athletics swimming cross work careers study results assessment harvest nativity stay fire induction spelling prize prizegiving awards award presentation graduation ceremony enrichment performance leavers celebration open coffee powhiri pōwhiri week",
  test: /\bmocks?\b|\bexams?\b|\bexaminations?\b|\bsats\b|\bscreening\b|\b(?:multiplication|times) (?:tables )?check\b|\bvaccinations?\b|\bimmunisations?\b|\bphoto(?:graph)?s\b|\bnon[- ]uniform\b|\bjumper day\b|\bbook day\b|\bsports day\b|\bathletics day\b|\bswimming sports\b|\bcross country\b|\bwork experience\b|\bcareers (?:fair|day)\b|\bstudy leave\b|\bresults day\b|\bassessment week\b|\bharvest\b|\bnativity\b|\bstay and play\b|\bfire drill\b|\binduction day\b|\bspelling bee\b|\bprize ?giving\b|\bawards?\b|\bgraduation\b|\benrichment\b|\bperformance\b|\bleavers['’]? (?:celebration|assembly|ceremony|day)\b|\bpresentation evening\b|\bopen morning\b|\bcoffee morning\b|\bp[oō]whiri\b|\bweek\b/i,
  confidence: 0.8,
  label: "a day or event for pupils",
};

/** Subjects as timetables name and abbreviate them; words of more ("social studies", "te reo") by one word. */
const SUBJECT_WORDS =
  "ma math maths mathematics numeracy calculus statistics stats sci science bio biology chem chemistry phys physics eng english lit literacy lang hist history geo geog geography fr french sp spanish ger german mfl latin classics re rs religious pshe pse rse rshe citizenship pe games swimming art dt design food textiles comp computing cs ict mus music drama dance bus business econ economics psych psychology socio sociology studies law media reo phonics reading spelling spellings handwriting grammar writing topic inquiry humanities stem technology tech practical intervention booster nurture forest lesson lessons";

/** Words of a break or lunch row; with nothing but structure beside them ("Lunch 10X", "1Mon:L Lunch"). */
const BREAK_WORDS = new Set(
  "break breaks lunch lunchtime breaktime play playtime dinner dinnertime interval tea recess brk snack".split(
    " ",
  ),
);
/** Words that may stand beside a break word in a break row ("Wet play", "Afternoon break", "Lunch (Y7 & 8)"). */
const BREAK_QUALIFIERS = new Set(
  "morning afternoon wet y yr year years ks early eyfs infant infants junior juniors reception nursery am pm & and /".split(
    " ",
  ),
);

const ALL_PATTERNS = [...TITLE_PATTERNS, ...MARKERS, PUPIL_EVENT];
/** Trigger indices: pattern i of ALL_PATTERNS, then a break or lunch word, then a subject. */
const BREAK_WORD = ALL_PATTERNS.length;
/** A subject as timetables name and abbreviate it ("Ma", "Sci", "PE", "Phonics", "Te Reo"). */
const SUBJECT_WORD = ALL_PATTERNS.length + 1;
const TRIGGERS = new Map<string, number[]>();
const PREFIX_TRIGGERS: [string, number][] = [];
function addTrigger(word: string, index: number): void {
  const indices = TRIGGERS.get(word);
  if (indices) indices.push(index);
  else TRIGGERS.set(word, [index]);
}
ALL_PATTERNS.forEach((pattern, i) => {
  for (const word of pattern.words.split(" ")) {
    if (word.endsWith("*")) PREFIX_TRIGGERS.push([word.slice(0, -1), i]);
    else addTrigger(word, i);
  }
});
for (const word of BREAK_WORDS) addTrigger(word, BREAK_WORD);
for (const word of SUBJECT_WORDS.split(" ")) addTrigger(word, SUBJECT_WORD);

const WORD = /[a-z0-9\u00c0-\u024f]+/g;
const NO_TRIGGERS: number[] = [];
/** STAMP[i] === the pass's number when the text holds a word of trigger i: nothing to clear between texts. */
const STAMP = new Uint32Array(SUBJECT_WORD + 1);
let pass = 0;

/**
 * Which patterns the text's words allow, and whether it names a break word or a subject (one pass over the
 * words). The answer holds until the next call: test it with `allows`.
 */
function triggered(lowerText: string): number {
  pass = (pass + 1) >>> 0 || 1;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lowerText); m; m = WORD.exec(lowerText)) {
    const word = m[0];
    for (const i of TRIGGERS.get(word) ?? NO_TRIGGERS) STAMP[i] = pass;
    for (const [prefix, i] of PREFIX_TRIGGERS) if (word.startsWith(prefix)) STAMP[i] = pass;
  }
  return pass;
}

function allows(found: number, index: number): boolean {
  return STAMP[index] === found;
}

/** For tests: labels of patterns whose test matches `title` although none of their words is in it. */
export function patternsMissingWords(title: string): string[] {
  const found = triggered(title.toLowerCase());
  return ALL_PATTERNS.filter((p, i) => p.test.test(title) && !allows(found, i)).map((p) => p.label);
}

/** Teaching groups: "10X/Ma1", "12/Ps1", "7b/En3" (SIMS, Edulink, Bromcom), "7B2", "9Ma3", "11MA2", "10ENG" (Timetabler, KAMAR). */
const CLASS_CODE =
  /(?:^|[\s(:])(?:[1-9]|1[0-3])[A-Za-z]{0,3}\d?\/[A-Za-z]{1,4}\d{0,2}\b|\b(?:[1-9]|1[0-3])[A-Z][A-Za-z]{0,3}\d{0,2}\b|\bL[1-3][A-Z]{2,5}\b|^[CO]-[0-9A-Z]+-[0-9A-Z]+-[A-Z]+-[0-9A-Z]+$/;
/** Year groups and forms: "Y9", "Yr 10", "Year 7/8", "KS2", "Reception", "L6", "Fourth Form", "Shell". */
const YEAR_GROUP =
  /\b(?:y|yr|year)\s?\d{1,2}\b|\bks[1-5]\b|\breception\b|\beyfs\b|\b[lu]6\b|\b(?:first|second|third|fourth|fifth|lower|upper) (?:form|sixth)\b|\bsixth form\b|\bshell\b|\bremove\b|\bset \d\b|\bNCEA\b|\bL[1-3]\b/i;
/** Period markers: "P3", "Period 2", "1Mon:2", "Mon:1", "2Tue:P1", "W01:D01:01". */
const PERIOD =
  /\b(?:p|period|lesson)\s?[1-9]\b|\b\d?(?:mon|tue|wed|thu|fri|sat|sun):(?:p?\d|reg|tut|l|brk)\b|\bW\d{2}:D\d{2}:\d{2}\b/i;
/** Sport named on its own ("Touch rugby"): a club more often than a lesson, but worth asking. */
const SPORT_ALONE = new RegExp(`\\b(?:${SPORT})\\b`, "i");

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
  const rule = rules.length > 0 ? teacherRule(title, rules) : undefined;
  if (rule) {
    return {
      kind: rule.kind,
      directed: rule.directed,
      confidence: 1,
      reason: `Your rule: entries containing "${rule.contains}" are ${KIND_NAMES[rule.kind].phrase}.`,
    };
  }

  const found = triggered(title.toLowerCase());
  for (let i = 0; i < TITLE_PATTERNS.length; i++) {
    const pattern = TITLE_PATTERNS[i]!;
    if (pattern.allDayOnly && !allDay) continue;
    if (allows(found, i) && pattern.test.test(title)) return fromPattern(pattern);
  }
  if (allows(found, BREAK_WORD) && isBreakRow(title)) {
    return {
      kind: "break",
      directed: false,
      confidence: 0.85,
      reason:
        "The title is a break or lunch row; a group or period code beside it does not make it teaching.",
    };
  }
  for (let i = 0; i < MARKERS.length; i++) {
    const pattern = MARKERS[i]!;
    if (pattern.allDayOnly && !allDay) continue;
    if (allows(found, TITLE_PATTERNS.length + i) && pattern.test.test(title)) return fromPattern(pattern);
  }
  if (allows(found, ALL_PATTERNS.length - 1) && PUPIL_EVENT.test.test(title)) {
    if (allDay) {
      return {
        kind: "other",
        directed: false,
        confidence: 0.8,
        reason: "The title names a day or event for pupils; your own entries say what you do that day.",
      };
    }
    // A school's evening for pupils and families is usually directed time when staff are expected there.
    const ceremony =
      /\b(?:evening|prize ?giving|awards?|graduation|ceremony|presentation|performance|enrichment|celebration)\b/i.test(
        title,
      );
    return {
      kind: "other",
      directed: ceremony,
      confidence: ceremony ? 0.55 : 0.6,
      reason: "The title names an event for pupils, which may or may not be directed time.",
    };
  }

  // A whole day is not a lesson: "Y11 Maths" across a day is asked about instead.
  if (allDay) return undefined;
  return lessonGuess(title, allows(found, SUBJECT_WORD));
}

/**
 * For an entry whose title said nothing clear (classifyByTitle gave undefined): its location, notes and
 * calendar name, then what little the title hints at.
 */
export function classifyByContext(ev: ClassifiableEvent): Classification {
  // The title said nothing: look at the location, description and calendar name, with less confidence.
  const context = [ev.location, ev.calendarName, ev.description?.slice(0, 300)].filter(Boolean).join(" \n ");
  if (context) {
    const found = triggered(context.toLowerCase());
    for (let i = 0; i < TITLE_PATTERNS.length; i++) {
      const pattern = TITLE_PATTERNS[i]!;
      if (pattern.allDayOnly && !ev.allDay) continue;
      if (allows(found, i) && pattern.test.test(context)) {
        return {
          kind: pattern.kind,
          directed: pattern.directed ?? DIRECTED_BY_DEFAULT.has(pattern.kind),
          confidence: Math.min(pattern.confidence, 0.65),
          reason: `The title says nothing clear; its location, notes or calendar mention ${pattern.label}.`,
        };
      }
    }
  }

  const weak = ev.allDay ? undefined : weakTitleGuess(ev.title);
  if (weak) return weak;
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

/** "Lunch", "Break 9Y/Sc2", "Lunch (Y7/8)", "1Mon:L Lunch": break words with only codes and year groups beside them. */
function isBreakRow(title: string): boolean {
  let breakWord = false;
  for (const token of title.toLowerCase().split(/[\s()[\],;–—-]+/)) {
    if (!token) continue;
    if (BREAK_WORDS.has(token)) breakWord = true;
    else if (!/\d/.test(token) && !BREAK_QUALIFIERS.has(token)) return false;
  }
  return breakWord;
}

function lessonGuess(title: string, hasSubject: boolean): Classification | undefined {
  if (CLASS_CODE.test(title)) return lesson(0.9, "The title names a teaching group.");
  if (hasSubject && (YEAR_GROUP.test(title) || PERIOD.test(title))) {
    return lesson(0.88, "The title names a subject and a class, year group or period.");
  }
  if (hasSubject && !hasManyOtherWords(title)) return lesson(0.75, "The title names a subject.");
  if (hasSubject) {
    // "Interviews for Head of English": a subject among several other words may be about the subject, not a class.
    return lesson(0.6, "The title names a subject among other words, but no class, year group or period.");
  }
  return undefined;
}

/** More than two words that are neither a subject nor a joining word ("and", "of", "the"). */
function hasManyOtherWords(title: string): boolean {
  let others = 0;
  const lower = title.toLowerCase();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m; m = WORD.exec(lower)) {
    if (TRIGGERS.get(m[0])?.includes(SUBJECT_WORD) || JOINING_WORDS.has(m[0])) continue;
    if (++others > 2) return true;
  }
  return false;
}
const JOINING_WORDS = new Set("and of the for with to in on a".split(" "));

/** Titles that hint at a kind too weakly to beat the location, notes or calendar name. */
function weakTitleGuess(title: string): Classification | undefined {
  if (SPORT_ALONE.test(title)) {
    return {
      kind: "extra-curricular",
      directed: false,
      confidence: 0.55,
      reason: "The title names a sport: a club or practice is voluntary, a PE lesson is directed.",
    };
  }
  if (/\bclinic\b|\bblock \d\b/i.test(title)) {
    return lesson(0.55, "The title may be a timetabled session, but names no class or subject.");
  }
  if (PERIOD.test(title)) return lesson(0.55, "The title names a period but no class or subject.");
  if (YEAR_GROUP.test(title)) {
    // A year group alone never makes a lesson ("Year 9" may be an assembly, a trip or an evening).
    return {
      kind: "other",
      directed: false,
      confidence: 0.4,
      reason: "The title names a year group but not what happens; a year group alone does not make a lesson.",
    };
  }
  return undefined;
}

function lesson(confidence: number, reason: string): Classification {
  return { kind: "lesson", directed: true, confidence, reason };
}

/** Each pattern's answer, made once: a calendar's thousands of entries share a few dozen answers. */
const ANSWERS = new Map<Pattern, Classification>();

function fromPattern(pattern: Pattern): Classification {
  let answer = ANSWERS.get(pattern);
  if (!answer) {
    answer = Object.freeze({
      kind: pattern.kind,
      directed: pattern.directed ?? DIRECTED_BY_DEFAULT.has(pattern.kind),
      confidence: pattern.confidence,
      reason: `The title mentions ${pattern.label}.`,
    });
    ANSWERS.set(pattern, answer);
  }
  return answer;
}

/**
 * The teacher's most specific matching rule (longest text); among equals the newest. A rule made from one
 * title of a family ("Academic Week 1") holds for the whole family ("Academic Week 12").
 */
function teacherRule(title: string, rules: readonly ClassificationRule[]): ClassificationRule | undefined {
  const lowerTitle = title.toLowerCase();
  let family: string | undefined;
  let best: ClassificationRule | undefined;
  let bestLength = -1;
  for (const rule of rules) {
    const needle = rule.contains.trim().toLowerCase();
    if (!needle) continue;
    if (!lowerTitle.includes(needle)) {
      if (!/\d/.test(needle)) continue;
      family ??= familyKey(title);
      if (!family.includes(familyKey(needle))) continue;
    }
    if (needle.length >= bestLength) {
      best = rule;
      bestLength = needle.length;
    }
  }
  return best;
}
