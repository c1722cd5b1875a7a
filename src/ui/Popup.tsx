import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { KIND_NAMES, type WorkItem } from "../model";
import { readFirstRows, type FirstRows } from "./first-read";
import { WELCOME_PAGE, openExtensionTab, openOptionsPage } from "../platform/extension";
import { WeekSummary } from "./WeekSummary";
import { ConfirmList, CorrectItem } from "./ConfirmList";
import { Announcer } from "./Announcer";
import { ReadPagePanel } from "./ReadPagePanel";
import { MailAccessNotice } from "./MailAccessNotice";
import type { LiveWeek } from "./popup-live";
import { initialWeekIndex, weekAt } from "./popup-week";
import { dateText, dayText, timeText } from "./format";
import "./styles.css";

/*
 * The popup paints from one small value the background derived (src/store/derived.ts) and mirrored into
 * storage.local, read as soon as the script runs; Dexie then loads (src/ui/popup-live.ts) and keeps the
 * week live, with its items and sends. No rules engine or date library here, so it opens fast.
 */
const firstRead = readFirstRows((popup) => popup.weeks[initialWeekIndex(popup.weeks, Date.now())]?.start);

export function Popup() {
  const [offset, setOffset] = useState(0);
  const [first, setFirst] = useState<FirstRows>();
  const [live, setLive] = useState<LiveWeek>();
  const [error, setError] = useState<string>();
  const [painted, setPainted] = useState(false);
  useEffect(() => void firstRead.then(setFirst), []);

  // After the first paint: load Dexie and watch the chosen week.
  useEffect(() => {
    if (!painted) return;
    let stop = () => {};
    let cancelled = false;
    import("./popup-live")
      .then(({ watchWeek }) => {
        if (!cancelled) stop = watchWeek(offset, setLive, setError);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      stop();
    };
  }, [painted, offset]);

  // The year's sparkline (Dexie, the ledger, uPlot) loads after the first paint, apart from the first bundle.
  const sparkline = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!painted) return;
    let unmount = () => {};
    let cancelled = false;
    import("./YearSparkline")
      .then(({ mountSparkline }) => {
        if (!cancelled && sparkline.current) unmount = mountSparkline(sparkline.current);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      unmount();
    };
  }, [painted]);

  const popup = live?.popup ?? first?.popup;
  const week = popup ? weekAt(popup, offset) : undefined;
  const index = week?.index;
  const stored = live?.stored ?? (offset === 0 ? first?.stored : undefined);
  const { items, sends } = live ?? {};
  const zone = popup?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

  // A layout effect runs as soon as the week is in the DOM (Preact runs plain effects a frame later), so
  // the frame requested here is the one that paints it: mark that for the bench and tests, then go live.
  useLayoutEffect(() => {
    if (!first || painted) return;
    requestAnimationFrame(() => {
      performance.mark("wh-week-painted");
      document.body.dataset.ready = "true";
      setPainted(true);
    });
  }, [first, painted]);

  if (error) {
    return (
      <main class="wh-popup">
        <p role="alert" class="wh-error">
          Within Hours could not read its data: {error}
        </p>
      </main>
    );
  }

  const lastIndex = (popup?.weeks.length ?? 1) - 1;

  return (
    <main class="wh-popup">
      <header class="wh-header">
        <h1>Within Hours</h1>
        <nav aria-label="Week" class="wh-row">
          <button
            type="button"
            onClick={() => setOffset((o) => o - 1)}
            disabled={index === undefined || index <= 0}
            aria-label="Previous week"
          >
            ←
          </button>
          <span aria-live="polite">{week?.week ? `Week of ${dateText(week.week.start)}` : "This week"}</span>
          <button
            type="button"
            onClick={() => setOffset((o) => o + 1)}
            disabled={index === undefined || index >= lastIndex}
            aria-label="Next week"
          >
            →
          </button>
        </nav>
      </header>

      <MailAccessNotice />

      {popup?.itemCount === 0 ? (
        <GetStarted />
      ) : stored && popup ? (
        <WeekSummary view={stored.view} year={popup.year} findings={stored.findings} />
      ) : (
        <p class="wh-muted">Working out your week…</p>
      )}

      <div ref={sparkline} />

      {sends && <SendCounts counts={sends} />}

      {painted && (
        <ConfirmList items={popup?.unconfirmed ?? []} timeZone={zone} total={popup?.unconfirmedCount ?? 0} />
      )}

      <Announcer />

      <WeekItems items={items} timeZone={zone} />

      <ReadPagePanel timeZone={zone} />

      <CoverCheckSlot />

      <footer class="wh-row">
        <button type="button" onClick={() => void openOptionsPage()}>
          Settings and calendars
        </button>
      </footer>
    </main>
  );
}

