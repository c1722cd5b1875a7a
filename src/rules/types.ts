import type {
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

/** A group of rules switched on together: one per regime, plus the statute, union and advisory overlays. */
export type PackId =
  | "england"
  | "wales"
  | "northern-ireland"
  | "scotland"
  | "nz-secondary"
  | "nz-primary"
  | "support-staff"
  | "uk-wtr"
  | "union"
  | "ie-disconnect"
  | "au-disconnect";

export type Params = Readonly<Record<string, ParamValue>>;
export type ParamsOf = (ruleId: string) => Params;

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
  /** Lesson + cover. */
  teachingMinutes: number;
  /** What the regime counts as class contact. */
  contactMinutes: number;
  contactMaxMinutes: number | null;
  /** The rule that sets the contact maximum. */
  contactMaxRule: string | null;
  /** PPA and other timetabled non-contact time. */
  ppaMinutes: number;
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

/** The rules of one jurisdiction that shape the ledger itself. */
export interface Regime {
  jurisdiction: Jurisdiction;
  label: string;
  packs: PackId[];
  contactKinds: ReadonlySet<ItemKind>;
  contactLimit(profile: Profile, p: ParamsOf): { minutes: number; rule: string } | null;
  budget(profile: Profile, p: ParamsOf): { minutes: number; days: number; rule: string } | null;
  weeklyLimit(profile: Profile, p: ParamsOf): number | null;
  /** The rules behind the popup's PPA and cover meters, where the regime has them. */
  ppaRule?: string;
  coverRule?: string;
}

export interface RuleRun {
  params: Params;
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
  regime: Regime;
  agg: WeekAgg;
  p: ParamsOf;
}

export interface YearCtx {
  cal: YearCalendar;
  profile: Profile;
  regime: Regime;
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

export interface RuleDef {
  id: string;
  force: Force;
  title: string;
  /** The document cited, with edition. */
  source: string;
  /** A different citation in some regimes (Wales has its own document). */
  sources?: Partial<Record<Jurisdiction, string>>;
  packs: readonly PackId[];
  defaults: Params;
  /** How the rule is checked from calendar data, in one line, for the options page and coverage doc. */
  check: { week?: (ctx: WeekCtx, r: RuleRun) => void; year?: (ctx: YearCtx, r: RuleRun) => void };
  /** Why the rule cannot be checked from calendar data (the rule is still listed and cited). */
  notCheckable?: string;
  /** Where else it is enforced (send guard, classification, time boundaries). */
  handledBy?: string;
}
