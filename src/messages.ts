/**
 * The one message protocol between content scripts, extension pages and the background.
 *
 * Names say the direction: `guard/*` and `page/*` come from content scripts (CS→BG); everything marked
 * `privileged` may only come from this extension's own pages (UI→BG) and changes stored data. The
 * background validates every request against these schemas and replies with `Reply`.
 *
 * Content scripts must not import this file (zod would blow their size budget): they build the plain
 * objects described by the request types below and the background validates them.
 */
import * as z from "zod";
import { COVER_REASONS, ITEM_KINDS } from "./model/item";
import { SEND_OUTCOMES } from "./model/records";
import { MAIL_SITES } from "./guard/sites";
import { partialProfileSchema, sourceSchema, workItemSchema } from "./model/schema";
import type { Profile } from "./model";
import type { SendPolicy } from "./guard/decide";
import type { CoverVerdict } from "./rules/cover";

const sendOutcome = z.enum(SEND_OUTCOMES);
const mailSite = z.enum(MAIL_SITES);
const instant = z.number().int().min(0).max(8.64e15);
/** A cover slot is part of one school day. */
export const MAX_COVER_SPAN_MS = 12 * 3_600_000;
/** The longest item a page may put: a school year and its holidays. */
export const MAX_ITEM_SPAN_MS = 400 * 86_400_000;
const boundedItem = workItemSchema.refine(
  (item) => item.end - item.start <= MAX_ITEM_SPAN_MS,
  "an item lasts at most 400 days",
);
const localHm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** A cover's when (instants, or a local date with a period or times), class code and reason category. */
const coverFields = {
  start: instant.optional(),
  end: instant.optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  period: z.string().max(10).optional(),
  from: localHm.optional(),
  to: localHm.optional(),
  classCode: z.string().max(20).optional(),
  reason: z.enum(COVER_REASONS).optional(),
  requestedAt: instant.optional(),
};
const minutesOf = (hm: string): number => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3));
/** Whichever way the slot is given (instants or local times), it ends after it starts, within 12 hours. */
function coverSpanBounded(r: { start?: number; end?: number; from?: string; to?: string }): boolean {
  if (r.start !== undefined && r.end !== undefined) {
    return r.end > r.start && r.end - r.start <= MAX_COVER_SPAN_MS;
  }
  if (r.from !== undefined && r.to !== undefined) {
    const span = (minutesOf(r.to) - minutesOf(r.from)) * 60_000;
    return span > 0 && span <= MAX_COVER_SPAN_MS;
  }
  return true;
}
const coverSpanMessage = {
  message: "a cover slot ends after it starts and lasts at most 12 hours",
  path: ["end"],
};

/** What a page reader gives back for one lesson or event (src/ingest/pages/types.ts, PageItem). */
const pageItems = z
  .array(
    z
      .object({
        title: z.string().max(2000),
        start: instant,
        end: instant,
        location: z.string().max(2000).optional(),
        group: z.string().max(200).optional(),
        allDay: z.boolean().optional(),
        hint: z.enum(["lesson", "registration", "free", "cover"]).optional(),
      })
      .strict(),
  )
  .min(1)
  .max(5000);
/** A site the teacher lets Within Hours read when they open it: an https origin, no path. */
const httpsOrigin = z
  .string()
  .max(300)
  .regex(/^https:\/\/[a-z0-9.-]+(:\d+)?$/i, "an https origin such as https://www.edulinkone.com");

