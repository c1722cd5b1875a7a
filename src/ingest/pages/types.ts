/**
 * What a page reader gives back. Readers are pure: they get the page (its Document, or JSON the logged-in page
 * itself loaded or holds) and never make a request of their own.
 */

/** One lesson or event read from a page. Instants are UTC epoch milliseconds. */
export interface PageItem {
  title: string;
  start: number;
  end: number;
  location?: string;
  /** The teaching group or class ("10y/Sc2"), where the page names one. */
  group?: string;
  /** Whole-day entries (holidays, training days) from a school calendar. */
  allDay?: boolean;
  /**
   * What the page's structure says it is, where it says so (a timetabled period with a class is a lesson; a
   * period with none is free). The title is still classified first: "Cover 8B2" stays cover.
   */
  hint?: "lesson" | "registration" | "free" | "cover";
}

export interface PageInput {
  /** The page's address: it picks the reader. */
  url: string;
  /** The page itself, when it is HTML. */
  document?: Document;
  /** JSON the page loaded or holds (a saved answer, or the app's own state read from the page). */
  json?: unknown;
  /** The zone wall-clock times on the page are in: the teacher's profile zone. */
  timeZone: string;
  /** Today's local date (YYYY-MM-DD) in that zone: pages that show no dates are read as this week. */
  today: string;
  /** Turns an HTML string held in JSON into a Document (DOMParser in a browser, happy-dom in Node). */
  parseHtml?: (html: string) => Document;
  /** The teacher's answer when a table reader asked which column is which day and when each period runs. */
  tableMapping?: TableMapping;
}

/** How a generic timetable table maps onto days and times. */
export interface TableMapping {
  /** One local date (YYYY-MM-DD) per day column, in column order; "" for a column that is not a day. */
  days: string[];
  /** One period per row, in row order: wall-clock times "HH:MM", or null for a row that is not a period. */
  periods: ({ start: string; end: string } | null)[];
}

export type SiteId = "edulink" | "arbor" | "google-calendar" | "outlook" | "classcharts" | "html-table";

export interface ReadOk {
  ok: true;
  site: SiteId;
  /** What the teacher calls the site ("Edulink"). */
  siteName: string;
  items: PageItem[];
  warnings: string[];
}

export interface ReadRefused {
  ok: false;
  site?: SiteId;
  siteName?: string;
  /** Plain words: why this page could not be read. */
  reason: string;
  /** A table reader that is not sure of its axes proposes a mapping for the teacher to confirm. */
  proposal?: TableMapping;
}

export type PageReading = ReadOk | ReadRefused;

/** Thrown by a reader when the page is not what it expects. The message is shown to the teacher. */
export class PageUnreadable extends Error {
  constructor(
    message: string,
    readonly proposal?: TableMapping,
  ) {
    super(message);
    this.name = "PageUnreadable";
  }
}

/** What a reader returns before the registry's plausibility checks. */
export interface ReaderResult {
  items: PageItem[];
  warnings: string[];
}
