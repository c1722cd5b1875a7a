import { DateTime } from "luxon";
import {
  needsConfirmation,
  type Finding,
  type Force,
  type ItemKind,
  type Profile,
  type Source,
  type SourceType,
  type WorkItem,
} from "../model";
import { TRAINING_DAYS_SOURCE, place, trainingDayItems } from "../rules/aggregate";
import {
  RULE_BY_ID,
  calendarOf,
  forceFor,
  forceLabelFor,
  isActive,
  paramsFor,
  sourceFor,
} from "../rules/catalogue";
import { evaluate, type Evaluation } from "../rules/engine";
import { directedShares } from "../rules/shares";
import type { CoverTotals } from "../rules/cover-occasions";
import { weekSummary, yearSummary, type SummaryMeter, type YearSummary } from "../rules/summary";
import { formatMinutes, isWork, str } from "../rules/util";
import { dayIndexOf, formatHm, localMinute, type YearCalendar } from "../time";
import { calculatorCategory, type CalculatorCategory } from "./categories";
import type { EvidenceRange } from "./range";
import { weeklyPace } from "./year";

/**
 * The evidence pack a teacher takes to a line manager or union rep: the items of a date range, itemised in
 * the union calculator's categories, the weeks, the year against its budget, and the exceptions with their
 * rules. Built from the engine's own ledger (`evaluate`, `directedShares`), so its directed minutes are the
 * ledger's. Nothing about pupils and no colleague's absence reason: cover items go in without their titles,
 * and findings' messages go in with quoted titles left out.
 */
export interface EvidenceRow {
  id: string;
  /** Epoch ms. */
  start: number;
  end: number;
  /** Local date and wall-clock times in the profile's zone. */
  date: string;
  startTime: string;
  endTime: string;
  /** Directed items: the minutes the ledger counts (an overlap counted once); others: the duration. */
  minutes: number;
  durationMinutes: number;
  category: CalculatorCategory;
  kind: ItemKind;
  directed: boolean;
  /** On the published directed-time calendar: "unknown" until the teacher names that calendar's source. */
  onCalendar: "Y" | "N" | "unknown";
  source: string;
  note: string;
}

/** Where a rule comes from, as a rep quotes it. */
export interface Citation {
  rule: string;
  title: string;
  force: Force;
  forceLabel: string;
  /** Document, edition and year. */
  document: string;
}

export interface EvidenceWeek {
  start: string;
  directedMinutes: number;
  /** The budget spread over the week's term days: the pace that ends the year on budget. */
  paceMinutes: number;
  contactMinutes: number;
  contactMaxMinutes: number | null;
  ppaMinutes: number;
  meetingCount: number;
  eveningCount: number;
  coverCount: number;
  coverMinutes: number;
  /** Meters over their limit this week ("Class contact 23 h of 22 h 30 min"), with the limit's rule. */
  over: { id: SummaryMeter["id"]; text: string; rule: string | null }[];
}

export interface ExceptionLine {
  date: string;
  /** "10:00–11:00", or "" for a whole week. */
  time: string;
  text: string;
}

export interface ExceptionGroup {
  id: "calendar" | "cover" | "ppa" | "evenings" | "contact" | "weeks" | "other";
  title: string;
  /** Totals printed under the title (the cover ledger per term and for the year). */
  totals?: string[];
  lines: ExceptionLine[];
  citations: Citation[];
}

export interface EvidencePack {
  range: EvidenceRange;
  /** The teacher's name, only if they typed one. */
  name: string;
  regimeLabel: string;
  fte: number;
  timeZone: string;
  generatedAt: number;
  rows: EvidenceRow[];
  weeks: EvidenceWeek[];
  year: YearSummary & {
    start: string;
    end: string;
    directedMinutes: number;
    budgetMinutes: number;
    forecastMinutes: number;
    toDateMinutes: number;
    citation: Citation | null;
  };
  totals: { directedMinutes: number; notDirectedMinutes: number; byCategory: Record<string, number> };
  exceptions: ExceptionGroup[];
  /** Items in the range the teacher has not confirmed yet. */
  unconfirmedCount: number;
}