/** Before any calendar is in, say how to start rather than show a week of zeros. */
function GetStarted() {
  return (
    <section aria-labelledby="start-heading" class="wh-card" data-testid="get-started">
      <h2 id="start-heading">Bring in your timetable to start</h2>
      <p>
        Within Hours counts your week from your timetable and school calendar. Read it from your school
        system's page, add its calendar link, or open a calendar file.
      </p>
      <button type="button" class="wh-primary" onClick={() => void openExtensionTab(WELCOME_PAGE)}>
        Set up Within Hours
      </button>
    </section>
  );
}

/**
 * "Check a cover": its form and the rules engine load only when the teacher asks (chunks of their own), and
 * the form mounts itself into this slot.
 */
function CoverCheckSlot() {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const slot = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open || !slot.current) return;
    let unmount = () => {};
    let cancelled = false;
    import("./CoverCheck")
      .then((m) => {
        if (!cancelled && slot.current) unmount = m.mountCoverCheck(slot.current, () => setOpen(false));
      })
      .catch((e: unknown) => {
        setError(e instanceof Error ? e.message : String(e));
        setOpen(false);
      });
    return () => {
      cancelled = true;
      unmount();
    };
  }, [open]);
  if (open) return <div ref={slot} />;
  return (
    <div class="wh-row">
      <button type="button" onClick={() => setOpen(true)}>
        Check a cover
      </button>
      {error && <span class="wh-error">{error}</span>}
    </div>
  );
}

function SendCounts({ counts }: { counts: Record<string, number> }) {
  const warned = counts["warned"] ?? 0;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  return (
    <section aria-labelledby="sends-heading" class="wh-card" data-testid="send-counts">
      <h2 id="sends-heading">Emails this week</h2>
      <p>
        {warned} warned out of hours: {counts["sent-anyway"] ?? 0} sent anyway, {counts["scheduled"] ?? 0}{" "}
        scheduled, {counts["cancelled"] ?? 0} kept as drafts.
      </p>
    </section>
  );
}

function WeekItems({ items, timeZone }: { items?: WorkItem[]; timeZone: string }) {
  const [changing, setChanging] = useState<string>();
  if (!items) return null;
  const timed = items.filter((i) => !i.allDay).sort((a, b) => a.start - b.start);
  const byDay = new Map<string, WorkItem[]>();
  for (const item of timed) {
    const day = dayText(item.start, timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), item]);
  }
  return (
    <section aria-labelledby="items-heading" class="wh-card">
      <h2 id="items-heading">This week's calendar ({timed.length})</h2>
      {timed.length === 0 && (
        <p class="wh-muted">Nothing on your calendar this week. Add a calendar in Settings.</p>
      )}
      {timed.length > 0 && (
        <p class="wh-muted">Counted wrongly? Open a day and choose Change beside the entry.</p>
      )}
      {[...byDay].map(([day, dayItems]) => (
        <details key={day}>
          <summary>
            {day} · {dayItems.length} items
          </summary>
          <ul class="wh-items">
            {dayItems.map((item) => {
              const title = item.title.trim() || "(no title)";
              const open = changing === item.id;
              return (
                <li key={item.id} data-kind={item.kind} data-item={item.id}>
                  <div class="wh-row wh-item-row">
                    <span>
                      <span class="wh-time">
                        {timeText(item.start, timeZone)}–{timeText(item.end, timeZone)}
                      </span>{" "}
                      {item.title} <span class="wh-tag">{KIND_NAMES[item.kind].label}</span>
                      {!item.directed && <span class="wh-tag">not directed</span>}
                    </span>
                    <button
                      type="button"
                      class="wh-small"
                      aria-expanded={open}
                      aria-label={`Change how '${title}' is counted`}
                      onClick={() => setChanging(open ? undefined : item.id)}
                    >
                      Change
                    </button>
                  </div>
                  {open && <CorrectItem item={item} verb="Save" onDone={() => setChanging(undefined)} />}
                </li>
              );
            })}
          </ul>
        </details>
      ))}
    </section>
  );
}
