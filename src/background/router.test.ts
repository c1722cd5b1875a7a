import { describe, expect, it, vi } from "vitest";
import { REFUSED, routeMessage, routePageWorldMessage, type HandlerMap } from "./router";

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

describe("routePageWorldMessage (a mail page's own world, Chrome's externally_connectable)", () => {
  const mail = new Set(["https://mail.google.com"]);
  const gmailTab = {
    origin: "https://mail.google.com",
    url: "https://mail.google.com/mail/u/0/",
    tab: { id: 4 },
    frameId: 0,
  };

  it("attaches the guard, and records a send let through without it", async () => {
    const h = handlers();
    expect(await routePageWorldMessage({ type: "guard/attach", site: "gmail" }, gmailTab, mail, h)).toEqual({
      ok: true,
      done: true,
    });
    const failedOpen = { type: "guard/record-send", at: 1, outcome: "guard-error", site: "gmail" };
    expect((await routePageWorldMessage(failedOpen, gmailTab, mail, h)).ok).toBe(true);
    expect(h["guard/attach"]).toHaveBeenCalledTimes(2);
  });

  it("takes nothing else from the page, whatever it claims", async () => {
    const h = handlers();
    for (const message of [
      { type: "items/delete", ids: ["a"] },
      { type: "guard/get-policy" },
      { type: "guard/record-send", at: 1, outcome: "sent-anyway", site: "gmail" },
      { type: "guard/attach", site: "gmail", extra: 1 },
      null,
    ]) {
      expect((await routePageWorldMessage(message, gmailTab, mail, h)).ok).toBe(false);
    }
    expect(await routePageWorldMessage({ type: "status/ping" }, gmailTab, mail, h)).toEqual({
      ok: false,
      error: REFUSED.notMail,
    });
    expect(h["guard/attach"]).not.toHaveBeenCalled();
  });

  it("refuses a page that is not a mail site, or a sender outside a tab", async () => {
    const h = handlers();
    const attach = { type: "guard/attach", site: "gmail" };
    const other = { ...gmailTab, origin: "https://mail.google.com.evil.example" };
    expect(await routePageWorldMessage(attach, other, mail, h)).toEqual({
      ok: false,
      error: REFUSED.foreign,
    });
    const noTab = { origin: "https://mail.google.com" };
    expect(await routePageWorldMessage(attach, noTab, mail, h)).toEqual({
      ok: false,
      error: REFUSED.foreign,
    });
    expect(h["guard/attach"]).not.toHaveBeenCalled();
  });
});
