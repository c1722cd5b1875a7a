/**
 * Automatic reading: a teacher may let one site be read whenever they open it. The popup asks the browser
 * for that one host's permission on their click; the background then registers the page reader as a content
 * script for that origin only (nothing runs on any other page load). The script collects the page through
 * the background, reads it with the same readers as the popup, and sends what it read; the background
 * applies the same refusal rules before it updates the site's source, exactly as a read from the popup.
 */
import type { AutoReadOutcome, AutoReadSite, Replies, Request } from "../messages";
import type { CollectedPage } from "../ingest/pages/collect";
import { implausible, siteFor } from "../ingest/pages/registry";
import { feedOrigin } from "../ingest/feeds/address";
import type { WithinHoursDB } from "../store/db";
import { importPageReading } from "./page-import";
import { currentProfile } from "./recount";
import type { SenderInfo } from "./router";

export interface AutoReadDeps {
  db: () => WithinHoursDB;
  now: () => number;
  /** Recount after the site's source changed. */
  refresh: (fresh: {
    source: string;
    items: Awaited<ReturnType<typeof importPageReading>>["stored"];
  }) => Promise<unknown>;
  hasHostPermission: (pattern: string) => Promise<boolean>;
  removeHostPermission: (pattern: string) => Promise<void>;
  /** The content scripts registered at run time, and registering or unregistering the page reader. */
  scripts: {
    list: () => Promise<{ id: string; matches: string[] }[]>;
    register: (id: string, matches: string[]) => Promise<void>;
    unregister: (ids: string[]) => Promise<void>;
  };
  /** Copy the page in one frame (its HTML and the app's own timetable data), in the page's world. */
  collect: (tabId: number, frameId: number) => Promise<CollectedPage | undefined>;
  /** The last outcome per origin (extension storage). */
  outcomes: {
    get: () => Promise<Record<string, Outcomes>>;
    set: (all: Record<string, Outcomes>) => Promise<void>;
  };
  /** Origins the popup asked for whose permission prompt may still be open (session storage). */
  pending: {
    get: () => Promise<Record<string, number>>;
    set: (all: Record<string, number>) => Promise<void>;
  };
}

export interface Outcomes {
  last?: AutoReadOutcome;
  lastRead?: AutoReadOutcome;
}

const SCRIPT_PREFIX = "auto-read:";
/** How long a permission prompt opened from the popup may take to be answered. */
const PENDING_MS = 10 * 60_000;

export const scriptId = (origin: string) => `${SCRIPT_PREFIX}${origin}`;
export const hostPattern = (origin: string) => `${origin}/*`;
/** "https://www.edulinkone.com/*" → "https://www.edulinkone.com". */
const originOfPattern = (pattern: string) => pattern.replace(/\/\*$/, "");

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

const siteNameFor = (origin: string) => siteFor(`${origin}/`)?.name ?? "Timetable";

type AutoReadRequests = {
  [
    K in "page/auto-collect" | "page/auto-read" | "auto-read/list" | "auto-read/enable" | "auto-read/remove"
  ]: (request: Request<K>, sender?: SenderInfo) => Promise<Replies[K]>;
};

export type AutoReadHandlers = AutoReadRequests & {
  /** permissions.onAdded / onRemoved: register a site whose prompt was just accepted; forget one taken back. */
  onPermissionsChanged: (change: { added?: string[]; removed?: string[] }) => Promise<void>;
  /** Whether an opted-in site needs this host pattern's permission (a feed on the same host keeps it). */
  usesHost: (pattern: string) => Promise<boolean>;
};

/** Whether a calendar feed still needs this host's permission (then it is not given back). */
async function feedNeedsHost(db: WithinHoursDB, pattern: string): Promise<boolean> {
  const feeds = await db.sources.where("type").equals("ics-feed").toArray();
  return feeds.some((f) => f.url !== undefined && feedOrigin(new URL(f.url)) === pattern);
}