export interface EvidenceInput {
  items: readonly WorkItem[];
  profile: Profile;
  range: EvidenceRange;
  /** The engine's evaluation of these items; worked out here when not given. */
  evaluation?: Evaluation;
  /** The teacher's sources, to name where each item came from. */
  sources?: readonly Source[];
  name?: string;
  now?: number;
}

const SOURCE_TYPE_LABEL: Record<SourceType, string> = {
  "ics-file": "calendar file",
  "ics-feed": "calendar feed",
  page: "school system page",
  manual: "entered by hand",
};

export function citationFor(ruleId: string | null | undefined, profile: Profile): Citation | null {
  const rule = ruleId ? RULE_BY_ID.get(ruleId) : undefined;
  if (!rule) return null;
  return {
    rule: rule.id,
    title: rule.title,
    force: forceFor(rule, profile),
    forceLabel: forceLabelFor(rule, profile),
    document: sourceFor(rule, profile),
  };
}

/** A finding's message without its "Source: …" tail (cited once per rule) and without quoted titles. */
export function findingText(f: Finding): string {
  const cut = f.message.lastIndexOf(" Source: ");
  const text = cut >= 0 ? f.message.slice(0, cut) : f.message;
  return text
    .replace(/"[^"]*"/g, "an entry")
    .replace(/\s+/g, " ")
    .trim();
}

/** Rule ids whose findings mean planning or non-contact time was lost or fell short. */
const PPA_RULES =
  /(^|\.)(ppa|prep|release|noncontact|non-contact)(\.|$)|^nz\.sec\.(contact|beginning|units)$/;
/** Rule ids about class contact over a maximum. */
const CONTACT_RULES = new Set(["sco.contact.max", "ni.teaching.max", "nz.sec.contact"]);
const COVER_RULE = "eng.cover.rarely";
const CALENDAR_RULE = "eng.directed.calendar";
const FORESEEABLE = /looks foreseeable \(([^)]*)\)/;

