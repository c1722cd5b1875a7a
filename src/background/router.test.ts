import { describe, expect, it, vi } from "vitest";
import { REFUSED, routeMessage, type HandlerMap } from "./router";

const identity = { extensionId: "abc", extensionOrigin: "chrome-extension://abc/" };
const page = { id: "abc", url: "chrome-extension://abc/options.html" };
const contentScript = { id: "abc", url: "https://mail.google.com/mail/u/0/" };

function handlers(): HandlerMap {
  const ok = vi.fn(async () => ({ done: true }));
  return new Proxy({} as HandlerMap, { get: () => ok });
}

describe("routeMessage", () => {
  it("runs a valid request from an extension page", async () => {
    const reply = await routeMessage({ type: "items/delete", ids: ["a"] }, page, identity, handlers());
    expect(reply).toEqual({ ok: true, done: true });
  });

  it("refuses messages from another extension", async () => {
    const h = handlers();
    const reply = await routeMessage({ type: "status/ping" }, { id: "evil", url: page.url }, identity, h);
    expect(reply).toEqual({ ok: false, error: REFUSED.foreign });
  });

  it("refuses a privileged command from a content script and changes nothing", async () => {
    const h = handlers();
    const reply = await routeMessage({ type: "items/delete", ids: ["a"] }, contentScript, identity, h);
    expect(reply).toEqual({ ok: false, error: REFUSED.notPage });
    expect(h["items/delete"]).not.toHaveBeenCalled();
  });

  it("lets a content script ask for the send policy", async () => {
    const reply = await routeMessage({ type: "guard/get-policy" }, contentScript, identity, handlers());
    expect(reply.ok).toBe(true);
  });

  it("refuses unknown and prototype-named types", async () => {
    for (const type of ["nope", "__proto__", "constructor", 42, undefined]) {
      expect(await routeMessage({ type }, page, identity, handlers())).toEqual({
        ok: false,
        error: REFUSED.unknown,
      });
    }
    expect(await routeMessage(null, page, identity, handlers())).toEqual({
      ok: false,
      error: REFUSED.unknown,
    });
  });

  it("refuses a malformed payload with the reason and the field", async () => {
    const h = handlers();
    const reply = await routeMessage(
      { type: "guard/record-send", at: -5, outcome: "warned", site: "gmail" },
      contentScript,
      identity,
      h,
    );
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatch(/malformed \(at\)/);
    expect(h["guard/record-send"]).not.toHaveBeenCalled();
  });

  it("refuses extra fields smuggled into a request", async () => {
    const reply = await routeMessage({ type: "status/ping", evil: 1 }, page, identity, handlers());
    expect(reply.ok).toBe(false);
  });

  it("turns a handler error into an error reply", async () => {
    const h = handlers();
    (h["status/ping"] as unknown) = undefined;
    const failing = new Proxy({} as HandlerMap, {
      get: () => async () => {
        throw new Error("Your browser's storage is full.");
      },
    });
    expect(await routeMessage({ type: "status/ping" }, page, identity, failing)).toEqual({
      ok: false,
      error: "Your browser's storage is full.",
    });
  });
});
