import type { Finding, Profile, WorkItem } from "../model";
import { dayIndexOf, weekIndexOf, type YearCalendar } from "../time";
import { aggregateWeek, place, trainingDayItems } from "./aggregate";
import { calendarOf, forceFor, isActive, packFor, paramsFor, rulesOffered, sourceFor } from "./catalogue";
import { FORCE_LABEL, SEVERITY_ORDER } from "../model";
import { coverLedgerFrom } from "./cover-occasions";
import { engCoverRarely } from "./packs/england";
import type {
  CollegiateLine,
  Evaluation,
  ParamsOf,
  Pack,
  Placed,
  RuleDef,
  RuleRun,
  WeekAgg,
  YearCtx,
  YearLedger,
} from "./types";

export type { Evaluation, WeekLedger, YearLedger } from "./types";
export { weekStartOf } from "../time";

export interface EngineOptions {
  /** The clock, for "to date" and the forecast; defaults to Date.now(). */
  now?: number;
}

/**
 * A rule's findings go to `out`, one per day and severity: a second finding of the rule within the same local
 * day (a part-time teacher's lessons on a day off, two covers over PPA) joins the first, which then says how
 * many more entries it stands for.
 */
function makeRun(
  rule: RuleDef,
  profile: Profile,
  params: RuleRun["params"],
  out: Finding[],
  cal: YearCalendar,
): RuleRun {
  const source = sourceFor(rule, profile);
  const force = forceFor(rule, profile);
  const citation = ` Source: ${source} (${FORCE_LABEL[force]}).`;
  const byDay = new Map<string, { finding: Finding; text: string; more: number }>();
  return {
    params,
    emit(severity, start, end, items, text, action) {
      const day = dayIndexOf(cal, start);
      const oneDay = day >= 0 && end - start <= DAY_MS && dayIndexOf(cal, Math.max(start, end - 1)) === day;
      const key = `${severity}|${day}`;
      const same = oneDay ? byDay.get(key) : undefined;
      if (same) {
        const f = same.finding;
        f.start = Math.min(f.start, start);
        f.end = Math.max(f.end, end);
        for (const id of items) if (!f.items.includes(id)) f.items.push(id);
        same.more++;
        f.message = `${same.text} The same applies to ${same.more} more ${same.more === 1 ? "entry" : "entries"} on ${cal.days[day]!.date}.${citation}`;
        return;
      }
      const f: Finding = {
        rule: rule.id,
        severity,
        force,
        start,
        end,
        items: [...items],
        message: text + citation,
        source,
      };
      if (action) f.action = action;
      out.push(f);
      if (oneDay) byDay.set(key, { finding: f, text, more: 0 });
    },
  };
}

const DAY_MS = 86_400_000;

/**
 * The ledger for one profile's academic year. Week aggregates and week findings are cached, so replacing one
 * week's items re-evaluates that week and then recomputes the year from the cached weeks.
 */
export class Ledger {
  readonly profile: Profile;
  private readonly cal: YearCalendar;
  private readonly pack: Pack;
  private readonly p: ParamsOf;
  private readonly weekRules: RuleDef[];
  private readonly yearRules: RuleDef[];
  private readonly now: number;
  private placed: Placed[][];
  private markers: WorkItem[][];
  private training: Placed[][] = [];
  private aggs: WeekAgg[];
  private cached: Evaluation | null = null;

  constructor(profile: Profile, opts: EngineOptions = {}) {
    this.profile = profile;
    this.cal = calendarOf(profile);
    this.pack = packFor(profile);
    this.p = paramsFor(profile);
    const active = rulesOffered(profile)
      .map((x) => x.rule)
      .filter((r) => isActive(r, profile, this.p));
    this.weekRules = active.filter((r) => r.check.week);
    this.yearRules = active.filter((r) => r.check.year);
    this.now = opts.now ?? Date.now();
    const n = this.cal.weeks.length;
    this.placed = Array.from({ length: n }, () => []);
    this.markers = Array.from({ length: n }, () => []);
    this.placeTraining();
    this.aggs = this.cal.weeks.map((w) => this.aggregate(w.index));
  }

  get calendar(): YearCalendar {
    return this.cal;
  }

  setItems(items: readonly WorkItem[]): void {
    const n = this.cal.weeks.length;
    this.placed = Array.from({ length: n }, () => []);
    this.markers = Array.from({ length: n }, () => []);
    for (const item of items) this.add(item, -1);
    this.placeTraining();
    this.aggs = this.cal.weeks.map((w) => this.aggregate(w.index));
    this.cached = null;
  }

