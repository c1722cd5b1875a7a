import { describe, expect, it } from "vitest";
import { FeedError, feedOrigin, localHostKind, normaliseFeedUrl } from "./address";
import { fetchFeed, type FeedFetchOptions } from "./fetch";

type Answer = (url: URL, init: RequestInit) => Response | Promise<Response>;

/** A fetch that answers from `answers` in turn and records what it was asked. */
function fakeFetch(...answers: Answer[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (url: URL, init: RequestInit) => {
    calls.push({ url: String(url), init });
    const answer = answers.shift();
    if (!answer) throw new TypeError("network down");
    return answer(url, init);
  }) as unknown as typeof fetch;
  return { impl, calls };
}

const respond =
  (status: number, body: BodyInit | null = "", headers: Record<string, string> = {}): Answer =>
  () =>
    new Response(status === 304 || (status >= 300 && status < 400) ? null : body, { status, headers });
const redirectTo = (location: string, status = 302) => respond(status, null, { location });

const FEED = new URL("https://x.test/a.ics");
const options = (impl: typeof fetch, more: Partial<FeedFetchOptions> = {}): FeedFetchOptions => ({
  fetchImpl: impl,
  isGranted: async (origin) => origin === "https://granted.test/*",
  ...more,
});

describe("feed addresses", () => {
  it("turns webcal into https and refuses plain http", () => {
    expect(normaliseFeedUrl("webcal://example.org/cal.ics").href).toBe("https://example.org/cal.ics");
    expect(() => normaliseFeedUrl("http://example.org/cal.ics")).toThrow(FeedError);
    expect(() => normaliseFeedUrl("not a url")).toThrow(/does not look like a web address/);
    expect(feedOrigin(new URL("https://example.org:8443/a"))).toBe("https://example.org:8443/*");
  });

  it("refuses loopback, private and link-local hosts, however they are spelt", () => {
    for (const host of [
      "127.0.0.1",
      "127.1",
      "2130706433",
      "0x7f.0.0.1",
      "localhost",
      "calendar.localhost",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.10",
      "169.254.169.254",
      "0.0.0.0",
      "[::1]",
      "[::ffff:127.0.0.1]",
      "[fd00::1]",
      "[fe80::1]",
      "printer.local",
    ]) {
      expect(() => normaliseFeedUrl(`https://${host}/cal.ics`), host).toThrow(/does not read calendars/);
    }
    for (const host of ["calendar.google.com", "8.8.8.8", "172.32.0.1", "[2001:db8::1]"]) {
      expect(localHostKind(new URL(`https://${host}/`).hostname), host).toBeUndefined();
    }
  });
});

describe("fetchFeed", () => {
  it("sends conditional headers, no cookies, handles redirects itself, and reads 304 as unchanged", async () => {
    const { impl, calls } = fakeFetch(respond(304));
    const result = await fetchFeed(FEED, { etag: '"v1"', lastModified: "Mon" }, options(impl));
    expect(result).toEqual({ status: "unchanged" });
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(headers["If-None-Match"]).toBe('"v1"');
    expect(headers["If-Modified-Since"]).toBe("Mon");
    expect(calls[0]?.init.credentials).toBe("omit");
    expect(calls[0]?.init.redirect).toBe("manual");
  });

  it("returns the text, the address it came from and new validators", async () => {
    const { impl } = fakeFetch(respond(200, "BEGIN:VCALENDAR", { etag: '"v2"' }));
    expect(await fetchFeed(FEED, {}, options(impl))).toEqual({
      status: "changed",
      text: "BEGIN:VCALENDAR",
      url: FEED.href,
      etag: '"v2"',
      lastModified: undefined,
    });
  });

  it("says what a failing server answered", async () => {
    const { impl } = fakeFetch(respond(500, "", {}));
    await expect(fetchFeed(FEED, {}, options(impl))).rejects.toThrow(/answered "500"/);
  });

  it("follows a redirect on the same host and to a granted host", async () => {
    const { impl, calls } = fakeFetch(
      redirectTo("/b.ics", 301),
      redirectTo("https://granted.test/c.ics"),
      respond(200, "BEGIN:VCALENDAR"),
    );
    const result = await fetchFeed(FEED, {}, options(impl));
    expect(calls.map((c) => c.url)).toEqual([
      "https://x.test/a.ics",
      "https://x.test/b.ics",
      "https://granted.test/c.ics",
    ]);
    expect(result).toMatchObject({ status: "changed", url: "https://granted.test/c.ics" });
  });

  it("refuses a redirect to 127.0.0.1, to http, or to a host not granted, without requesting it", async () => {
    for (const [location, message] of [
      ["http://127.0.0.1/cal.ics", /Only secure/],
      ["https://127.0.0.1/cal.ics", /this computer/],
      ["https://[::1]:8443/cal.ics", /this computer/],
      ["https://192.168.0.1/cal.ics", /private network/],
      ["http://x.test/cal.ics", /Only secure/],
      ["https://elsewhere.test/cal.ics", /not allowed Within Hours to read/],
    ] as const) {
      const { impl, calls } = fakeFetch(redirectTo(location), respond(200, "BEGIN:VCALENDAR"));
      await expect(fetchFeed(FEED, {}, options(impl)), location).rejects.toThrow(message);
      expect(calls).toHaveLength(1);
    }
  });

  it("refuses a redirect whose address the browser hides", async () => {
    const opaque = { type: "opaqueredirect", status: 0, ok: false, headers: new Headers() } as Response;
    const { impl } = fakeFetch(() => opaque);
    await expect(fetchFeed(FEED, {}, options(impl))).rejects.toThrow(/another address it cannot check/);
  });

  it("gives up after a few redirects", async () => {
    const loop = Array.from({ length: 10 }, () => redirectTo("/a.ics"));
    const { impl } = fakeFetch(...loop);
    await expect(fetchFeed(FEED, {}, options(impl))).rejects.toThrow(/too many times/);
  });

  it("stops reading a body that grows past the cap, whatever Content-Length said", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const { impl } = fakeFetch(
      () => new Response(endless, { status: 200, headers: { "content-length": "10" } }),
    );
    const progress: number[] = [];
    await expect(
      fetchFeed(
        FEED,
        {},
        options(impl, { maxBytes: 1024 * 1024, onProgress: (read) => progress.push(read) }),
      ),
    ).rejects.toThrow(/larger than 1 MB/);
    expect(pulled).toBeLessThan(40);
    expect(progress.at(-1)).toBeLessThanOrEqual(1024 * 1024);
  });

  it("refuses an announced size over the cap before reading", async () => {
    const { impl } = fakeFetch(respond(200, "x", { "content-length": String(21 * 1024 * 1024) }));
    await expect(fetchFeed(FEED, {}, options(impl))).rejects.toThrow(/larger than 20 MB/);
  });

  it("gives up on a server that does not answer in time, and on the teacher's cancel", async () => {
    const hang: Answer = (_url, init) =>
      new Promise((_, reject) => {
        const abort = () => reject(new DOMException("Aborted", "AbortError"));
        if (init.signal?.aborted) abort();
        init.signal?.addEventListener("abort", abort);
      });
    const slow = fakeFetch(hang);
    await expect(fetchFeed(FEED, {}, options(slow.impl, { timeoutMs: 50 }))).rejects.toThrow(
      /did not answer within/,
    );

    const cancel = new AbortController();
    const cancelled = fakeFetch(hang);
    const pending = fetchFeed(FEED, {}, options(cancelled.impl, { signal: cancel.signal }));
    cancel.abort();
    await expect(pending).rejects.toThrow(/Cancelled/);
  });
});