export const requestSchemas = {
  // CS→BG: the send watcher asks for the guard to be attached to its frame; the guard asks for its policy
  // and records outcomes (never content).
  "guard/attach": z.object({ type: z.literal("guard/attach"), site: mailSite }).strict(),
  "guard/get-policy": z.object({ type: z.literal("guard/get-policy") }).strict(),
  "guard/record-send": z
    .object({
      type: z.literal("guard/record-send"),
      at: instant,
      outcome: sendOutcome,
      site: mailSite,
    })
    .strict(),
  // CS→BG: a cover request seen on a page (or the popup's form); the engine's verdict comes back. The cover
  // is given as instants, or as a local date with a period or times, which the timetable places.
  "cover/verdict": z
    .object({
      type: z.literal("cover/verdict"),
      ...coverFields,
    })
    .strict()
    .refine(coverSpanBounded, coverSpanMessage),
  // CS→BG (and UI): "Log this cover": the cover becomes a cover item, logged by hand. Only its time, class
  // code and reason category are kept.
  "cover/log": z
    .object({
      type: z.literal("cover/log"),
      ...coverFields,
    })
    .strict()
    .refine(coverSpanBounded, coverSpanMessage),

  // UI→BG (privileged): settings and data changes.
  "profile/save": z.object({ type: z.literal("profile/save"), profile: partialProfileSchema }).strict(),
  "items/put": z.object({ type: z.literal("items/put"), items: z.array(boundedItem).max(50_000) }).strict(),
  "items/delete": z
    .object({ type: z.literal("items/delete"), ids: z.array(z.string().max(4000)).max(50_000) })
    .strict(),
  "items/confirm": z
    .object({
      type: z.literal("items/confirm"),
      id: z.string().max(4000),
      kind: z.enum(ITEM_KINDS),
      directed: z.boolean(),
      /** Turn the correction into a rule for future imports, matching this text in titles. */
      remember: z.string().max(200).optional(),
    })
    .strict(),
  "source/import-ics": z
    .object({
      type: z.literal("source/import-ics"),
      name: z.string().min(1).max(200),
      text: z.string().max(20 * 1024 * 1024),
    })
    .strict(),
  // The options page reads the feed itself (it shows progress and can be cancelled), then hands it over.
  "source/add-feed": z
    .object({
      type: z.literal("source/add-feed"),
      /** The teacher's name for it; empty takes the calendar's own name. */
      name: z.string().max(200),
      url: z.string().max(2000),
      text: z.string().max(20 * 1024 * 1024),
      etag: z.string().max(1000).optional(),
      lastModified: z.string().max(200).optional(),
    })
    .strict(),
  // Items read from a page the teacher asked to read (the popup's "Read my timetable from this page").
  "source/import-page": z
    .object({
      type: z.literal("source/import-page"),
      site: z.enum(["edulink", "arbor", "google-calendar", "outlook", "classcharts", "html-table"]),
      siteName: z.string().min(1).max(100),
      items: pageItems,
      /** Repeat the weeks read across the term dates in the profile's cycle. */
      repeat: z.boolean().optional(),
    })
    .strict(),
  "source/refresh": z.object({ type: z.literal("source/refresh"), id: z.string().max(200) }).strict(),
  "source/delete": z.object({ type: z.literal("source/delete"), id: z.string().max(200) }).strict(),
  // Of two calendars holding the same events, count them from this one.
  "source/prefer": z.object({ type: z.literal("source/prefer"), id: z.string().min(1).max(200) }).strict(),
  /** Undo a removal: the calendar and the items the page kept when it was removed. */
  "source/restore": z
    .object({
      type: z.literal("source/restore"),
      source: sourceSchema,
      items: z.array(boundedItem).max(50_000),
    })
    .strict()
    .refine((r) => r.items.every((item) => item.source === r.source.id), {
      message: "every item belongs to the calendar restored",
      path: ["items"],
    }),
  // The options page restores a backup itself (no message could carry one of any size); then the
  // background recounts.
  "backup/restored": z.object({ type: z.literal("backup/restored") }).strict(),
  "status/ping": z.object({ type: z.literal("status/ping") }).strict(),

  // CS→BG: a site's automatic reading (only on a site the teacher opted in). The background checks the
  // sender's address against the opted-in sites, collects the page for the script to read, and applies the
  // same refusal rules as a read from the popup before it imports anything.
  "page/auto-collect": z.object({ type: z.literal("page/auto-collect") }).strict(),
  "page/auto-read": z
    .object({
      type: z.literal("page/auto-read"),
      items: pageItems.optional(),
      /** Why the page's reader refused it (nothing is imported). */
      refused: z.string().max(2000).optional(),
    })
    .strict()
    .refine((r) => (r.items === undefined) !== (r.refused === undefined), {
      message: "either the items read or the reason the page could not be read",
    }),
  // UI→BG (privileged): which sites are read automatically when the teacher opens them.
  "auto-read/list": z.object({ type: z.literal("auto-read/list") }).strict(),
  "auto-read/enable": z.object({ type: z.literal("auto-read/enable"), origin: httpsOrigin }).strict(),
  "auto-read/remove": z.object({ type: z.literal("auto-read/remove"), origin: httpsOrigin }).strict(),
} as const;

