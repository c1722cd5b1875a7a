import { FORCE_LABEL, SEVERITY_ORDER, type Finding, type Severity } from "../model";
import type { MeterStatus, SummaryMeter, WeekSummaryView } from "../rules/summary";
import type { YearLedger } from "../rules/types";
import { Glossary } from "./Glossary";
import { formatMinutes } from "../rules/util";

/**
 * This week against its limits, the year to date against the budget with the forecast, and the findings with
 * severity, force and source. Presentational only: no storage, no browser APIs. Colours come from the popup's
 * CSS variables, and every state is also said in words.
 */
export function WeekSummary(props: { view: WeekSummaryView; year: YearLedger; findings: Finding[] }) {
  const { view, year, findings } = props;
  const y = yearSummaryText(year, view);
  return (
    <div class="wh-week-summary">
      <section aria-labelledby="wh-week-h" class="wh-card">
        <h2 id="wh-week-h">This week</h2>
        <p style={S.muted}>{view.regimeLabel}</p>
        <ul style={S.list}>
          {view.meters.map((m) => (
            <MeterRow key={m.id} meter={m} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="wh-year-h" class="wh-card">
        <h2 id="wh-year-h">{view.year.label}</h2>
        {y.hasBudget ? (
          <Bar
            label={`${view.year.label}: ${y.usedText}`}
            ratio={y.usedRatio}
            marker={y.forecastRatio}
            status={view.year.status}
            valueText={`${y.usedText}; forecast ${view.year.forecastText}`}
          />
        ) : null}
        <p style={S.line}>{y.usedText}</p>
        <p style={S.line}>Forecast: {view.year.forecastText}</p>
        <p style={S.line}>
          {view.year.daysText} · {view.year.coverText}
        </p>
        {view.year.source ? (
          <p style={S.muted}>
            Budget from {view.year.source} ({view.year.forceLabel}).
          </p>
        ) : null}
      </section>

      <section aria-labelledby="wh-findings-h" class="wh-card">
        <h2 id="wh-findings-h">Findings{findings.length > 0 ? ` (${findings.length})` : ""}</h2>
        {findings.length === 0 ? (
          <p style={S.line}>Nothing to flag this week.</p>
        ) : (
          <ul style={S.list}>
            {sortFindings(findings).map((f, i) => (
              <FindingRow key={`${f.rule}-${f.start}-${i}`} finding={f} />
            ))}
          </ul>
        )}
      </section>
      <Glossary text={pageText(view, findings)} />
    </div>
  );
}

/** The words this summary shows, for its glossary. */
function pageText(view: WeekSummaryView, findings: readonly Finding[]): string {
  return [
    view.regimeLabel,
    view.year.label,
    view.year.source ?? "",
    ...view.meters.flatMap((m) => [m.label, m.text, m.source ?? ""]),
    ...findings.flatMap((f) => [f.message, f.action ?? "", f.source]),
  ].join("\n");
}

/** The year-to-date numbers, from the live year ledger. */
function yearSummaryText(year: YearLedger, view: WeekSummaryView) {
  const hasBudget = year.budgetMinutes > 0;
  return {
    hasBudget,
    usedText: hasBudget
      ? `${formatMinutes(year.toDateMinutes)} used of ${formatMinutes(year.budgetMinutes)}`
      : view.year.directedText,
    usedRatio: hasBudget ? year.toDateMinutes / year.budgetMinutes : 0,
    forecastRatio: hasBudget ? year.forecastMinutes / year.budgetMinutes : 0,
  };
}

const SEVERITY_LABEL: Record<Severity, string> = {
  breach: "Breach",
  warning: "Warning",
  info: "For information",
};
const STATUS_WORD: Record<MeterStatus, string> = {
  ok: "within the limit",
  near: "close to the limit",
  over: "over the limit",
  ahead: "above the weekly pace (an average of the annual budget, not a limit)",
  none: "",
};

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.start - b.start,
  );
}

function colour(status: MeterStatus): string {
  return status === "over"
    ? "var(--wh-breach, #b3261e)"
    : status === "near" || status === "ahead"
      ? "var(--wh-warn, #8a5a00)"
      : "var(--wh-ok, #1f6f3a)";
}

function MeterRow({ meter }: { meter: SummaryMeter }) {
  const below = meter.limitKind === "min" && meter.status === "over";
  // Cover has no number to approach: any cover is worth noting, because it should be rare.
  const word = below
    ? "below the minimum"
    : meter.id === "cover" && meter.status === "near"
      ? "cover should be rare"
      : STATUS_WORD[meter.status];
  const ratio = meter.limit ? meter.value / meter.limit : 0;
  return (
    <li style={S.item}>
      <div style={S.rowBetween}>
        <span>{meter.label}</span>
        <span style={{ fontWeight: 600, color: meter.status === "over" ? colour("over") : "inherit" }}>
          {meter.text}
        </span>
      </div>
      {meter.limit !== null && meter.limit > 0 ? (
        <Bar
          label={meter.label}
          ratio={ratio}
          status={meter.status}
          valueText={`${meter.text}${word ? `, ${word}` : ""}`}
        />
      ) : null}
      {word && meter.status !== "ok" ? (
        <p style={{ ...S.muted, color: colour(meter.status) }}>{word[0]!.toUpperCase() + word.slice(1)}</p>
      ) : null}
      {meter.source ? (
        <p style={S.muted}>
          {meter.limit === null
            ? "Rule"
            : meter.limitKind === "min"
              ? "Minimum"
              : meter.limitKind === "pace"
                ? "Pace from"
                : "Limit"}{" "}
          {meter.limitKind === "pace" ? "" : "from "}
          {meter.source} ({meter.forceLabel})
        </p>
      ) : null}
    </li>
  );
}

function Bar(props: {
  label: string;
  ratio: number;
  status: MeterStatus;
  valueText: string;
  marker?: number;
}) {
  const pct = Math.max(0, Math.min(1, props.ratio)) * 100;
  const marker = props.marker === undefined ? undefined : Math.max(0, Math.min(1, props.marker)) * 100;
  return (
    <div
      role="meter"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(props.ratio * 100)}
      aria-valuetext={props.valueText}
      style={S.track}
    >
      <div style={{ ...S.fill, width: `${pct}%`, background: colour(props.status) }} />
      {marker !== undefined ? (
        <div aria-hidden="true" title="Forecast" style={{ ...S.marker, left: `calc(${marker}% - 1px)` }} />
      ) : null}
    </div>
  );
}

