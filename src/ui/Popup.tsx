import { useEffect, useMemo, useState } from "preact/hooks";
import { DateTime } from "luxon";
import type { WorkItem } from "../model";
import { openDatabase } from "../store/db";
import { countUnconfirmed, itemsBetween, sendCounts, unconfirmedItems } from "../store/repo";
import { LEDGER_KEY, type StoredLedger } from "../background/services";
import { weekStartOf } from "../rules/engine";
import { weekSummary } from "../rules/summary";
import { openOptionsPage } from "../platform/extension";
import { WeekSummary } from "./WeekSummary";
import { ConfirmList } from "./ConfirmList";
import { useLiveQuery } from "./live";
import { KIND_LABEL, dateText, dayText, timeText } from "./format";
import "./styles.css";

const db = openDatabase();

/** `?week=YYYY-MM-DD` opens another week (tests, and links from the options page). */
function requestedWeek(): string | undefined {
  const week = new URLSearchParams(location.search).get("week");
  return week && /^\d{4}-\d{2}-\d{2}$/.test(week) ? week : undefined;
}

export function Popup() {
  const ledger = useLiveQuery(
    async () => (await db.settings.get(LEDGER_KEY))?.value as StoredLedger | undefined,
    [],
  );
  const profile = ledger.value?.profile;
  const zone = profile?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [week, setWeek] = useState<string | undefined>(requestedWeek);
  const weekStart = week ?? (profile ? weekStartOf(Date.now(), profile) : undefined);
  const span = useMemo(() => {
    if (!weekStart) return undefined;
    const start = DateTime.fromISO(weekStart, { zone });
    return { start: start.toMillis(), end: start.plus({ days: 7 }).toMillis() };
  }, [weekStart, zone]);

  const items = useLiveQuery(async () => (span ? itemsBetween(db, span.start, span.end) : []), [span?.start]);
  const sends = useLiveQuery(
    async () => (span ? sendCounts(db, span.start, span.end) : undefined),
    [span?.start],
  );
  const unconfirmed = useLiveQuery(() => unconfirmedItems(db, 5), []);
  const unconfirmedTotal = useLiveQuery(() => countUnconfirmed(db), []);

  useEffect(() => {
    if (!items.value || document.body.dataset.ready) return;
    // The week is on screen: mark it for the bench (first paint) and for tests.
    requestAnimationFrame(() => {
      performance.mark("wh-week-painted");
      document.body.dataset.ready = "true";
    });
  }, [items.value]);

  function shiftWeek(days: number) {
    if (!weekStart) return;
    setWeek(DateTime.fromISO(weekStart).plus({ days }).toISODate() ?? weekStart);
  }

  if (ledger.error || items.error) {
    return (
      <main class="wh-popup">
        <p role="alert" class="wh-error">
          Within Hours could not read its data: {ledger.error ?? items.error}
        </p>
      </main>
    );
  }

  const view =
    ledger.value && weekStart
      ? weekSummary(ledger.value.evaluation, weekStart, ledger.value.profile)
      : undefined;
  const weekFindings =
    ledger.value && span
      ? ledger.value.evaluation.findings.filter((f) => f.start < span.end && f.end > span.start)
      : [];

  return (
    <main class="wh-popup">
      <header class="wh-header">
        <h1>Within Hours</h1>
        <nav aria-label="Week" class="wh-row">
          <button type="button" onClick={() => shiftWeek(-7)} aria-label="Previous week">
            ←
          </button>
          <span aria-live="polite">{weekStart ? `Week of ${dateText(weekStart)}` : "This week"}</span>
          <button type="button" onClick={() => shiftWeek(7)} aria-label="Next week">
            →
          </button>
        </nav>
      </header>

      {view && ledger.value ? (
        <WeekSummary view={view} year={ledger.value.evaluation.year} findings={weekFindings} />
      ) : (
        <p class="wh-muted">Working out your week…</p>
      )}

      {sends.value && <SendCounts counts={sends.value} />}

      <ConfirmList items={unconfirmed.value ?? []} timeZone={zone} total={unconfirmedTotal.value ?? 0} />

      <WeekItems items={items.value} timeZone={zone} />

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
