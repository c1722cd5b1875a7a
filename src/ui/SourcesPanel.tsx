import { useRef, useState } from "preact/hooks";
import type { Source } from "../model";
import type { SourceOverlap } from "../ingest/dedupe";
import { hasHostPermission, requestHostPermission } from "../platform/extension";
import type { ImportReply } from "../messages";
import { client } from "./client";
import { readWithProgress } from "./read-file";
import { feedOrigin, normaliseFeedUrl } from "../ingest/feeds/address";
import { fetchFeed } from "../ingest/feeds/fetch";
import { StatusLine, statusOf, type Status } from "./StatusLine";
import { RemovalStatus, RemoveCalendarButton, useCalendarRemoval } from "./RemoveCalendar";
import type { WithinHoursDB } from "../store/db";

const MAX_FILE_BYTES = 20 * 1024 * 1024;

function nameOf(sources: readonly Source[], id: string): string {
  return id === "manual"
    ? "Your own entries"
    : (sources.find((s) => s.id === id)?.name ?? "A removed calendar");
}

function importSummary(reply: ImportReply): string {
  const parts = [
    reply.changed
      ? `${reply.total} items read: ${reply.added} new, ${reply.updated} updated, ${reply.removed} removed.`
      : `${reply.total} items read. Nothing was changed: this calendar matches what you already have.`,
  ];
  return [...parts, ...reply.warnings].join(" ");
}