function FindingRow({ finding: f }: { finding: Finding }) {
  const sev = f.severity === "breach" ? "over" : f.severity === "warning" ? "near" : "ok";
  return (
    <li
      style={{
        ...S.item,
        borderLeft: `3px solid ${f.severity === "info" ? "var(--wh-muted, #55575e)" : colour(sev)}`,
        paddingLeft: "8px",
      }}
    >
      <p style={S.line}>
        <strong style={{ color: f.severity === "info" ? "inherit" : colour(sev) }}>
          {SEVERITY_LABEL[f.severity]}
        </strong>
        <span style={S.muted}> · {FORCE_LABEL[f.force]}</span>
      </p>
      <p style={S.line}>{stripCitation(f.message, f.source)}</p>
      {f.action ? <p style={S.line}>What you can do: {f.action}</p> : null}
      <p style={S.muted}>
        Source: {f.source} · rule {f.rule}
      </p>
    </li>
  );
}

/** The message carries its citation for plain-text use; here the source has its own line. */
function stripCitation(message: string, source: string): string {
  const i = message.lastIndexOf(` Source: ${source}`);
  return i > 0 ? message.slice(0, i) : message;
}

const S = {
  list: { listStyle: "none", margin: 0, padding: 0 },
  item: { margin: "0 0 8px" },
  line: { margin: "2px 0" },
  muted: { margin: "2px 0", fontSize: "0.85em", color: "var(--wh-muted, #55575e)" },
  rowBetween: { display: "flex", justifyContent: "space-between", gap: "8px" },
  track: {
    position: "relative",
    height: "8px",
    borderRadius: "4px",
    background: "color-mix(in srgb, var(--wh-muted, #55575e) 25%, transparent)",
    margin: "3px 0",
    overflow: "hidden",
  },
  fill: { height: "100%", borderRadius: "4px" },
  marker: { position: "absolute", top: 0, width: "2px", height: "100%", background: "var(--wh-fg, #1b1b1f)" },
} as const;
