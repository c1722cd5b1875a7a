import type {
  Role,
  TermDates,
  Weekday,
  Finding,
  Force,
  ItemKind,
  Jurisdiction,
  ParamValue,
  Profile,
  Severity,
  WorkItem,
} from "../model";
import type { WeekInfo, YearCalendar } from "../time";
import type { ParamSpec, ParamSpecs, Values } from "./params";
import type { LocalAgreement } from "./presets";
import type { CoverLedger } from "./cover-occasions";

/**
 * Overlays: rule groups that apply across jurisdictions (statute, union advice, right-to-disconnect
 * advisories). They have no calendar, defaults or meters of their own, so they are groups that packs admit,
 * not packs.
 */
export type OverlayId = "uk-wtr" | "union" | "ie-disconnect" | "au-disconnect";

export type Params = Readonly<Record<string, ParamValue>>;
/** The effective, coerced parameters of a rule for the profile being evaluated. */
export type ParamsOf = <P extends ParamSpecs>(rule: RuleDef<P>) => Values<P>;

/** An item placed on the calendar: local day and wall-clock minutes worked out once. */
export interface Placed {
  item: WorkItem;
  /** Calendar day index of the start. */
  day: number;
  /** Wall-clock minutes after local midnight of `day`; the end may pass 1440. */
  startMin: number;
  endMin: number;
  minutes: number;
}

/** Work on one day: merged busy intervals (epoch ms) and totals. */
export interface DayAgg {
  day: number;
  /** Merged intervals of all work, as [start, end] pairs in epoch ms, sorted. */
  busy: number[];
  /** Merged intervals of directed items only. */
  directed: number[];
  workMinutes: number;
  directedMinutes: number;
  /** Wall-clock end of the day's last lesson, registration or cover, or -1. */
  lastTeachingEndMin: number;
}

export interface WeekLedger {
  /** YYYY-MM-DD, first day of the week in the profile's zone. */
  start: string;
  /** Epoch ms bounds of the week. */
  startInstant: number;
  endInstant: number;
  /** Position in the timetable cycle (0 = week A). */
  cycle: number;
  /** Directed minutes, overlaps counted once. */
  directedMinutes: number;
  /** Class teaching: lessons and cover. */
  teachingMinutes: number;
  /** What the regime counts as class contact. */
  contactMinutes: number;
  contactMaxMinutes: number | null;
  /** The rule that sets the contact maximum. */
  contactMaxRule: string | null;
  /** PPA and other timetabled non-contact time, less what other directed work displaced. */
  ppaMinutes: number;
  /** PPA displaced by cover or other directed work: lost PPA to reinstate. */
  ppaLostMinutes: number;
  coverCount: number;
  coverMinutes: number;
  /** After-school meetings. */
  meetingCount: number;
  eveningCount: number;
  /** All work, directed or not (Working Time Regulations, 35-hour week). */
  workMinutes: number;
  /** Weekly working-time limit where the regime has one (35 h Scotland, 37 h Green Book), else null. */
  weeklyLimitMinutes: number | null;
  directedDays: number;
  /** Scotland: collegiate minutes by category of the working time agreement. */
  collegiateMinutes: Record<string, number>;
}

export interface CollegiateLine {
  category: string;
  usedMinutes: number;
  agreedMinutes: number | null;
}

export interface YearLedger {
  start: string;
  /** Exclusive local end date. */
  end: string;
  directedMinutes: number;
  /** Directed minutes on days before today. */
  toDateMinutes: number;
  /** Annual budget (pro rata); 0 where the regime or role has none (see `budgetRule`). */
  budgetMinutes: number;
  budgetRule: string | null;
  forecastMinutes: number;
  /** The forecast used approximate terms or a typical day for unscheduled days. */
  forecastApproximate: boolean;
  directedDays: number;
  maxDirectedDays: number | null;
  coverCount: number;
  coverByTerm: { term: string; count: number }[];
  collegiate: CollegiateLine[];
  cpdMinutes: number;
  observationCount: number;
  /** Green Book: minutes over the contracted week, and the TOIL or overtime owed for them. */
  extraMinutes: number;
  owedMinutes: number;
}

export interface Evaluation {
  weeks: WeekLedger[];
  year: YearLedger;
  findings: Finding[];
  /** Cover per week, term and year: occasions, hours, foreseeable, PPA lost. */
  cover: CoverLedger;
}

/** Everything the engine knows about one week, cached so one changed week re-evaluates alone. */
export interface WeekAgg {
  week: WeekInfo;
  /** Timed items inside the academic year, sorted by start. */
  items: Placed[];
  days: DayAgg[];
  ledger: WeekLedger;
  findings: Finding[];
}

export interface RuleRun<P extends ParamSpecs = ParamSpecs> {
  params: Values<P>;
  emit(
    severity: Severity,
    start: number,
    end: number,
    items: readonly string[],
    text: string,
    action?: string,
  ): void;
}

export interface WeekCtx {
  cal: YearCalendar;
  profile: Profile;
  pack: Pack;
  agg: WeekAgg;
  p: ParamsOf;
}

