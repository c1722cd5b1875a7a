/**
 * Calendar feeds: fetched only from addresses the teacher added, with conditional requests, and never at
 * the cost of the last good copy. Pure apart from the `fetch` it is given.
 */
import { FeedError } from "./address";

export interface FeedValidators {
  etag?: string;
  lastModified?: string;
}

export type FeedFetch =
  { status: "unchanged" } | { status: "changed"; text: string; etag?: string; lastModified?: string };

const MAX_FEED_BYTES = 20 * 1024 * 1024;

export async function fetchFeed(
  url: URL,
  validators: FeedValidators,
  fetchImpl: typeof fetch = fetch,
): Promise<FeedFetch> {
  const headers: Record<string, string> = { Accept: "text/calendar, text/plain;q=0.5" };
  if (validators.etag) headers["If-None-Match"] = validators.etag;
  if (validators.lastModified) headers["If-Modified-Since"] = validators.lastModified;
  let response: Response;
  try {
    // credentials: "omit" — a feed link carries its own secret; we never send the teacher's cookies.
    response = await fetchImpl(url, { headers, credentials: "omit", cache: "no-cache" });
  } catch {
    throw new FeedError("The calendar feed could not be reached. Your last good copy is kept.");
  }
  if (response.status === 304) return { status: "unchanged" };
  if (!response.ok) {
    throw new FeedError(
      `The calendar feed answered "${response.status} ${response.statusText}". Your last good copy is kept.`,
    );
  }
  const length = Number(response.headers.get("content-length") ?? 0);
  if (length > MAX_FEED_BYTES)
    throw new FeedError("The calendar feed is larger than 20 MB; it was not read.");
  const text = await response.text();
  if (text.length > MAX_FEED_BYTES)
    throw new FeedError("The calendar feed is larger than 20 MB; it was not read.");
  return {
    status: "changed",
    text,
    etag: response.headers.get("etag") ?? undefined,
    lastModified: response.headers.get("last-modified") ?? undefined,
  };
}
