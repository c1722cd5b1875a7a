/**
 * Calendar feeds: read only from addresses the teacher added, with conditional requests. Redirects are
 * followed by hand, each hop checked (https, not a local address, the same host or one the teacher has
 * granted); a feed that does not answer within its time, or grows past its size while being read, is
 * dropped. Pure apart from the `fetch` it is given.
 */
import { FeedError, checkFeedUrl, feedOrigin } from "./address";

export interface FeedValidators {
  etag?: string;
  lastModified?: string;
}

export type FeedFetch =
  | { status: "unchanged" }
  | { status: "changed"; text: string; url: string; etag?: string; lastModified?: string };

export const MAX_FEED_BYTES = 20 * 1024 * 1024;
export const FEED_TIMEOUT_MS = 20_000;
/** Redirects followed before giving up. */
const MAX_HOPS = 5;

export interface FeedFetchOptions {
  fetchImpl?: typeof fetch;
  /** Whether the teacher has granted Within Hours this origin ("https://host/*"). */
  isGranted: (origin: string) => Promise<boolean>;
  /** The teacher pressed Cancel. */
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
  /** Bytes read so far, and the size the server announced when it did. */
  onProgress?: (read: number, total?: number) => void;
}

export async function fetchFeed(
  url: URL,
  validators: FeedValidators,
  options: FeedFetchOptions,
): Promise<FeedFetch> {
  const timeoutMs = options.timeoutMs ?? FEED_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const cancel = () => controller.abort();
  options.signal?.addEventListener("abort", cancel);
  if (options.signal?.aborted) controller.abort();
  try {
    return await fetchFollowing(url, validators, options, controller.signal);
  } catch (error) {
    if (timedOut)
      throw new FeedError(`The calendar feed did not answer within ${Math.round(timeoutMs / 1000)} seconds.`);
    if (options.signal?.aborted) throw new FeedError("Cancelled: the calendar feed was not read.");
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", cancel);
  }
}

async function fetchFollowing(
  start: URL,
  validators: FeedValidators,
  options: FeedFetchOptions,
  signal: AbortSignal,
): Promise<FeedFetch> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const headers: Record<string, string> = { Accept: "text/calendar, text/plain;q=0.5" };
  if (validators.etag) headers["If-None-Match"] = validators.etag;
  if (validators.lastModified) headers["If-Modified-Since"] = validators.lastModified;
  let url = start;
  for (let hop = 0; ; hop++) {
    await checkHop(url, start, options);
    signal.throwIfAborted();
    let response: Response;
    try {
      // credentials: "omit": a feed link carries its own secret; the teacher's cookies are never sent.
      // redirect: "manual": every hop is checked here before it is requested.
      response = await fetchImpl(url, {
        headers,
        credentials: "omit",
        cache: "no-cache",
        redirect: "manual",
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new FeedError(`The calendar feed at ${url.host} could not be reached.`);
    }
    if (response.type === "opaqueredirect") {
      // Chromium gives extensions (worker and pages) an opaque redirect, its Location hidden: where it
      // goes cannot be checked, so it is not followed.
      throw new FeedError(
        `The calendar feed at ${url.host} sends Within Hours to another address it cannot check. Copy the final address of the feed from your calendar and add that.`,
      );
    }
    if (isRedirect(response.status)) {
      if (hop >= MAX_HOPS)
        throw new FeedError("The calendar feed redirects too many times; it was not read.");
      const location = response.headers.get("location");
      if (!location) throw new FeedError("The calendar feed redirects without saying where to.");
      try {
        url = new URL(location, url);
      } catch {
        throw new FeedError("The calendar feed redirects to an address that cannot be read.");
      }
      continue;
    }
    if (response.status === 304) return { status: "unchanged" };
    if (!response.ok) {
      const said = [response.status, response.statusText].filter(Boolean).join(" ");
      throw new FeedError(`The calendar feed answered "${said}".`);
    }
    const text = await readCapped(response, options, signal);
    return {
      status: "changed",
      text,
      url: url.href,
      etag: response.headers.get("etag") ?? undefined,
      lastModified: response.headers.get("last-modified") ?? undefined,
    };
  }
}

/** Every hop: https, not a local address, and the feed's own host or one the teacher has granted. */
async function checkHop(url: URL, start: URL, options: FeedFetchOptions): Promise<void> {
  try {
    checkFeedUrl(url);
  } catch (error) {
    if (url === start) throw error;
    throw new FeedError(
      `The calendar feed redirects to ${url.protocol}//${url.host}, which Within Hours does not read: ${(error as Error).message}`,
    );
  }
  if (url.host === start.host) return;
  if (!(await options.isGranted(feedOrigin(url)))) {
    throw new FeedError(
      `The calendar feed redirects to ${url.host}, which you have not allowed Within Hours to read. Add the feed with its final address instead.`,
    );
  }
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Reads the body as it arrives and stops as soon as it is too large, whatever Content-Length said. */
async function readCapped(
  response: Response,
  options: FeedFetchOptions,
  signal: AbortSignal,
): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_FEED_BYTES;
  const tooLarge = () =>
    new FeedError(
      `The calendar feed is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; it was not read.`,
    );
  const announced = Number(response.headers.get("content-length") ?? "");
  const total = Number.isFinite(announced) && announced > 0 ? announced : undefined;
  if (total !== undefined && total > maxBytes) throw tooLarge();
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let read = 0;
  for (;;) {
    if (signal.aborted) {
      await reader.cancel().catch(() => undefined);
      throw new DOMException("Aborted", "AbortError");
    }
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    if (read > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    parts.push(decoder.decode(value, { stream: true }));
    options.onProgress?.(read, total);
  }
  parts.push(decoder.decode());
  return parts.join("");
}
