import { useEffect, useState } from "preact/hooks";
import type { PageReading, ReadOk, TableMapping } from "../ingest/pages/types";
import type { PageImportReply } from "../messages";
import { client } from "./client";
import { KIND_NAMES } from "../model";
import { formatMinutes } from "../rules/util";
import { dayText, timeText } from "./format";
import type { TabPage } from "./read-page-flow";
import { requestHostPermission } from "../platform/extension";

type Saved = PageImportReply;

type State =
  | { step: "idle" }
  | { step: "reading" }
  | { step: "preview"; page: TabPage; reading: ReadOk }
  | { step: "refused"; page?: TabPage; reason: string; proposal?: TableMapping }
  | { step: "saving" }
  | { step: "saved"; saved: Saved; page: TabPage };

/**
 * "Read my timetable from this page": reads the tab the teacher is looking at (nothing is injected before
 * this click), previews each day's lessons and events with what will be counted, and on confirm adds them as
 * a source named after the site and week. The reading code loads only on the click.
 */
export function ReadPagePanel({ timeZone }: { timeZone: string }) {
  const [state, setState] = useState<State>({ step: "idle" });
  const [repeat, setRepeat] = useState(false);

  const show = (page: TabPage, reading: PageReading) =>
    setState(
      reading.ok
        ? { step: "preview", page, reading }
        : { step: "refused", page, reason: reading.reason, proposal: reading.proposal },
    );

  async function read() {
    setState({ step: "reading" });
    try {
      const flow = await import("./read-page-flow");
      const page = await flow.collectTab();
      show(page, flow.readCollected(page, timeZone));
    } catch (error) {
      setState({ step: "refused", reason: error instanceof Error ? error.message : String(error) });
    }
  }

  async function readWith(page: TabPage, mapping: TableMapping) {
    const flow = await import("./read-page-flow");
    show(page, flow.readCollected(page, timeZone, mapping));
  }

  async function confirm(page: TabPage, reading: ReadOk) {
    setState({ step: "saving" });
    const reply = await client.request("source/import-page", {
      site: reading.site,
      siteName: reading.siteName,
      items: reading.items,
      ...(repeat ? { repeat: true } : {}),
    });
    if (reply.ok) setState({ step: "saved", saved: reply, page });
    else setState({ step: "refused", reason: reply.error });
  }

  return (
    <section aria-labelledby="read-page-heading" class="wh-card" data-testid="read-page">
      <h2 id="read-page-heading">Timetable on this page</h2>
      {state.step === "idle" && (
        <button type="button" onClick={() => void read()}>
          Read my timetable from this page
        </button>
      )}
      {state.step === "reading" && <p class="wh-muted">Reading the page…</p>}
      {state.step === "saving" && <p class="wh-muted">Adding to your calendar…</p>}
      {state.step === "refused" && (
        <div>
          <p role="alert" class="wh-error" data-testid="read-page-refused">
            Could not read this page: {state.reason} Nothing was imported.
          </p>
          {state.page && state.proposal && (
            <MappingForm proposal={state.proposal} onRead={(m) => void readWith(state.page!, m)} />
          )}
          <button type="button" onClick={() => void read()}>
            Read again
          </button>
        </div>
      )}
      {state.step === "saved" && (
        <div>
          <p role="status" class="wh-ok" data-testid="read-page-saved">
            Saved as “{state.saved.name}”: {state.saved.added} added, {state.saved.updated} updated
            {state.saved.removed > 0 ? `, ${state.saved.removed} no longer on the page removed` : ""}.
            {state.saved.duplicates > 0
              ? ` ${state.saved.duplicates} already on another calendar were not counted twice.`
              : ""}
          </p>
          <AutoReadChoice url={state.page.url} />
          <button type="button" onClick={() => void read()}>
            Read again
          </button>
        </div>
      )}
      {state.step === "preview" && (
        <Preview
          reading={state.reading}
          timeZone={timeZone}
          repeat={repeat}
          onRepeat={setRepeat}
          onConfirm={() => void confirm(state.page, state.reading)}
          onCancel={() => setState({ step: "idle" })}
        />
      )}
      {state.step === "preview" && <AutoReadChoice url={state.page.url} />}
    </section>
  );
}