export function createAutoReadHandlers(deps: AutoReadDeps): AutoReadHandlers {
  async function optedInOrigins(): Promise<string[]> {
    const scripts = await deps.scripts.list();
    return scripts.filter((s) => s.id.startsWith(SCRIPT_PREFIX)).map((s) => s.id.slice(SCRIPT_PREFIX.length));
  }

  /** The opted-in origin a content script wrote from, or an error: no other page may use these requests. */
  async function senderOrigin(sender: SenderInfo | undefined): Promise<string> {
    const origin = originOf(sender?.url);
    const optedIn =
      origin !== undefined &&
      (await optedInOrigins()).includes(origin) &&
      (await deps.hasHostPermission(hostPattern(origin)));
    if (!optedIn || sender?.tab?.id === undefined)
      throw new Error("Refused: this site is not one you asked Within Hours to read automatically.");
    return origin;
  }

  async function record(origin: string, outcome: AutoReadOutcome): Promise<AutoReadOutcome> {
    const all = await deps.outcomes.get();
    all[origin] = { last: outcome, lastRead: outcome.ok ? outcome : all[origin]?.lastRead };
    await deps.outcomes.set(all);
    return outcome;
  }

  async function register(origin: string): Promise<AutoReadSite> {
    if (!(await optedInOrigins()).includes(origin)) {
      try {
        await deps.scripts.register(scriptId(origin), [hostPattern(origin)]);
      } catch (error) {
        // Registered meanwhile by the other path (the popup's answer and the browser's permission event).
        if (!(await optedInOrigins()).includes(origin)) throw error;
      }
    }
    const pending = await deps.pending.get();
    if (origin in pending) {
      delete pending[origin];
      await deps.pending.set(pending);
    }
    return { origin, siteName: siteNameFor(origin), ...(await deps.outcomes.get())[origin] };
  }

  async function forget(origin: string): Promise<void> {
    await deps.scripts.unregister([scriptId(origin)]).catch(() => undefined);
    const outcomes = await deps.outcomes.get();
    delete outcomes[origin];
    await deps.outcomes.set(outcomes);
  }

  return {
    "page/auto-collect": async (_request, sender) => {
      const origin = await senderOrigin(sender);
      const page = await deps.collect(sender!.tab!.id!, sender!.frameId ?? 0);
      if (!page || originOf(page.url) !== origin) throw new Error("The page gave nothing back to read.");
      const profile = await currentProfile(deps.db(), deps.now());
      return { page, timeZone: profile.timeZone };
    },

    "page/auto-read": async ({ items, refused }, sender) => {
      const origin = await senderOrigin(sender);
      const site = siteFor(sender!.url!);
      const at = deps.now();
      const refuse = (reason: string) =>
        record(origin, { at, ok: false, text: `Could not read this page: ${reason} Nothing was imported.` });
      if (refused !== undefined || !items || !site) return { outcome: await refuse(refused ?? "") };
      // The same rules as a read from the popup: a reading that cannot be right is never imported.
      const profile = await currentProfile(deps.db(), at);
      const problem = implausible(items, site, profile.timeZone);
      if (problem) return { outcome: await refuse(problem) };
      const result = await importPageReading(
        deps.db(),
        { type: "source/import-page", site: site.id, siteName: site.name, items },
        at,
      );
      await deps.refresh({ source: result.sourceId, items: result.stored });
      const changes = [
        `${result.added} added`,
        `${result.updated} updated`,
        ...(result.removed > 0 ? [`${result.removed} no longer on the page removed`] : []),
      ];
      return {
        outcome: await record(origin, { at, ok: true, text: `${result.name}: ${changes.join(", ")}.` }),
      };
    },

    "auto-read/list": async () => {
      const origins = await optedInOrigins();
      const outcomes = await deps.outcomes.get();
      const sites: AutoReadSite[] = [];
      for (const origin of origins) {
        // A permission taken back in the browser's own settings ends the automatic reading too.
        if (!(await deps.hasHostPermission(hostPattern(origin)))) {
          await forget(origin);
          continue;
        }
        sites.push({ origin, siteName: siteNameFor(origin), ...outcomes[origin] });
      }
      return { sites };
    },

    "auto-read/enable": async ({ origin }) => {
      if (await deps.hasHostPermission(hostPattern(origin))) return { site: await register(origin) };
      // The browser is asking the teacher now; the permission event finishes the job if the popup has closed.
      await deps.pending.set({ ...(await deps.pending.get()), [origin]: deps.now() });
      return { pending: true };
    },

    "auto-read/remove": async ({ origin }) => {
      await forget(origin);
      if (!(await feedNeedsHost(deps.db(), hostPattern(origin))))
        await deps.removeHostPermission(hostPattern(origin)).catch(() => undefined);
      return {};
    },

    usesHost: async (pattern) => (await optedInOrigins()).includes(originOfPattern(pattern)),

    onPermissionsChanged: async ({ added = [], removed = [] }) => {
      const optedIn = await optedInOrigins();
      for (const pattern of removed) {
        const origin = originOfPattern(pattern);
        if (optedIn.includes(origin)) await forget(origin);
      }
      if (added.length === 0) return;
      const pending = await deps.pending.get();
      for (const pattern of added) {
        const origin = originOfPattern(pattern);
        const askedAt = pending[origin];
        if (askedAt !== undefined && deps.now() - askedAt <= PENDING_MS) await register(origin);
      }
    },
  };
}

/** Where the browser offers no automatic reading (unit tests of the other handlers). */
export const AUTO_READ_UNAVAILABLE: AutoReadHandlers = (() => {
  const unavailable = () => Promise.reject(new Error("Automatic reading is not available here."));
  return {
    "page/auto-collect": unavailable,
    "page/auto-read": unavailable,
    "auto-read/list": async () => ({ sites: [] }),
    "auto-read/enable": unavailable,
    "auto-read/remove": unavailable,
    onPermissionsChanged: async () => undefined,
    usesHost: async () => false,
  };
})();
