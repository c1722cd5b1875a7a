/**
 * The background's one handler map. Each handler gets a request the router has already checked and
 * validated; it changes the store and then refreshes what is derived from it.
 */
import { DateTime } from "luxon";
import { profileWithDefaults } from "../rules/profile-defaults";
import type { Source } from "../model";
import { coverItem, coverVerdict, resolveCoverTimes, timetablePeriods, type CoverSlot } from "../rules/cover";
import type { Request } from "../messages";
import { IMPORT_TIME_BUDGET, parseIcs } from "../ingest/ics";
import { eventsToItems, trainingDaysFrom } from "../ingest/to-items";
import { localDate } from "../ingest/timezones";
import { importPageReading } from "./page-import";
import { AUTO_READ_UNAVAILABLE, type AutoReadHandlers } from "./auto-read";
import type { WithinHoursDB } from "../store/db";
import {
  addClassificationRule,
  commitSourceImport,
  confirmItem,
  confirmSameFamily,
  deleteItems,
  deleteSource,
  getProfile,
  itemsBetween,
  listClassificationRules,
  putItems,
  preferSource,
  readPolicy,
  recordSend,
  saveProfile,
  saveSource,
} from "../store/repo";
import { currentProfile, recomputeDerived, type FreshSource } from "./recount";
import { academicYearSpan } from "../time";
import { FeedError, feedOrigin, normaliseFeedUrl } from "../ingest/feeds/address";
import { fetchFeed } from "../ingest/feeds/fetch";
import { calendarName } from "../ingest/feeds/calendar-name";
import type { HandlerMap } from "./router";
import type { MailSite } from "../guard/sites";

type CoverRequestFields = Omit<Request<"cover/verdict">, "type">;

export interface BackgroundDeps {
  db: () => WithinHoursDB;
  now: () => number;
  /** After a change: push the new policy to mail tabs, update the badge. */
  afterChange: (derived: Awaited<ReturnType<typeof recomputeDerived>>) => Promise<void>;
  hasHostPermission: (origin: string) => Promise<boolean>;
  /** Give back a feed host's permission (optional_host_permissions) once no calendar needs it. */
  removeHostPermission: (origin: string) => Promise<void>;
  /** Run the site's send guard script in one frame of a tab (scripting.executeScript). */
  attachGuard: (tabId: number, frameId: number, site: MailSite) => Promise<void>;
  /** Whether this tab may add one more send-log row this minute (SEND_LOG_LIMITS.perTabPerMinute). */
  admitSendRecord?: (tabId: number | undefined) => Promise<boolean>;
  fetchImpl?: typeof fetch;
  /** Sites read automatically when the teacher opens them (src/background/auto-read.ts). */
  autoRead?: AutoReadHandlers;
}

