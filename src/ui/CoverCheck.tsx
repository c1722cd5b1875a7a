import { render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { COVER_REASONS, COVER_REASON_LABEL, FORCE_LABEL, type CoverReason, type Finding } from "../model";
import { client } from "./client";
import type { CoverVerdict } from "../rules/cover";
import { formatMinutes } from "../rules/util";
import type { CoverCheckData } from "./cover-check-data";
import type { CoverForm } from "./cover-form";

/*
 * "Check a cover": loaded only when the teacher opens it (the popup's first bundle has no rules engine). The
 * verdict is worked out in this page on every change, from a checker built once over the year.
 */
const SEVERITY_TEXT = {
  breach: "This cover would break a rule",
  warning: "This cover is allowed, with a warning",
  ok: "Nothing in this cover breaks a rule",
} as const;

const minutesOfDay = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

export function CoverCheck({ onClose }: { onClose: () => void }) {
  const [data, setData] = useState<CoverCheckData>();
  const [loadError, setLoadError] = useState<string>();
  const [form, setForm] = useState<CoverForm>({
    date: "",
    period: "",
    from: "",
    to: "",
    classCode: "",
    reason: "unplanned",
  });
  const [logged, setLogged] = useState<string>();
  const [now] = useState(() => Date.now());

  useEffect(() => {
    import("./cover-check-data")
      .then(({ loadCoverCheck }) => loadCoverCheck(now))
      .then((d) => {
        setData(d);
        setForm((f) => ({ ...f, date: f.date || d.today, period: d.periods[0]?.label ?? "" }));
      })
      .catch((e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)));
  }, []);

  const result = useMemo(() => (data ? data.check(form) : undefined), [data, form]);
  useEffect(() => {
    if (result?.verdict) document.body.dataset.coverVerdict = result.verdict.severity;
  }, [result]);

  const set = (patch: Partial<CoverForm>) => {
    setLogged(undefined);
    setForm((f) => ({ ...f, ...patch }));
  };

  async function logCover() {
    if (!result?.slot) return;
    const { start, end, classCode, reason, requestedAt } = result.slot;
    const reply = await client.request("cover/log", {
      start,
      end,
      reason,
      requestedAt,
      ...(classCode && { classCode }),
    });
    setLogged(reply.ok ? "Logged in your cover ledger." : `Not logged: ${reply.error}`);
  }

  return (
    <section aria-labelledby="cover-heading" class="wh-card" data-testid="cover-check">
      <div class="wh-row">
        <h2 id="cover-heading">Check a cover</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {loadError && (
        <p role="alert" class="wh-error">
          Could not read your calendar: {loadError}
        </p>
      )}
      {!data && !loadError && <p class="wh-muted">Reading your timetable…</p>}
      {data && (
        <form class="wh-cover-form" onSubmit={(e) => e.preventDefault()}>
          <label>
            Date <input type="date" value={form.date} onInput={(e) => set({ date: e.currentTarget.value })} />
          </label>
          <label>
            Period{" "}
            <select value={form.period} onChange={(e) => set({ period: e.currentTarget.value })}>
              {data.periods.map((p) => (
                <option key={p.label} value={p.label}>
                  P{p.label} · {minutesOfDay(p.startMin)}–{minutesOfDay(p.endMin)}
                </option>
              ))}
              <option value="">Other times…</option>
            </select>
          </label>
          {!form.period && (
            <span class="wh-row">
              <label>
                From{" "}
                <input type="time" value={form.from} onInput={(e) => set({ from: e.currentTarget.value })} />
              </label>
              <label>
                to <input type="time" value={form.to} onInput={(e) => set({ to: e.currentTarget.value })} />
              </label>
            </span>
          )}
          <label>
            Class{" "}
            <input
              type="text"
              maxLength={20}
              placeholder="9X2"
              value={form.classCode}
              onInput={(e) => set({ classCode: e.currentTarget.value })}
            />
          </label>
          <label>
            Reason{" "}
            <select
              value={form.reason}
              onChange={(e) => set({ reason: e.currentTarget.value as CoverReason })}
            >
              {COVER_REASONS.map((r) => (
                <option key={r} value={r}>
                  {COVER_REASON_LABEL[r]}
                </option>
              ))}
            </select>
          </label>
        </form>
      )}
      {result?.problem && <p class="wh-muted">{result.problem}</p>}
      {result?.verdict && <CoverVerdictView verdict={result.verdict} />}
      {result?.verdict && (
        <div class="wh-row">
          <button type="button" onClick={() => void logCover()}>
            Log this cover
          </button>
          {logged && <span role="status">{logged}</span>}
        </div>
      )}
    </section>
  );
}

/**
 * Mounts the form into `container` with this chunk's own Preact (a lazily loaded chunk may carry its own
 * copy, whose hooks cannot run inside the popup's tree). Returns the function that unmounts it.
 */
export function mountCoverCheck(container: HTMLElement, onClose: () => void): () => void {
  render(<CoverCheck onClose={onClose} />, container);
  return () => render(null, container);
}

/** The verdict: breach, warning or fine, each reason with its rule, force and source, then the counts. */
export function CoverVerdictView({ verdict }: { verdict: CoverVerdict }) {
  const facts = verdict.reasons.slice(verdict.findings.length);
  return (
    <div data-testid="cover-verdict" data-severity={verdict.severity} aria-live="polite">
      <p class={`wh-verdict wh-verdict-${verdict.severity}`}>
        <strong>{SEVERITY_TEXT[verdict.severity]}</strong>
        {verdict.severity !== "ok" && " — log it, and raise it with your line manager or rep."}
      </p>
      <ul class="wh-cover-reasons">
        {verdict.findings.map((f, i) => (
          <FindingLine key={i} finding={f} />
        ))}
      </ul>
      {facts.length > 0 && <p class="wh-muted">{facts.join(" ")}</p>}
      {verdict.facts && verdict.facts.ppaLostMinutes > 0 && (
        <p class="wh-muted">Ask for the {formatMinutes(verdict.facts.ppaLostMinutes)} to be reinstated.</p>
      )}
    </div>
  );
}

function FindingLine({ finding }: { finding: Finding }) {
  const text = finding.message.split(" Source: ")[0];
  return (
    <li data-rule={finding.rule} data-severity={finding.severity}>
      <span class={`wh-tag wh-${finding.severity}`}>{finding.severity}</span> {text}{" "}
      <small class="wh-muted">
        {finding.rule} · {FORCE_LABEL[finding.force]} · {finding.source}
      </small>
    </li>
  );
}