export function buildEvidence(input: EvidenceInput): EvidencePack {
  const { profile, range } = input;
  const now = input.now ?? Date.now();
  const evaluation = input.evaluation ?? evaluate(input.items, profile, { now });
  const cal = calendarOf(profile);
  const p = paramsFor(profile);
  // Training days count as school days in the ledger, so they are rows here too (with their share).
  const items = [
    ...input.items,
    ...trainingDayItems(
      cal,
      profile,
      input.items.filter((i) => i.allDay),
    ),
  ];
  const shares = directedShares(cal, items);
  const sourceNames = new Map((input.sources ?? []).map((s) => [s.id, s]));
  const calendarSource = str(p(RULE_BY_ID.get(CALENDAR_RULE)!), "calendarSource");

  const inRange = (date: string) => date >= range.from && date <= range.to;
  const rangeStart = DateTime.fromISO(range.from, { zone: profile.timeZone }).toMillis();
  const rangeEnd = DateTime.fromISO(range.to, { zone: profile.timeZone }).plus({ days: 1 }).toMillis();
  const findings = evaluation.findings.filter((f) => f.start < rangeEnd && f.end > rangeStart);
  const coverFindings = new Map<string, Finding>();
  for (const f of findings) if (f.rule === COVER_RULE && f.items[0]) coverFindings.set(f.items[0], f);
  const coverLedgerItems = new Map(evaluation.cover.items.map((c) => [c.id, c]));

  const rows: EvidenceRow[] = [];
  let unconfirmedCount = 0;
  for (const item of items) {
    if (!isWork(item)) continue;
    const x = place(cal, item);
    if (!x) continue;
    const date = cal.days[x.day]!.date;
    if (!inRange(date)) continue;
    const counted = item.directed ? (shares.get(item.id) ?? 0) : x.minutes;
    const notes: string[] = [];
    if (item.kind === "cover") {
      notes.push("Cover");
      const why = coverFindings.get(item.id)?.message.match(FORESEEABLE)?.[1];
      if (why) notes.push(`looks foreseeable: ${why}`);
      const lost = coverLedgerItems.get(item.id)?.ppaLostMinutes ?? 0;
      if (lost > 0) notes.push(`took ${formatMinutes(lost)} of PPA or non-contact time`);
    } else if (item.title.trim()) notes.push(item.title.trim());
    if (item.directed && counted < x.minutes)
      notes.push(`overlaps another entry: ${counted} of ${x.minutes} min counted`);
    if (x.endMin > 1440) notes.push("ends the next day");
    if (needsConfirmation(item)) {
      notes.push("not yet confirmed");
      unconfirmedCount++;
    }
    rows.push({
      id: item.id,
      start: item.start,
      end: item.end,
      date,
      startTime: formatHm(x.startMin),
      endTime: formatHm(x.endMin % 1440),
      minutes: counted,
      durationMinutes: x.minutes,
      category: calculatorCategory(item),
      kind: item.kind,
      directed: item.directed,
      onCalendar: calendarSource ? (item.source === calendarSource ? "Y" : "N") : "unknown",
      source: sourceLabel(item.source, sourceNames),
      note: notes.join("; "),
    });
  }
  rows.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));

  const byCategory: Record<string, number> = {};
  let directedMinutes = 0;
  let notDirectedMinutes = 0;
  for (const r of rows) {
    byCategory[r.category] = (byCategory[r.category] ?? 0) + r.minutes;
    if (r.directed) directedMinutes += r.minutes;
    else notDirectedMinutes += r.minutes;
  }

  const weeks = weeksOf(evaluation, cal, profile, range);
  const year = evaluation.year;
  return {
    range,
    name: (input.name ?? "").trim(),
    regimeLabel: weekSummary(evaluation, cal.weeks[0]?.start ?? year.start, profile).regimeLabel,
    fte: profile.fte,
    timeZone: profile.timeZone,
    generatedAt: now,
    rows,
    weeks,
    year: {
      ...yearSummary(year, profile),
      start: year.start,
      end: year.end,
      directedMinutes: year.directedMinutes,
      budgetMinutes: year.budgetMinutes,
      forecastMinutes: year.forecastMinutes,
      toDateMinutes: year.toDateMinutes,
      citation: citationFor(year.budgetRule, profile),
    },
    totals: { directedMinutes, notDirectedMinutes, byCategory },
    exceptions: exceptionsOf(findings, rows, weeks, evaluation, profile, cal),
    unconfirmedCount,
  };
}

function sourceLabel(id: string, sources: Map<string, Source>): string {
  const source = sources.get(id);
  if (source) return `${source.name} (${SOURCE_TYPE_LABEL[source.type]})`;
  if (id === "manual") return SOURCE_TYPE_LABEL.manual;
  if (id === TRAINING_DAYS_SOURCE) return "training days in your settings";
  if (id.startsWith("ics:")) return `${id.slice(4)} (${SOURCE_TYPE_LABEL["ics-file"]})`;
  return id;
}

/** The weeks touching the range, with the pace the budget allows and the meters over their limits. */
function weeksOf(
  evaluation: Evaluation,
  cal: YearCalendar,
  profile: Profile,
  range: EvidenceRange,
): EvidenceWeek[] {
  const pace = weeklyPace(evaluation, profile);
  const out: EvidenceWeek[] = [];
  for (const w of cal.weeks) {
    const last = cal.days[w.firstDay + 6]!.date;
    if (last < range.from || w.start > range.to) continue;
    const l = evaluation.weeks[w.index]!;
    const view = weekSummary(evaluation, w.start, profile);
    out.push({
      start: w.start,
      directedMinutes: l.directedMinutes,
      paceMinutes: pace[w.index] ?? 0,
      contactMinutes: l.contactMinutes,
      contactMaxMinutes: l.contactMaxMinutes,
      ppaMinutes: l.ppaMinutes,
      meetingCount: l.meetingCount,
      eveningCount: l.eveningCount,
      coverCount: l.coverCount,
      coverMinutes: l.coverMinutes,
      over: view.meters
        .filter(overALimit(l.weeklyLimitMinutes !== null))
        .map((m) => ({ id: m.id, text: `${m.label} ${m.text}`, rule: m.rule })),
    });
  }
  return out;
}