  /** Replace the items of the week starting on `weekStart` (local date); items outside that week are ignored. */
  replaceWeek(weekStart: string, items: readonly WorkItem[]): void {
    const index = weekIndexOf(this.cal, weekStart);
    if (index < 0) return;
    this.placed[index] = [];
    this.markers[index] = [];
    for (const item of items) this.add(item, index);
    this.placeTraining();
    this.aggs[index] = this.aggregate(index);
    this.cached = null;
  }

  /** The week containing `instant`, as its aggregate (for the cover verdict). */
  weekAt(instant: number): WeekAgg | undefined {
    const day = dayIndexOf(this.cal, instant);
    return day < 0 ? undefined : this.aggs[Math.floor(day / 7)];
  }

  /** Every week's aggregate, in order (for the cover ledger). */
  weekAggs(): readonly WeekAgg[] {
    return this.aggs;
  }

  itemsOfWeek(index: number): WorkItem[] {
    return [...this.placed[index]!.map((x) => x.item), ...this.markers[index]!];
  }

  evaluation(): Evaluation {
    if (!this.cached) this.cached = this.evaluateYear();
    return this.cached;
  }

  private add(item: WorkItem, onlyWeek: number): void {
    if (item.allDay) {
      const day = dayIndexOf(this.cal, Math.max(item.start, this.cal.days[0]!.start));
      const week = Math.floor(day / 7);
      if (day >= 0 && (onlyWeek < 0 || week === onlyWeek)) this.markers[week]!.push(item);
      return;
    }
    const x = place(this.cal, item);
    if (!x) return;
    const week = Math.floor(x.day / 7);
    if (onlyWeek < 0 || week === onlyWeek) this.placed[week]!.push(x);
  }

  private aggregate(index: number): WeekAgg {
    const agg = aggregateWeek(
      this.cal,
      this.profile,
      this.pack,
      this.p,
      this.cal.weeks[index]!,
      this.placed[index]!,
      this.training[index]!,
    );
    const ctx = { cal: this.cal, profile: this.profile, pack: this.pack, agg, p: this.p };
    for (const rule of this.weekRules)
      rule.check.week!(ctx, makeRun(rule, this.profile, this.p(rule), agg.findings, this.cal));
    return agg;
  }

  /** Training days as the ledger counts them, by week (they depend on every week's all-day entries). */
  private placeTraining(): void {
    const n = this.cal.weeks.length;
    this.training = Array.from({ length: n }, () => []);
    for (const item of trainingDayItems(this.cal, this.profile, this.markers.flat())) {
      const x = place(this.cal, item);
      if (x) this.training[Math.floor(x.day / 7)]!.push(x);
    }
  }

  private evaluateYear(): Evaluation {
    const { cal, profile, p } = this;
    const holiday = new Uint8Array(cal.days.length);
    const training = new Uint8Array(cal.days.length);
    for (const d of cal.days.keys()) if (cal.days[d]!.training) training[d] = 1;
    for (const list of this.markers) {
      for (const m of list) {
        const flags = m.kind === "inset" ? training : m.kind === "holiday" ? holiday : null;
        if (!flags) continue;
        for (
          let d = Math.max(0, dayIndexOf(cal, Math.max(m.start, cal.days[0]!.start)));
          d < cal.days.length && cal.days[d]!.start < m.end;
          d++
        ) {
          flags[d] = 1;
        }
      }
    }
    const nowDay = dayIndexOf(cal, this.now);
    const nowWeek =
      nowDay >= 0 ? Math.floor(nowDay / 7) : this.now < cal.days[0]!.start ? -1 : this.aggs.length;
    const year = this.yearLedger(holiday, training, nowDay);
    const findings: Finding[] = [];
    for (const agg of this.aggs) for (const f of agg.findings) findings.push(f);
    const ctx: YearCtx = {
      cal,
      profile,
      pack: this.pack,
      weeks: this.aggs,
      year,
      holiday,
      training,
      now: this.now,
      nowWeek,
      p,
    };
    for (const rule of this.yearRules) rule.check.year!(ctx, makeRun(rule, profile, p(rule), findings, cal));
    findings.sort(
      (a, b) =>
        a.start - b.start ||
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        (a.rule < b.rule ? -1 : 1),
    );
    const cover = coverLedgerFrom(cal, this.aggs, p(this.pack.meters.cover ?? engCoverRarely));
    return { weeks: this.aggs.map((a) => a.ledger), year, findings, cover };
  }