function Preview(props: {
  reading: ReadOk;
  timeZone: string;
  repeat: boolean;
  onRepeat: (on: boolean) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { reading, timeZone } = props;
  const [lines, setLines] = useState<import("./read-page-flow").PreviewLine[]>();
  if (!lines) {
    void import("./read-page-flow").then((flow) => setLines(flow.previewLines(reading.items)));
    return <p class="wh-muted">Preparing the preview…</p>;
  }
  const timed = lines.filter((l) => !l.item.allDay);
  const counted = timed.filter((l) => l.directed);
  const minutes = counted.reduce((sum, l) => sum + (l.item.end - l.item.start) / 60_000, 0);
  const lessons = timed.filter((l) => l.kind === "lesson" || l.kind === "cover").length;
  const byDay = new Map<string, typeof lines>();
  for (const line of lines) {
    const day = dayText(line.item.start, timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), line]);
  }
  return (
    <div data-testid="read-page-preview">
      <p>
        {reading.siteName}: {lessons} {lessons === 1 ? "lesson" : "lessons"} and {timed.length - lessons}{" "}
        {timed.length - lessons === 1 ? "other entry" : "other entries"};{" "}
        <strong>{formatMinutes(minutes)}</strong> of directed time will be counted.
      </p>
      {reading.warnings.map((w) => (
        <p class="wh-muted" key={w}>
          {w}
        </p>
      ))}
      {[...byDay].map(([day, dayLines]) => (
        <div key={day}>
          <h3>{day}</h3>
          <ul class="wh-items">
            {dayLines.map(({ item, kind, directed }) => (
              <li key={`${item.start}-${item.title}`}>
                <span class="wh-time">
                  {item.allDay
                    ? "All day"
                    : `${timeText(item.start, timeZone)}–${timeText(item.end, timeZone)}`}
                </span>{" "}
                {item.title}
                {item.group && !item.title.includes(item.group) ? ` · ${item.group}` : ""}
                {item.location ? ` · ${item.location}` : ""}{" "}
                <span class="wh-tag">
                  {KIND_NAMES[kind].label}
                  {directed ? ", counted" : ", not counted"}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <label class="wh-block">
        <input
          type="checkbox"
          checked={props.repeat}
          onChange={(e) => props.onRepeat(e.currentTarget.checked)}
        />{" "}
        Repeat this across my term dates in my timetable cycle (Week A/B), skipping holidays and training days
      </label>
      <div class="wh-row">
        <button type="button" onClick={props.onConfirm}>
          Add to my calendar
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** The page's origin when it is an https page (the only kind read automatically). */
function httpsOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

type AutoReadState = "unknown" | "off" | "asking" | "on" | "declined" | { error: string };

/**
 * "Read this site automatically when I open it": asks the browser for this one host's permission on the
 * teacher's click; the background then registers the page reader for this origin only. Shown and removable
 * in the options page's "Automatic reading".
 */
function AutoReadChoice({ url }: { url: string }) {
  const origin = httpsOrigin(url);
  const [state, setState] = useState<AutoReadState>("unknown");
  useEffect(() => {
    if (!origin) return;
    void client
      .request("auto-read/list", {})
      .then((reply) => setState(reply.ok && reply.sites.some((s) => s.origin === origin) ? "on" : "off"));
  }, [origin]);
  if (!origin || state === "unknown") return null;
  if (state === "on")
    return (
      <p class="wh-muted" data-testid="auto-read-on">
        {new URL(origin).host} is read automatically when you open it. You can stop this in the settings
        (Automatic reading).
      </p>
    );

  function turnOn() {
    setState("asking");
    // The background hears first, so it can finish even if this popup closes while the browser asks.
    const told = client.request("auto-read/enable", { origin: origin! });
    void requestHostPermission(`${origin}/*`).then(
      async (granted) => {
        await told;
        if (!granted) return setState("declined");
        const reply = await client.request("auto-read/enable", { origin: origin! });
        setState(
          reply.ok && reply.site
            ? "on"
            : { error: reply.ok ? "the browser did not confirm it" : reply.error },
        );
      },
      (error: unknown) => setState({ error: error instanceof Error ? error.message : String(error) }),
    );
  }

  return (
    <div data-testid="auto-read-choice">
      <button type="button" disabled={state === "asking"} onClick={turnOn}>
        Read this site automatically when I open it
      </button>
      <p class="wh-muted">
        Your browser will ask to let Within Hours read {new URL(origin).host} (that site only). Nothing runs
        on any other site.
      </p>
      {state === "declined" && <p class="wh-muted">Not turned on: the browser's permission was not given.</p>}
      {typeof state === "object" && (
        <p role="alert" class="wh-error">
          Could not turn on automatic reading: {state.error}
        </p>
      )}
    </div>
  );
}

/** The table reader was not sure: the teacher says which date each day column is and when each period runs. */
function MappingForm({ proposal, onRead }: { proposal: TableMapping; onRead: (m: TableMapping) => void }) {
  const [days, setDays] = useState(proposal.days);
  const [periods, setPeriods] = useState(proposal.periods.map((p) => p ?? { start: "", end: "" }));
  const setPeriod = (i: number, key: "start" | "end", value: string) =>
    setPeriods((all) => all.map((p, j) => (j === i ? { ...p, [key]: value } : p)));
  return (
    <form
      data-testid="table-mapping"
      onSubmit={(e) => {
        e.preventDefault();
        onRead({ days, periods: periods.map((p) => (p.start && p.end ? p : null)) });
      }}
    >
      <p>Please confirm which date each column shows and when each period runs.</p>
      {days.map((d, i) =>
        i === 0 && d === "" ? null : (
          <label class="wh-block" key={`d${i}`}>
            Column {i + 1}{" "}
            <input
              type="date"
              value={d}
              onInput={(e) => setDays(days.map((x, j) => (j === i ? e.currentTarget.value : x)))}
            />
          </label>
        ),
      )}
      {periods.map((p, i) => (
        <label class="wh-block" key={`p${i}`}>
          Row {i + 1}{" "}
          <input
            type="time"
            aria-label={`Row ${i + 1} starts`}
            value={p.start}
            onInput={(e) => setPeriod(i, "start", e.currentTarget.value)}
          />{" "}
          to{" "}
          <input
            type="time"
            aria-label={`Row ${i + 1} ends`}
            value={p.end}
            onInput={(e) => setPeriod(i, "end", e.currentTarget.value)}
          />
        </label>
      ))}
      <button type="submit">Read with these</button>
    </form>
  );
}