/** A meter over a real weekly limit (the directed meter's England reference is an average, not a limit). */
function overALimit(directedHasWeeklyLimit: boolean) {
  return (m: SummaryMeter) =>
    m.status === "over" && m.limitKind === "max" && (m.id !== "directed" || directedHasWeeklyLimit);
}

function exceptionsOf(
  findings: Finding[],
  rows: EvidenceRow[],
  weeks: EvidenceWeek[],
  evaluation: Evaluation,
  profile: Profile,
  cal: YearCalendar,
): ExceptionGroup[] {
  // Local dates and times from the calendar's own days (a luxon object per finding is slow over a year).
  const dayOf = (ms: number) => dayIndexOf(cal, Math.min(Math.max(ms, cal.startInstant), cal.endInstant - 1));
  const dateOf = (ms: number) => cal.days[dayOf(ms)]?.date ?? "";
  // Whether the regime checks cover for "rarely and not foreseeable" (England and Wales).
  const coverAssessed = isActive(RULE_BY_ID.get(COVER_RULE)!, profile, paramsFor(profile));
  // A finding spanning a day or more is about its week: shown as "Week of …", with no time.
  const timeOf = (f: Finding) =>
    f.end - f.start >= 86_400_000
      ? ""
      : `${formatHm(localMinute(cal, dayOf(f.start), f.start))}–${formatHm(localMinute(cal, dayOf(f.start), f.end) % 1440)}`;
  const cite = (ids: Iterable<string>) =>
    [...new Set(ids)].map((id) => citationFor(id, profile)).filter((c): c is Citation => c !== null);
  const used = new Set<Finding>();
  const groups: ExceptionGroup[] = [];

  const calendar = findings.filter((f) => f.rule === CALENDAR_RULE);
  calendar.forEach((f) => used.add(f));
  groups.push({
    id: "calendar",
    title: "Meetings not on the published directed-time calendar",
    lines: calendar.map((f) => ({
      date: dateOf(f.start),
      time: timeOf(f),
      text: `meeting of ${formatMinutes(Math.round((f.end - f.start) / 60_000))} not on the calendar`,
    })),
    citations: cite([CALENDAR_RULE]),
  });

  const covers = rows.filter((r) => r.kind === "cover");
  findings.filter((f) => f.rule === COVER_RULE).forEach((f) => used.add(f));
  const coverLedgerItems = new Map(evaluation.cover.items.map((c) => [c.id, c]));
  const ppaLostOf = (r: EvidenceRow) => coverLedgerItems.get(r.id)?.ppaLostMinutes ?? 0;
  const foreseeableOf = (r: EvidenceRow) => r.note.match(/looks foreseeable: ([^;]*)/)?.[1];
  const inRange: CoverTotals = {
    occasions: covers.length,
    minutes: covers.reduce((n, r) => n + r.durationMinutes, 0),
    foreseeable: covers.filter(foreseeableOf).length,
    ppaLostMinutes: covers.reduce((n, r) => n + ppaLostOf(r), 0),
  };
  const ledger = evaluation.cover;
  groups.push({
    id: "cover",
    title: `Cover: ${coverTotalsText(inRange, coverAssessed)}`,
    totals: [
      ...ledger.terms
        .filter((t) => t.occasions > 0)
        .map((t) => `${t.term}: ${coverTotalsText(t, coverAssessed)}`),
      `The year on the calendar: ${coverTotalsText(ledger.year, coverAssessed)}`,
    ],
    lines: covers.map((r) => {
      const why = foreseeableOf(r);
      const lost = ppaLostOf(r);
      return {
        date: r.date,
        time: `${r.startTime}–${r.endTime}`,
        text: `${formatMinutes(r.durationMinutes)}; foreseeable: ${why ? `yes (${why})` : coverAssessed ? "no sign" : "not assessed"}${lost > 0 ? `; took ${formatMinutes(lost)} of PPA or non-contact time` : ""}`,
      };
    }),
    citations: coverAssessed ? cite([COVER_RULE]) : [],
  });

  const ppa = findings.filter((f) => PPA_RULES.test(f.rule) && f.severity !== "info");
  ppa.forEach((f) => used.add(f));
  groups.push({
    id: "ppa",
    title: "PPA and non-contact time lost",
    lines: ppa.map((f) => ({ date: dateOf(f.start), time: timeOf(f), text: findingText(f) })),
    citations: cite(ppa.map((f) => f.rule)),
  });

  const evenings = weeks.filter((w) => w.over.some((o) => o.id === "evenings"));
  groups.push({
    id: "evenings",
    title: "Weeks with more evenings than agreed",
    lines: evenings.map((w) => ({ date: w.start, time: "", text: `${w.eveningCount} evenings` })),
    citations: cite(
      evenings.flatMap((w) => w.over.filter((o) => o.id === "evenings").map((o) => o.rule ?? "")),
    ),
  });

  const contactWeeks = weeks.filter((w) => w.over.some((o) => o.id === "contact"));
  const contactFindings = findings.filter((f) => CONTACT_RULES.has(f.rule));
  contactFindings.forEach((f) => used.add(f));
  groups.push({
    id: "contact",
    title: "Weeks with class contact over the maximum",
    lines: contactWeeks.map((w) => ({
      date: w.start,
      time: "",
      text: `${formatMinutes(w.contactMinutes)} of at most ${formatMinutes(w.contactMaxMinutes ?? 0)}`,
    })),
    citations: cite([
      ...contactFindings.map((f) => f.rule),
      ...contactWeeks.flatMap((w) => w.over.filter((o) => o.id === "contact").map((o) => o.rule ?? "")),
    ]),
  });

  const otherWeeks = weeks
    .map((w) => ({ w, over: w.over.filter((o) => o.id !== "evenings" && o.id !== "contact") }))
    .filter((x) => x.over.length > 0);
  groups.push({
    id: "weeks",
    title: "Other weeks over a limit",
    lines: otherWeeks.map(({ w, over }) => ({
      date: w.start,
      time: "",
      text: over.map((o) => o.text).join("; "),
    })),
    citations: cite(otherWeeks.flatMap(({ over }) => over.map((o) => o.rule ?? ""))),
  });

  // Everything else, one line per rule with its count: the rep sees each rule once, with its source.
  const rest = new Map<string, Finding[]>();
  for (const f of findings) {
    if (used.has(f) || f.severity === "info") continue;
    const list = rest.get(f.rule) ?? [];
    list.push(f);
    rest.set(f.rule, list);
  }
  groups.push({
    id: "other",
    title: "Other findings",
    lines: [...rest].map(([rule, list]) => ({
      date: dateOf(list[0]!.start),
      time: "",
      text: `${RULE_BY_ID.get(rule)?.title ?? rule}: ${list.length} time${list.length === 1 ? "" : "s"}, first: ${findingText(list[0]!)}`,
    })),
    citations: cite(rest.keys()),
  });
  return groups;
}

/** Cover in one period: occasions and hours, the foreseeable ones (where assessed), and PPA lost to reinstate. */
function coverTotalsText(t: CoverTotals, foreseeableAssessed: boolean): string {
  const parts = [`${t.occasions} occasion${t.occasions === 1 ? "" : "s"}, ${formatMinutes(t.minutes)}`];
  if (foreseeableAssessed) parts.push(`${t.foreseeable} looked foreseeable`);
  if (t.ppaLostMinutes > 0) {
    parts.push(`${formatMinutes(t.ppaLostMinutes)} of PPA or non-contact time lost to cover, to reinstate`);
  }
  return parts.join("; ");
}
