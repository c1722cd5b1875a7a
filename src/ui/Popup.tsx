import { useEffect, useState } from "preact/hooks";
import type { WorkItem } from "../model";
import { openDatabase } from "../store/db";
import { itemsBetween, sendCounts } from "../store/queries";
import { POPUP_KEY, weekKey, type PopupIndex, type StoredWeek } from "../store/derived";
import { openOptionsPage } from "../platform/extension";
import { WeekSummary } from "./WeekSummary";
import { ConfirmList } from "./ConfirmList";
import { useLiveQuery } from "./live";
import { KIND_LABEL, dateText, dayText, timeText } from "./format";
import "./styles.css";

/*
 * The popup renders what the background derived (a small index row and the shown week's summary, see
 * src/store/derived.ts) plus one indexed read of the week's items: no rules engine or date library here,
 * so it opens fast.
 */
const db = openDatabase();

/** `?week=YYYY-MM-DD` opens another week (tests, and links from the options page). */
function requestedWeek(): string | undefined {
  const week = new URLSearchParams(location.search).get("week");
  return week && /^\d{4}-\d{2}-\d{2}$/.test(week) ? week : undefined;
}

/** The requested week, else the one containing now, else the nearest end of the academic year. */
function initialWeekIndex(weeks: PopupIndex["weeks"], now: number): number {
  const requested = requestedWeek();
  const found = requested
    ? weeks.findIndex((w) => w.start === requested)
    : weeks.findIndex((w) => now >= w.startInstant && now < w.endInstant);
  if (found >= 0) return found;
  return weeks.length > 0 && now >= (weeks[weeks.length - 1]?.endInstant ?? 0) ? weeks.length - 1 : 0;
}

/** The popup's index row, then the chosen week's summary, items and sends. */
async function loadWeek(offset: number) {
  const popup = (await db.settings.get(POPUP_KEY))?.value as PopupIndex | undefined;
  const weeks = popup?.weeks ?? [];
  const index = Math.min(weeks.length - 1, Math.max(0, initialWeekIndex(weeks, Date.now()) + offset));
  const week = weeks[index];
  if (!popup || !week) return { popup };
  const [stored, items, sends] = await Promise.all([
    db.settings.get(weekKey(week.start)).then((row) => row?.value as StoredWeek | undefined),
    itemsBetween(db, week.startInstant, week.endInstant),
    sendCounts(db, week.startInstant, week.endInstant),
  ]);
  return { popup, week, index, stored, items, sends };
}

// Start reading as soon as the script runs, before the first render, so the week paints sooner.
const firstLoad = loadWeek(0);

export function Popup() {
  const [offset, setOffset] = useState(0);
  const [first, setFirst] = useState<Awaited<typeof firstLoad>>();
  useEffect(() => void firstLoad.then(setFirst, () => undefined), []);
  // Then stay live: any change in the store re-reads the week.
  const data = useLiveQuery(() => loadWeek(offset), [offset]);
  const value = data.value ?? (offset === 0 ? first : undefined);
  const { popup, week, index, stored, items, sends } = value ?? {};
  const zone = popup?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

  // The summary paints first; the lists below the fold follow a frame later.
  const [belowFold, setBelowFold] = useState(false);
  useEffect(() => {
    if (!value || document.body.dataset.ready) return;
    // The week is on screen: mark it for the bench (first paint) and for tests.
    requestAnimationFrame(() => {
      performance.mark("wh-week-painted");
      setBelowFold(true);
      document.body.dataset.ready = "true";
    });
  }, [value]);

  if (data.error) {
    return (
      <main class="wh-popup">
        <p role="alert" class="wh-error">
          Within Hours could not read its data: {data.error}
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
          <span aria-live="polite">{week ? `Week of ${dateText(week.start)}` : "This week"}</span>
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

      {stored && popup ? (
        <WeekSummary view={stored.view} year={popup.year} findings={stored.findings} />
      ) : (
        <p class="wh-muted">Working out your week…</p>
      )}

      {sends && <SendCounts counts={sends} />}

      {belowFold && (
        <ConfirmList items={popup?.unconfirmed ?? []} timeZone={zone} total={popup?.unconfirmedCount ?? 0} />
      )}

      {belowFold && <WeekItems items={items} timeZone={zone} />}

      <footer class="wh-row">
        <button type="button" onClick={() => void openOptionsPage()}>
          Settings and calendars
        </button>
      </footer>
    </main>
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
      {[...byDay].map(([day, dayItems]) => (
        <details key={day}>
          <summary>
            {day} · {dayItems.length} items
          </summary>
          <ul class="wh-items">
            {dayItems.map((item) => (
              <li key={item.id} data-kind={item.kind}>
                <span class="wh-time">
                  {timeText(item.start, timeZone)}–{timeText(item.end, timeZone)}
                </span>{" "}
                {item.title} <span class="wh-tag">{KIND_LABEL[item.kind]}</span>
                {!item.directed && <span class="wh-tag">not directed</span>}
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
