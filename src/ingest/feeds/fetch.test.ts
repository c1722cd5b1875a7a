import { describe, expect, it } from "vitest";
import { FeedError, normaliseFeedUrl } from "./address";
import { fetchFeed } from "./fetch";

function fakeFetch(status: number, body = "", headers: Record<string, string> = {}) {
  const calls: RequestInit[] = [];
  const impl = (async (_url: URL, init: RequestInit) => {
    calls.push(init);
    return new Response(status === 304 ? null : body, { status, headers });
  }) as unknown as typeof fetch;
  return { impl, calls };
}

describe("feeds", () => {
  it("turns webcal into https and refuses plain http", () => {
    expect(normaliseFeedUrl("webcal://example.org/cal.ics").href).toBe("https://example.org/cal.ics");
    expect(() => normaliseFeedUrl("http://example.org/cal.ics")).toThrow(FeedError);
    expect(() => normaliseFeedUrl("not a url")).toThrow(/does not look like a web address/);
  });

  it("sends conditional headers and reads 304 as unchanged", async () => {
    const { impl, calls } = fakeFetch(304);
    const result = await fetchFeed(
      new URL("https://x.test/a.ics"),
      { etag: '"v1"', lastModified: "Mon" },
      impl,
    );
    expect(result).toEqual({ status: "unchanged" });
    const headers = calls[0]?.headers as Record<string, string>;
    expect(headers["If-None-Match"]).toBe('"v1"');
    expect(headers["If-Modified-Since"]).toBe("Mon");
    expect(calls[0]?.credentials).toBe("omit");
  });

  it("returns the text and new validators", async () => {
    const { impl } = fakeFetch(200, "BEGIN:VCALENDAR", { etag: '"v2"' });
    expect(await fetchFeed(new URL("https://x.test/a.ics"), {}, impl)).toEqual({
      status: "changed",
      text: "BEGIN:VCALENDAR",
      etag: '"v2"',
      lastModified: undefined,
    });
  });

  it("explains a failed refresh and keeps the last copy", async () => {
    const { impl } = fakeFetch(500, "", {});
    await expect(fetchFeed(new URL("https://x.test/a.ics"), {}, impl)).rejects.toThrow(
      /last good copy is kept/,
    );
  });
});