export function createHandlers(deps: BackgroundDeps): HandlerMap {
  const releaseFeedHost = (db: WithinHoursDB, url: string) => releaseFeedHostWith(deps, db, url);
  const autoRead = deps.autoRead ?? AUTO_READ_UNAVAILABLE;
  const refresh = async (fresh?: FreshSource) => {
    const derived = await recomputeDerived(deps.db(), deps.now(), fresh);
    await deps.afterChange(derived);
    return derived;
  };

  async function importText(source: Source, text: string) {
    const db = deps.db();
    const profile = await currentProfile(db, deps.now());
    const { events, warnings } = parseIcs(text, {
      window: academicYearSpan(profile),
      defaultZone: profile.timeZone,
      timeBudget: IMPORT_TIME_BUDGET,
    });
    const rules = await listClassificationRules(db);
    const items = eventsToItems(events, source.id, rules, deps.now());
    // Items, source and training days are checked, then written together or not at all.
    const { counts, stored, changed } = await commitSourceImport(db, {
      source: {
        ...source,
        lastGoodAt: deps.now(),
        lastError: undefined,
        lastErrorAt: undefined,
        itemCount: items.length,
      },
      items,
      // INSET days on an imported calendar join the profile's term calendar (the teacher can edit them).
      trainingDays: (stored) => trainingDaysFrom(stored, (t) => localDate(t, profile.timeZone)),
      profile,
    });
    if (changed) await refresh({ source: source.id, items: stored });
    return { ...counts, total: items.length, warnings, changed };
  }

  async function refreshFeed(source: Source) {
    if (!source.url) throw new FeedError("This calendar has no feed address.");
    const db = deps.db();
    try {
      const fetched = await fetchFeed(new URL(source.url), source, {
        fetchImpl: deps.fetchImpl,
        isGranted: deps.hasHostPermission,
      });
      if (fetched.status === "unchanged") {
        await saveSource(db, { ...source, lastGoodAt: deps.now(), lastError: undefined });
        return { notModified: true as const };
      }
      return await importText(
        { ...source, etag: fetched.etag, lastModified: fetched.lastModified },
        fetched.text,
      );
    } catch (error) {
      // Keep the last good copy, and say why this refresh failed.
      const reason = error instanceof Error ? error.message : String(error);
      const message = source.lastGoodAt ? `${reason} Your last good copy is kept.` : reason;
      await saveSource(db, { ...source, lastError: message, lastErrorAt: deps.now() });
      throw new FeedError(message, { cause: error });
    }
  }

  /** The cover a request names, placed in the teacher's zone (a period by the imported timetable). */
  async function coverRequestSlot(request: CoverRequestFields) {
    const db = deps.db();
    const profile = await currentProfile(db, deps.now());
    const year = academicYearSpan(profile);
    const items = await itemsBetween(db, year.start, year.end);
    let times: { start: number; end: number } | { error: string };
    if (request.start !== undefined && request.end !== undefined) {
      times =
        request.end > request.start
          ? { start: request.start, end: request.end }
          : { error: "The cover's end is not after its start." };
    } else if (request.date) {
      times = resolveCoverTimes(
        { ...request, date: request.date },
        timetablePeriods(items, profile.timeZone),
        profile.timeZone,
      );
    } else {
      times = { error: "Give the cover's date with its period or times." };
    }
    if ("error" in times) throw new Error(times.error);
    const slot: CoverSlot = { ...times, reason: request.reason ?? "unknown" };
    if (request.classCode) slot.classCode = request.classCode;
    if (request.requestedAt !== undefined) slot.requestedAt = request.requestedAt;
    return { profile, items, slot };
  }

  return {
    "guard/attach": async ({ site }, sender) => {
      // Only into the frame that asked: its own watcher is waiting there for the guard.
      const tabId = sender?.tab?.id;
      if (tabId === undefined) throw new Error("Refused: the send guard is attached only to a mail tab.");
      await deps.attachGuard(tabId, sender?.frameId ?? 0, site);
      return {};
    },
    "guard/get-policy": async () => {
      const policy = (await readPolicy(deps.db())) ?? (await refresh()).policy;
      return { policy };
    },
    "guard/record-send": async ({ at, outcome, site }, sender) => {
      // Beyond its quota a tab's rows are dropped quietly: the send itself is never held for the log.
      if (deps.admitSendRecord && !(await deps.admitSendRecord(sender?.tab?.id))) return { logged: false };
      await recordSend(deps.db(), { at, outcome, site }, deps.now());
      return {};
    },
    "cover/verdict": async (request) => {
      const { profile, items, slot } = await coverRequestSlot(request);
      return {
        verdict: coverVerdict(slot, items, profile, { now: deps.now() }),
        start: slot.start,
        end: slot.end,
      };
    },
    "cover/log": async (request) => {
      const { slot } = await coverRequestSlot(request);
      // One id per time and class, so logging the same cover twice keeps one item.
      const id = `manual:cover:${slot.start}-${slot.end}:${slot.classCode ?? ""}`;
      await putItems(deps.db(), [coverItem(slot, id, "manual")]);
      await refresh();
      return { id, start: slot.start, end: slot.end };
    },
    "profile/save": async ({ profile }) => {
      const db = deps.db();
      const saved = await getProfile(db);
      const today = DateTime.fromMillis(deps.now()).toISODate() ?? "2026-09-01";
      // A changed jurisdiction takes that jurisdiction's defaults for whatever the form left out.
      const base =
        saved && (!profile.jurisdiction || profile.jurisdiction === saved.jurisdiction) ? saved : {};
      const merged = profileWithDefaults({ ...base, ...profile }, today);
      await saveProfile(db, merged);
      await refresh();
      return { profile: merged };
    },
    "items/put": async ({ items }) => {
      await putItems(deps.db(), items);
      await refresh();
      return { count: items.length };
    },
    "items/delete": async ({ ids }) => {
      await deleteItems(deps.db(), ids);
      await refresh();
      return { count: ids.length };
    },
    "items/confirm": async ({ id, kind, directed, remember }) => {
      const db = deps.db();
      const item = await db.items.get(id);
      await confirmItem(db, id, kind, directed);
      // The same answer holds for every other week's "Line management".
      if (item) await confirmSameFamily(db, item.title, kind, directed);
      if (remember) await addClassificationRule(db, { contains: remember.toLowerCase(), kind, directed });
      await refresh();
      return {};
    },
    "source/import-ics": async ({ name, text }) => {
      const id = `file:${name.toLowerCase().replace(/[^a-z0-9.]+/g, "-")}`;
      return importText({ id, type: "ics-file", name }, text);
    },
    "source/add-feed": async ({ name, url, text, etag, lastModified }) => {
      const normalised = normaliseFeedUrl(url);
      if (!(await deps.hasHostPermission(feedOrigin(normalised)))) {
        throw new FeedError(
          `Within Hours needs your permission to read ${normalised.host}. Press "Add feed" again.`,
        );
      }
      // Named by the teacher, else by the calendar itself, else by where it lives.
      const source: Source = {
        id: await feedSourceId(normalised),
        type: "ics-feed",
        name: name.trim() || calendarName(text) || normalised.host,
        url: normalised.href,
        etag,
        lastModified,
      };
      // The source is saved with its items, so a feed that cannot be read is not added.
      const counts = await importText(source, text);
      return { ...counts, name: source.name };
    },
    "source/import-page": async (request) => {
      const result = await importPageReading(deps.db(), request, deps.now());
      await refresh({ source: result.sourceId, items: result.stored });
      const { stored: _stored, ...reply } = result;
      return reply;
    },
    "source/refresh": async ({ id }) => {
      const source = await deps.db().sources.get(id);
      if (!source) throw new FeedError("That calendar is no longer in your list.");
      return refreshFeed(source);
    },
    "source/delete": async ({ id }) => {
      const db = deps.db();
      const source = await db.sources.get(id);
      await deleteSource(db, id);
      await refresh();
      if (source?.url) await releaseFeedHost(db, source.url);
      return {};
    },
    "source/prefer": async ({ id }) => {
      await preferSource(deps.db(), id);
      await refresh();
      return {};
    },
    "source/restore": async ({ source, items }) => {
      const db = deps.db();
      await saveSource(db, source);
      await putItems(db, items);
      await refresh();
      return { count: items.length };
    },
    "backup/restored": async () => {
      await refresh();
      return {};
    },
    "status/ping": async () => ({ now: deps.now() }),
    "page/auto-collect": autoRead["page/auto-collect"],
    "page/auto-read": autoRead["page/auto-read"],
    "auto-read/list": autoRead["auto-read/list"],
    "auto-read/enable": autoRead["auto-read/enable"],
    "auto-read/remove": autoRead["auto-read/remove"],
  };
}

