import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { yearAtAGlance, type YearWeek } from "../evidence/year";
import type { WithinHoursDB } from "../store/db";
import { weekKey, type StoredLedger, type StoredWeek } from "../store/derived";
import { formatMinutes } from "../rules/util";
import { WeekSummary } from "./WeekSummary";
import { dateText } from "./format";

/**
 * The year at a glance on the options page: directed hours per week against the budget's pace, with
 * contact, meetings, evenings and cover (a uPlot chart loaded after the page paints, and the same numbers in
 * a table), and the year's findings grouped by rule, each week opening that week's summary here.
 */
export function YearView({ db, ledger }: { db: WithinHoursDB; ledger: StoredLedger }) {
  const glance = useMemo(() => yearAtAGlance(ledger.evaluation, ledger.profile), [ledger]);
  const [open, setOpen] = useState<string>();
  const [week, setWeek] = useState<StoredWeek>();
  const weekRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    void db.settings.get(weekKey(open)).then((row) => {
      if (cancelled) return;
      setWeek(row?.value as StoredWeek | undefined);
      weekRef.current?.scrollIntoView({ block: "nearest" });
    });
    return () => {
      cancelled = true;
    };
  }, [open, db]);

  const weeks = glance.weeks;
  return (
    <section aria-labelledby="year-view-heading" class="wh-card" data-testid="year-view">
      <h3 id="year-view-heading">The year at a glance</h3>
      <p>
        {formatMinutes(glance.directedMinutes)} directed on the calendar
        {glance.budgetMinutes > 0 ? ` of a ${formatMinutes(glance.budgetMinutes)} budget` : ""}; forecast{" "}
        {formatMinutes(glance.forecastMinutes)}.
      </p>
      <YearChart weeks={weeks} width={880} height={260} label="Directed hours per week against the pace" />
      <details>
        <summary>The chart's numbers as a table</summary>
        <YearTable weeks={weeks} />
      </details>

      <h4>Findings this year, by rule</h4>
      {glance.rules.length === 0 ? (
        <p class="wh-muted">Nothing flagged this year.</p>
      ) : (
        <ul class="wh-rule-findings" data-testid="year-findings">
          {glance.rules.map((r) => (
            <li key={r.rule} data-rule={r.rule}>
              <strong>{r.title}</strong>: {r.count} finding{r.count === 1 ? "" : "s"}
              {r.breaches > 0 ? `, ${r.breaches} breach${r.breaches === 1 ? "" : "es"}` : ""}
              {r.citation && (
                <span class="wh-muted">
                  {" "}
                  ({r.citation.document}; {r.citation.forceLabel})
                </span>
              )}
              <div class="wh-row">
                {r.weeks.map((w) => (
                  <button
                    key={w.start}
                    type="button"
                    class="wh-small"
                    aria-pressed={open === w.start}
                    onClick={() => setOpen(w.start)}
                  >
                    Week of {dateText(w.start)}
                    {w.count > 1 ? ` (${w.count})` : ""}
                  </button>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
      <div ref={weekRef} data-testid="year-week">
        {open && week && (
          <>
            <h4>Week of {dateText(open)}</h4>
            <WeekSummary view={week.view} year={ledger.evaluation.year} findings={week.findings} />
          </>
        )}
      </div>
    </section>
  );
}

/** A uPlot chart drawn once the page has painted; hidden from screen readers, who get the table. */
export function YearChart(props: {
  weeks: YearWeek[];
  width: number;
  height: number;
  compact?: boolean;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    requestAnimationFrame(() => {
      import("./year-chart")
        .then(({ drawYearChart }) => {
          if (cancelled || !ref.current) return;
          ref.current.replaceChildren();
          chart = drawYearChart(ref.current, props.weeks, {
            width: Math.min(props.width, ref.current.clientWidth || props.width),
            height: props.height,
            compact: props.compact,
          });
          ref.current.dataset.drawn = "true";
        })
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [props.weeks, props.width, props.height, props.compact]);
  return (
    <figure class="wh-chart" aria-label={props.label}>
      <div ref={ref} aria-hidden="true" data-testid="year-chart" />
      {error && <p class="wh-error">The chart could not be drawn: {error}</p>}
    </figure>
  );
}

/** The chart's numbers, week by week, for screen readers and for reading exact values. */
export function YearTable({ weeks, caption }: { weeks: YearWeek[]; caption?: string }) {
  const shown = weeks.filter((w) => w.directedMinutes > 0 || w.paceMinutes > 0);
  const h = (m: number) => (m > 0 ? formatMinutes(m) : "–");
  return (
    <table class="wh-table" data-testid="year-table">
      <caption>{caption ?? "Directed time per week against the pro-rata pace"}</caption>
      <thead>
        <tr>
          <th scope="col">Week of</th>
          <th scope="col">Directed</th>
          <th scope="col">Pace</th>
          <th scope="col">Class contact</th>
          <th scope="col">Meetings</th>
          <th scope="col">Evenings</th>
          <th scope="col">Cover</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((w) => (
          <tr key={w.start}>
            <th scope="row">{w.start}</th>
            <td>{h(w.directedMinutes)}</td>
            <td>{h(w.paceMinutes)}</td>
            <td>{h(w.contactMinutes)}</td>
            <td>{w.meetingCount}</td>
            <td>{w.eveningCount}</td>
            <td>{w.coverCount > 0 ? `${w.coverCount} (${formatMinutes(w.coverMinutes)})` : "0"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