export interface YearCtx {
  cal: YearCalendar;
  profile: Profile;
  pack: Pack;
  weeks: readonly WeekAgg[];
  /** Totals already worked out from the week ledgers. */
  year: YearLedger;
  /** Day flags from all-day items: holiday or training day. */
  holiday: Uint8Array;
  training: Uint8Array;
  now: number;
  /** Index of the week containing `now` (-1 before the year, weeks.length after). */
  nowWeek: number;
  p: ParamsOf;
}

/** "S/C": statute in maintained schools, contract where an academy's contract adopts the document. */
export type RuleForce = Force | "S/C";

export interface RuleDef<P extends ParamSpecs = ParamSpecs> {
  id: string;
  force: RuleForce;
  title: string;
  /** The document cited, by title, edition and year. */
  source: string;
  params: P;
  /** Key families with any suffix ("hours.<category>"). */
  open?: Readonly<Record<string, ParamSpec>>;
  check: {
    week?(ctx: WeekCtx, r: RuleRun<P>): void;
    year?(ctx: YearCtx, r: RuleRun<P>): void;
  };
  /** Why the rule cannot be checked from calendar data (the rule is still listed and cited). */
  notCheckable?: string;
  /** Where else it is enforced (send guard, classification, time boundaries). */
  handledBy?: string;
}

/** A rule with its parameter types checked where it is written. */
export function defineRule<const P extends ParamSpecs>(rule: RuleDef<P>): RuleDef<P> {
  return rule;
}

export interface RuleGroup {
  id: OverlayId;
  label: string;
  rules: readonly RuleDef[];
  /** Whether the group is on for this profile (the union overlay follows the profile's switch). */
  on(profile: Profile): boolean;
}

/** A popup meter a pack shows beyond directed time and contact. */
export interface MeterSpec {
  /** Meetings, evenings, PPA or non-contact time, and cover: the meters of a teacher's week. */
  teacher: boolean;
  /** The rule whose parameters and citation the meter uses. */
  ppa?: { rule: RuleDef; label: string; ratio(p: ParamsOf): number; of: "teaching" | "directed" };
  cover?: RuleDef;
  /** After-school meetings and evenings, from the rule that limits them (when it is on). */
  meetings?: RuleDef<{
    maxPerWeek: { type: "number"; default: number };
    maxEvenings: { type: "number"; default: number };
  }>;
}

/** How the send guard's window is worked out, owned by the pack's email rule (see ./email.ts). */
export interface EmailSpec {
  rule: RuleDef;
  /** Whether the rule applies to this profile (the union overlay switched off leaves the teacher's own window). */
  applies(profile: Profile): boolean;
  windowName: string;
  advice: string;
  /** The rule cited when the email rule does not apply and the window is the teacher's own working hours. */
  ownWindowRule: RuleDef;
}

export interface PackDefaults {
  timeZone: string;
  weekStart: Weekday;
  unionOverlay: boolean;
  /** Month and day of the academic year start: [month, day]. */
  yearStart: [number, number];
  schoolDayStart: string;
  schoolDayEnd: string;
  role: Role;
}

/** A profile fact a pack may ask for: New Zealand's permanent units reduce contact or add release time. */
export type PackQuestion = "permanentUnits";

/** Everything about one jurisdiction: labels, defaults, calendar shape, its rules and what the popup shows. */
export interface Pack {
  id: Jurisdiction;
  /** "England (STPCD)". */
  label: string;
  /** What the profile form's choice says. */
  choiceLabel: string;
  defaults: PackDefaults;
  /** The roles this pack tells apart; the settings offer only these (default: classroom, ECT, leadership). */
  roles?: readonly Role[];
  /** Profile facts that only this pack's rules read, asked for only where it applies. */
  asks?: readonly PackQuestion[];
  /** Approximate term dates when the profile gives none. */
  approximateTerms(yearStart: string): TermDates[];
  rules: readonly RuleDef[];
  overlays: readonly OverlayId[];
  /** Citations this pack gives other packs' or overlays' rules (Wales cites its own document). */
  citations?: Readonly<Record<string, string>>;
  /** Local agreements (a council's or school's), applied only when the teacher picks one. */
  agreements?: readonly LocalAgreement[];
  contactKinds: ReadonlySet<ItemKind>;
  contactLimit(profile: Profile, p: ParamsOf): { minutes: number; rule: string } | null;
  budget(profile: Profile, p: ParamsOf): { minutes: number; days: number; rule: string } | null;
  weeklyLimit(profile: Profile, p: ParamsOf): number | null;
  /** Ledger extras: collegiate categories (Scotland), overtime owed (support staff). */
  collegiate?: {
    rule: RuleDef;
    category(item: WorkItem, values: Params): string | null;
    agreed(values: Params): Map<string, number>;
  };
  overtime?: { rate(p: ParamsOf): number };
  meters: MeterSpec;
  /** The year's label in the popup ("Directed time this year"). */
  yearLabel: string;
  email: EmailSpec;
}
