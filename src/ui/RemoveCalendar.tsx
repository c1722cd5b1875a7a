import { useEffect, useRef, useState } from "preact/hooks";
import type { Source, WorkItem } from "../model";
import type { WithinHoursDB } from "../store/db";
import { sourceWithItems } from "../store/queries";
import { feedOrigin } from "../ingest/feeds/address";
import { requestHostPermission } from "../platform/extension";
import { client } from "./client";
import type { Status } from "./StatusLine";

interface Removed {
  source: Source;
  items: WorkItem[];
}

const itemsText = (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? "item" : "items"}`;

/**
 * Removing a calendar asks first, naming it and its item count; once removed, the page keeps the calendar
 * and its items until it closes, so Undo puts them back exactly (a feed asks for its host again).
 */
export function useCalendarRemoval(db: WithinHoursDB | undefined) {
  const [asking, setAsking] = useState<string>();
  const [removed, setRemoved] = useState<Removed>();
  const [status, setStatus] = useState<Status>();

  async function remove(source: Source) {
    // Read before removing: what Undo will put back.
    const kept = db ? await sourceWithItems(db, source.id).catch(() => undefined) : undefined;
    const reply = await client.request("source/delete", { id: source.id });
    setAsking(undefined);
    if (!reply.ok) {
      setStatus({ ok: false, text: `“${source.name}” was not removed. ${reply.error}` });
      return;
    }
    setRemoved(kept);
    setStatus({
      ok: true,
      text: `Removed “${source.name}”${kept ? ` and its ${itemsText(kept.items.length)}` : ""}.`,
    });
  }

  async function undo() {
    if (!removed) return;
    const { source } = removed;
    // Must run inside the click: browsers only grant host permission from a user gesture.
    if (source.url && !(await requestHostPermission(feedOrigin(new URL(source.url))))) {
      setStatus({ ok: false, text: `Permission was not given, so “${source.name}” was not put back.` });
      return;
    }
    const reply = await client.request("source/restore", removed);
    if (!reply.ok) {
      setStatus({ ok: false, text: `“${source.name}” could not be put back. ${reply.error}` });
      return;
    }
    setRemoved(undefined);
    setStatus({ ok: true, text: `“${source.name}” is back, with its ${itemsText(removed.items.length)}.` });
  }

  return { asking, setAsking, removed, status, remove, undo };
}

export type CalendarRemoval = ReturnType<typeof useCalendarRemoval>;

/** "Remove", then in its place the question naming the calendar and its items. */
export function RemoveCalendarButton({ source, removal }: { source: Source; removal: CalendarRemoval }) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  const asking = removal.asking === source.id;
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" onClick={() => removal.setAsking(source.id)} aria-label={`Remove ${source.name}`}>
        Remove
      </button>
    );
  }
  return (
    <div role="group" aria-label={`Remove ${source.name}?`} class="wh-ask" data-testid="remove-question">
      <p>
        Remove “{source.name}” and its {itemsText(source.itemCount ?? 0)}? They stop counting. You can undo
        this until you close this page.
      </p>
      <div class="wh-row">
        <button ref={confirmRef} type="button" class="wh-primary" onClick={() => void removal.remove(source)}>
          Remove “{source.name}”
        </button>
        <button type="button" onClick={() => removal.setAsking(undefined)}>
          Keep it
        </button>
      </div>
    </div>
  );
}

/** What the last removal did, with Undo while the page keeps what was removed. */
export function RemovalStatus({ removal }: { removal: CalendarRemoval }) {
  const { status, removed } = removal;
  return (
    <div class="wh-row" data-testid="removal-status">
      <span role="status" class={status?.ok === false ? "wh-error" : "wh-ok"}>
        {status?.text ?? ""}
      </span>
      {removed && (
        <button
          type="button"
          aria-label={`Undo: put back “${removed.source.name}”`}
          onClick={() => void removal.undo()}
        >
          Undo
        </button>
      )}
    </div>
  );
}