export type RequestType = keyof typeof requestSchemas;
export type Request<T extends RequestType = RequestType> = z.infer<(typeof requestSchemas)[T]>;

/** Requests a content script may send. Everything else needs an extension page. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>([
  "guard/attach",
  "guard/get-policy",
  "guard/record-send",
  "cover/verdict",
  "cover/log",
  "page/auto-collect",
  "page/auto-read",
]);

/** What an import of one calendar changed. */
export interface ImportReply {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  total: number;
  warnings: string[];
  /** False when the calendar matched what was stored: nothing was written. */
  changed: boolean;
}

/** What reading a page added to its source. */
export interface PageImportReply {
  sourceId: string;
  /** "Edulink timetable, week of 13 June". */
  name: string;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  total: number;
  /** Lessons another calendar already has in the same slot, left out so they are not counted twice. */
  duplicates: number;
}

/** The last automatic reading of one site, shown in the options page. */
export interface AutoReadOutcome {
  at: number;
  ok: boolean;
  /** "Edulink timetable, week of 13 June: 2 added, 1 updated" or why the page could not be read. */
  text: string;
}

/** A site the teacher lets Within Hours read when they open it. */
export interface AutoReadSite {
  /** "https://www.edulinkone.com". */
  origin: string;
  /** The reader's site name ("Edulink"; "Timetable" for the table reader). */
  siteName: string;
  /** The latest visit's outcome, and the latest one that read something. */
  last?: AutoReadOutcome;
  lastRead?: AutoReadOutcome;
}

/**
 * What each request's handler answers when it succeeds. The handler map is typed against it, and the
 * pages' client (src/ui/client.ts) gives the same type back, so both ends agree by construction.
 */
export interface Replies {
  "guard/attach": Record<never, never>;
  "guard/get-policy": { policy: SendPolicy };
  /** `logged: false` when the tab is over its send-log quota this minute. */
  "guard/record-send": { logged?: false };
  "cover/verdict": { verdict: CoverVerdict; start: number; end: number };
  "cover/log": { id: string; start: number; end: number };
  "profile/save": { profile: Profile };
  "items/put": { count: number };
  "items/delete": { count: number };
  "items/confirm": Record<never, never>;
  "source/import-ics": ImportReply;
  "source/import-page": PageImportReply;
  "source/add-feed": ImportReply & { name: string };
  "source/refresh": ImportReply | { notModified: true };
  "source/delete": Record<never, never>;
  "source/prefer": Record<never, never>;
  "source/restore": { count: number };
  "backup/restored": Record<never, never>;
  "status/ping": { now: number };
  "page/auto-collect": {
    page: { url: string; html: string; json?: unknown };
    /** The zone the page's wall-clock times are read in: the teacher's. */
    timeZone: string;
  };
  "page/auto-read": { outcome: AutoReadOutcome };
  "auto-read/list": { sites: AutoReadSite[] };
  /** `pending` while the browser is still asking the teacher for the site's permission. */
  "auto-read/enable": { site?: AutoReadSite; pending?: true };
  "auto-read/remove": Record<never, never>;
}

/** What a page writes to send request `T`: its schema's input, without the `type` the client adds. */
export type Payload<T extends RequestType> = Omit<z.input<(typeof requestSchemas)[T]>, "type">;

export type Reply<T = Record<string, unknown>> = ({ ok: true } & T) | { ok: false; error: string };
/** The answer to request `T`, as the router sends it back. */
export type ReplyTo<T extends RequestType> = Reply<Replies[T]>;