/** Calendars: ICS files and feeds. Feeds ask for their host only when the teacher presses "Add feed". */
export function SourcesPanel({
  sources,
  overlaps = [],
  db,
}: {
  sources: Source[];
  /** The page's database, read to keep a removed calendar for Undo. */
  db?: WithinHoursDB;
  /** Calendars holding the same events, each counted once (from the recount). */
  overlaps?: readonly SourceOverlap[];
}) {
  const [progress, setProgress] = useState<number>();
  const [status, setStatus] = useState<Status>();
  const [over, setOver] = useState(false);
  const [feedUrl, setFeedUrl] = useState("");
  const [feedName, setFeedName] = useState("");
  /** Bytes of the feed read so far while it is being added; undefined when nothing is being added. */
  const [feedProgress, setFeedProgress] = useState<{ read: number; total?: number }>();
  const cancelFeed = useRef<AbortController>();
  const removal = useCalendarRemoval(db);

  async function importFile(file: File) {
    setStatus(undefined);
    if (file.size > MAX_FILE_BYTES) {
      setStatus({ ok: false, text: `${file.name} is larger than 20 MB; it was not imported.` });
      return;
    }
    setProgress(0);
    try {
      const text = await readWithProgress(file, (f) => setProgress(f * 0.5));
      setProgress(0.5);
      const reply = await client.request("source/import-ics", { name: file.name, text });
      setStatus(reply.ok ? { ok: true, text: `${file.name}: ${importSummary(reply)}` } : statusOf(reply, ""));
    } catch (error) {
      setStatus({ ok: false, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setProgress(undefined);
    }
  }

  /**
   * Reads the feed here, with progress and a Cancel button, then hands it to the background, which adds it
   * only if it reads as a calendar.
   */
  async function addFeed(event: Event) {
    event.preventDefault();
    setStatus(undefined);
    let url: URL;
    try {
      url = normaliseFeedUrl(feedUrl);
    } catch (error) {
      setStatus({ ok: false, text: (error as Error).message });
      return;
    }
    // Must run inside the click: browsers only grant host permission from a user gesture.
    const granted = await requestHostPermission(feedOrigin(url));
    if (!granted) {
      setStatus({ ok: false, text: "Permission was not given, so the feed was not added." });
      return;
    }
    const controller = new AbortController();
    cancelFeed.current = controller;
    setFeedProgress({ read: 0 });
    try {
      const fetched = await fetchFeed(
        url,
        {},
        {
          isGranted: hasHostPermission,
          signal: controller.signal,
          onProgress: (read, total) => setFeedProgress({ read, total }),
        },
      );
      if (fetched.status !== "changed") throw new Error("The calendar feed sent nothing to read.");
      const reply = await client.request("source/add-feed", {
        name: feedName,
        url: url.href,
        text: fetched.text,
        ...(fetched.etag ? { etag: fetched.etag } : {}),
        ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}),
      });
      if (reply.ok) {
        setFeedUrl("");
        setFeedName("");
      }
      setStatus(
        reply.ok
          ? { ok: true, text: `Feed added as “${reply.name}”: ${importSummary(reply)}` }
          : { ok: false, text: `The feed was not added. ${reply.error}` },
      );
    } catch (error) {
      setStatus({ ok: false, text: `The feed was not added. ${(error as Error).message}` });
    } finally {
      cancelFeed.current = undefined;
      setFeedProgress(undefined);
    }
  }

  async function prefer(id: string) {
    const reply = await client.request("source/prefer", { id });
    setStatus(statusOf(reply, `Shared events are now counted from ${nameOf(sources, id)}.`));
  }

  async function refresh(id: string) {
    const reply = await client.request("source/refresh", { id });
    setStatus(statusOf(reply, "Refreshed."));
  }

  return (
    <section aria-labelledby="sources-heading" class="wh-card">
      <h3 id="sources-heading">Calendars</h3>
      <div
        class="wh-drop"
        data-over={over}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const file = e.dataTransfer?.files[0];
          if (file) void importFile(file);
        }}
      >
        <label>
          Import a calendar file (.ics) — choose one or drop it here
          <input
            type="file"
            name="ics-file"
            accept=".ics,text/calendar"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void importFile(file);
              e.currentTarget.value = "";
            }}
          />
        </label>
        {progress !== undefined && (
          <progress aria-label="Importing" max={1} value={progress > 0.5 ? progress : undefined}>
            Importing…
          </progress>
        )}
      </div>
      <form class="wh-row" onSubmit={addFeed}>
        <label>
          Feed name (optional)
          <input
            name="feed-name"
            value={feedName}
            maxLength={200}
            placeholder="The calendar's own name"
            onInput={(e) => setFeedName(e.currentTarget.value)}
          />
        </label>
        <label>
          Feed address (https or webcal)
          <input
            name="feed-url"
            type="text"
            inputMode="url"
            size={40}
            value={feedUrl}
            onInput={(e) => setFeedUrl(e.currentTarget.value)}
            required
          />
        </label>
        <button type="submit" disabled={feedProgress !== undefined}>
          {feedProgress ? "Adding…" : "Add feed"}
        </button>
        {feedProgress && (
          <>
            <progress
              aria-label="Reading the feed"
              max={feedProgress.total ?? 1}
              value={feedProgress.total ? feedProgress.read : undefined}
            />
            <span class="wh-muted" data-testid="feed-progress">
              {(feedProgress.read / 1024).toFixed(0)} KB read
            </span>
            <button type="button" onClick={() => cancelFeed.current?.abort()}>
              Cancel
            </button>
          </>
        )}
      </form>
      <StatusLine status={status} testId="sources-status" block />
      <RemovalStatus removal={removal} />
      {overlaps.length > 0 && (
        <ul data-testid="source-overlaps">
          {overlaps.map((o) => (
            <li key={`${o.kept} ${o.dropped}`}>
              These two calendars share {o.count} {o.count === 1 ? "event" : "events"}, each counted once.{" "}
              <span role="group" aria-label="Count them from">
                Count from{" "}
                {[o.kept, o.dropped].map((id) => (
                  <button
                    key={id}
                    type="button"
                    aria-pressed={id === o.kept}
                    data-source={id}
                    onClick={() => id !== o.kept && void prefer(id)}
                  >
                    {nameOf(sources, id)}
                  </button>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
      <ul class="wh-items" data-testid="sources">
        {sources.map((s) => (
          <li key={s.id}>
            <strong>{s.name}</strong> <span class="wh-tag">{s.type === "ics-feed" ? "feed" : "file"}</span>{" "}
            <span class="wh-muted">{s.itemCount ?? 0} items</span>
            {s.url && (
              <div>
                <code class="wh-address" data-testid="feed-address">
                  {s.url}
                </code>
              </div>
            )}
            {s.lastGoodAt && (
              <span class="wh-muted"> · last read {new Date(s.lastGoodAt).toLocaleString("en-GB")}</span>
            )}
            {s.lastError && <p class="wh-error">{s.lastError}</p>}
            <div class="wh-row">
              {s.type === "ics-feed" && (
                <button type="button" onClick={() => void refresh(s.id)}>
                  Refresh
                </button>
              )}
              <RemoveCalendarButton source={s} removal={removal} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