/** Gives back a deleted feed's host permission when no other feed lives on that host. */
async function releaseFeedHostWith(deps: BackgroundDeps, db: WithinHoursDB, url: string): Promise<void> {
  const origin = feedOrigin(new URL(url));
  const feeds = await db.sources.where("type").equals("ics-feed").toArray();
  if (feeds.some((f) => f.url && feedOrigin(new URL(f.url)) === origin)) return;
  // A site read automatically on the same host still needs it.
  if (await deps.autoRead?.usesHost(origin)) return;
  // A host the extension must keep (a mail site) cannot be removed; that is not the teacher's problem.
  await deps.removeHostPermission(origin).catch(() => undefined);
}

/** A short, stable id for a feed: its address can be long and carries a secret we don't repeat in ids. */
async function feedSourceId(url: URL): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(url.href));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `feed:${hex.slice(0, 24)}`;
}

/** Refresh every feed; one failure does not stop the others. Used by the feeds alarm. */
export async function refreshAllFeeds(handlers: HandlerMap, db: WithinHoursDB): Promise<void> {
  const feeds = await db.sources.where("type").equals("ics-feed").toArray();
  for (const feed of feeds) {
    await handlers["source/refresh"]({ type: "source/refresh", id: feed.id }).catch(() => undefined);
  }
}