  private yearLedger(holiday: Uint8Array, training: Uint8Array, nowDay: number): YearLedger {
    const { cal, profile, p, pack } = this;
    const budget = pack.budget(profile, p);
    const directedDay = new Uint8Array(cal.days.length);
    let directedMinutes = 0;
    let pastDays = 0;
    let pastMinutes = 0;
    let coverCount = 0;
    let cpdMinutes = 0;
    let observationCount = 0;
    let extraMinutes = 0;
    const coverByTerm = new Map<number, number>();
    const collegiate = new Map<string, number>();
    for (const agg of this.aggs) {
      const l = agg.ledger;
      directedMinutes += l.directedMinutes;
      coverCount += l.coverCount;
      if (l.weeklyLimitMinutes !== null && pack.overtime) {
        extraMinutes += Math.max(0, l.workMinutes - l.weeklyLimitMinutes);
      }
      for (const [cat, m] of Object.entries(l.collegiateMinutes))
        collegiate.set(cat, (collegiate.get(cat) ?? 0) + m);
      for (const d of agg.days) {
        if (d.directedMinutes <= 0) continue;
        directedDay[d.day] = 1;
        if (nowDay < 0 ? this.now >= cal.endInstant : d.day < nowDay) {
          pastDays++;
          pastMinutes += d.directedMinutes;
        }
      }
      for (const x of agg.items) {
        if (x.item.kind === "cover") {
          const term = cal.days[x.day]!.term;
          coverByTerm.set(term, (coverByTerm.get(term) ?? 0) + 1);
        } else if (x.item.kind === "cpd") cpdMinutes += x.minutes;
        else if (x.item.kind === "observation") observationCount++;
      }
    }
    // Training days are directed days even when the calendar only marks them all-day.
    let directedDays = 0;
    let scheduledDays = 0;
    let candidateDays = 0;
    const contracted = new Set(profile.contractedDays);
    const firstFuture = nowDay >= 0 ? nowDay : this.now < cal.startInstant ? 0 : cal.days.length;
    for (let d = 0; d < cal.days.length; d++) {
      const day = cal.days[d]!;
      if (!day.inYear) continue;
      const directed = directedDay[d] === 1 || training[d] === 1;
      if (directed) directedDays++;
      if (d < firstFuture) continue;
      if (directed) scheduledDays++;
      else if (contracted.has(day.weekday) && holiday[d] !== 1 && day.term >= 0) candidateDays++;
    }
    const maxDays = budget?.days ?? Math.round(195 * profile.fte);
    const pastDirectedDays = directedDays - scheduledDays;
    const unscheduled = Math.max(0, Math.min(candidateDays, maxDays - pastDirectedDays - scheduledDays));
    const typicalDay =
      pastDays > 0
        ? pastMinutes / pastDays
        : directedDays > 0
          ? directedMinutes / Math.max(1, directedDays)
          : 0;
    const forecastMinutes = Math.round(directedMinutes + typicalDay * unscheduled);

    const agreed = pack.collegiate
      ? pack.collegiate.agreed(p(pack.collegiate.rule))
      : new Map<string, number>();
    const lines: CollegiateLine[] = [];
    for (const [category, hours] of agreed) {
      lines.push({
        category,
        usedMinutes: collegiate.get(category) ?? 0,
        agreedMinutes: Math.round(hours * 60 * profile.fte),
      });
    }
    for (const [category, used] of collegiate) {
      if (!agreed.has(category)) lines.push({ category, usedMinutes: used, agreedMinutes: null });
    }
    const rate = pack.overtime?.rate(p) ?? 0;
    return {
      start: cal.yearStart,
      end: cal.yearEnd,
      directedMinutes,
      toDateMinutes: pastMinutes,
      budgetMinutes: budget?.minutes ?? 0,
      budgetRule: budget?.rule ?? null,
      forecastMinutes,
      forecastApproximate: unscheduled > 0 && (cal.approximateTerms || typicalDay > 0),
      directedDays,
      maxDirectedDays: budget?.days ?? null,
      coverCount,
      coverByTerm: cal.terms.map((t, i) => ({ term: t.name, count: coverByTerm.get(i) ?? 0 })),
      collegiate: lines,
      cpdMinutes,
      observationCount,
      extraMinutes,
      owedMinutes: Math.round(extraMinutes * rate),
    };
  }
}

/** Evaluate a set of items for a profile's academic year. */
export function evaluate(items: readonly WorkItem[], profile: Profile, opts: EngineOptions = {}): Evaluation {
  const ledger = new Ledger(profile, opts);
  ledger.setItems(items);
  return ledger.evaluation();
}
