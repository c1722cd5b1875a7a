/**
 * The content script of a site the teacher opted in to automatic reading (registered for that origin only).
 * When the page settles (no changes to its DOM for a moment, as an app finishes loading its timetable) it asks
 * the background for the page (the same copy the popup reads), reads it with the same readers, and sends the
 * items; the background applies the same refusal rules and updates the site's source. A reading that has not
 * changed since the last one sent is not sent again; a page that cannot be read is reported once per address.
 */
import { readCollected } from "./read-collected";
import type { CollectedPage } from "./collect";
import type { PageItem } from "./types";

/** Sends a request to the background; its reply is `{ ok: true, … }` or `{ ok: false, error }`. */
export type SendToBackground = <T>(message: unknown) => Promise<T>;

type Collected = { ok: true; page: CollectedPage; timeZone: string } | { ok: false; error: string };

/** A quiet moment: the page has stopped changing. */
const QUIET_MS = 1_000;
/** A page that never stops changing is read this long after it started to. */
const LONGEST_WAIT_MS = 10_000;
/** Settled moments at one address before its refusal is reported (an app may still be loading). */
const TRIES_BEFORE_REFUSING = 3;
/** Readings in one page's life: a page open all day is not read all day. */
const MOST_READINGS = 30;

const signature = (items: readonly PageItem[]) =>
  items.map((i) => `${i.start}|${i.end}|${i.title}|${i.location ?? ""}|${i.group ?? ""}`).join("\n");

export function watchAndRead(send: SendToBackground, doc: Document = document): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstChangeAt: number | undefined;
  let busy = false;
  let stopped = false;
  let readings = 0;
  let lastSent = "";
  const tries = new Map<string, number>();
  const refusedAt = new Set<string>();

  const stop = () => {
    stopped = true;
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
  };

  async function readNow(): Promise<void> {
    timer = undefined;
    firstChangeAt = undefined;
    if (stopped) return;
    // Changes while a reading is under way are read after it.
    if (busy) return settleLater();
    if (++readings > MOST_READINGS) return stop();
    busy = true;
    const address = location.href;
    try {
      const collected = await send<Collected>({ type: "page/auto-collect" });
      // No longer opted in, or the page gave nothing: stay quiet on this page from now on.
      if (!collected.ok) return stop();
      const reading = readCollected(collected.page, collected.timeZone);
      if (reading.ok) {
        const read = signature(reading.items);
        if (read !== lastSent) {
          await send({ type: "page/auto-read", items: reading.items });
          lastSent = read;
        }
        return;
      }
      const tried = (tries.get(address) ?? 0) + 1;
      tries.set(address, tried);
      if (tried < TRIES_BEFORE_REFUSING) {
        // Perhaps still loading: look again after another quiet moment even if nothing changes.
        settleLater();
      } else if (!refusedAt.has(address)) {
        refusedAt.add(address);
        await send({ type: "page/auto-read", refused: reading.reason });
      }
    } catch {
      // The extension was reloaded or removed under the page: nothing more to do here.
      stop();
    } finally {
      busy = false;
    }
  }

  function settleLater(): void {
    if (stopped) return;
    const now = Date.now();
    firstChangeAt ??= now;
    if (timer !== undefined) clearTimeout(timer);
    const wait = Math.max(0, Math.min(QUIET_MS, firstChangeAt + LONGEST_WAIT_MS - now));
    timer = setTimeout(() => void readNow(), wait);
  }

  const observer = new MutationObserver(settleLater);
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  settleLater();
  return stop;
}
