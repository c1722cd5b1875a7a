// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi, type Mock } from "vitest";
import { gmailSpot } from "./gmail";
import {
  ATTACH_WAIT_MS,
  WATCH_KEY,
  startWatch,
  type AttachedGuard,
  type ReleaseSend,
  type Watch,
} from "./send-watcher";

// A minimal Gmail compose: the Send button inside the compose form (selectors from ./gmail).
const COMPOSE = `<div class="M9"><div class="IZ"><div class="Up"><div><div role="button" id="send">Send</div>
  <div role="button" aria-haspopup="true" id="more">More send options</div></div></div></div>
  <div contenteditable="true" id="body"></div></div>`;

interface Page {
  sends: number;
  watch: Watch;
  requestAttach: Mock<() => Promise<unknown>>;
  failedOpen: Mock<(at: number) => void>;
}

/** The site's own Send handler listens in the bubble phase, as Gmail's does. */
function page(requestAttach: () => Promise<unknown>): Page {
  document.body.innerHTML = COMPOSE;
  const p = { sends: 0 } as Page;
  document.addEventListener("click", (e) => {
    if ((e.target as Element).closest(gmailSpot.send)) p.sends++;
  });
  p.requestAttach = vi.fn(requestAttach);
  p.failedOpen = vi.fn<(at: number) => void>();
  p.watch = startWatch(gmailSpot, window, { requestAttach: p.requestAttach, failedOpen: p.failedOpen });
  return p;
}

const send = () => document.getElementById("send")!;
const click = (el: Element) => el.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));

/** A guard that records what it is handed and lets every send through, a held one by releasing it. */
function fakeGuard() {
  const handled: (Event | null)[] = [];
  const start = (release: ReleaseSend): AttachedGuard => ({
    handle(e, sendButton) {
      handled.push(e);
      if (!e) release(sendButton); // an event in flight goes on to the site by itself
    },
    stop: vi.fn(),
  });
  return { start, handled };
}

let current: Page | undefined;
afterEach(() => {
  current?.watch.stop();
  current = undefined;
  vi.useRealTimers();
});

describe("the send watcher (document_start, before the guard is attached)", () => {
  it("holds a Send made before the guard arrives, asks for it once, and hands it over once", async () => {
    let attached!: () => void;
    current = page(() => new Promise<void>((resolve) => (attached = resolve)));
    click(send());
    click(send()); // a second press while waiting
    expect(current.sends).toBe(0);
    expect(current.requestAttach).toHaveBeenCalledTimes(1);

    const { start, handled } = fakeGuard();
    current.watch.attach(start);
    attached();
    await Promise.resolve();
    expect(handled).toEqual([null]);
    expect(current.sends).toBe(1);
    expect(current.failedOpen).not.toHaveBeenCalled();
  });

  it("once attached, every Send goes to the guard in its own event", () => {
    current = page(async () => undefined);
    const { start, handled } = fakeGuard();
    current.watch.attach(start);
    click(send());
    expect(handled).toHaveLength(1);
    expect(handled[0]).toBeInstanceOf(MouseEvent);
    expect(current.sends).toBe(1);
    // A repeated attach does not start a second guard.
    const second = vi.fn(fakeGuard().start);
    current.watch.attach(second);
    expect(second).not.toHaveBeenCalled();
  });

  it("if the guard cannot be attached, the held send goes through once and is recorded", async () => {
    current = page(() => Promise.reject(new Error("worker gone")));
    click(send());
    await vi.waitFor(() => expect(current!.sends).toBe(1));
    expect(current.failedOpen).toHaveBeenCalledTimes(1);
    // The next Send asks again rather than giving up on the guard for good.
    click(send());
    expect(current.requestAttach).toHaveBeenCalledTimes(2);
    await vi.waitFor(() => expect(current!.sends).toBe(2));
  });

  it(`if the background never answers, the held send goes through after ${ATTACH_WAIT_MS} ms`, () => {
    vi.useFakeTimers();
    current = page(() => new Promise(() => undefined));
    click(send());
    vi.advanceTimersByTime(ATTACH_WAIT_MS - 1);
    expect(current.sends).toBe(0);
    vi.advanceTimersByTime(1);
    expect(current.sends).toBe(1);
    expect(current.failedOpen).toHaveBeenCalledTimes(1);
  });

  it("ordinary typing, plain Enter and the More send options arrow are left alone", () => {
    current = page(() => new Promise(() => undefined));
    const body = document.getElementById("body")!;
    for (const key of ["a", "Enter", " "]) {
      const e = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true });
      body.dispatchEvent(e);
      expect(e.defaultPrevented).toBe(false);
    }
    const more = new MouseEvent("click", { bubbles: true, cancelable: true });
    document.getElementById("more")!.dispatchEvent(more);
    expect(more.defaultPrevented).toBe(false);
    // The frame's first key asks for the guard, ahead of any Send; nothing is held, and nothing asks again.
    expect(current.requestAttach).toHaveBeenCalledTimes(1);
    expect(current.failedOpen).not.toHaveBeenCalled();
  });

  it("Ctrl+Enter in the compose is a send, and is held like a click", () => {
    current = page(() => new Promise(() => undefined));
    const e = new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, bubbles: true, cancelable: true });
    document.getElementById("body")!.dispatchEvent(e);
    expect(e.defaultPrevented).toBe(true);
    expect(current.requestAttach).toHaveBeenCalledTimes(1);
  });
});

describe("the content script's watcher (startWatch)", () => {
  const sent: unknown[] = [];
  const g = globalThis as { chrome?: unknown; [WATCH_KEY]?: Watch };
  afterEach(() => {
    delete g.chrome;
    sent.length = 0;
  });

  it("asks the background for the guard once the page has been shown, and hands a held send to it", async () => {
    // The background answers once it has run the guard's script, which calls watch.attach (below).
    let answer!: () => void;
    const sendMessage = (m: unknown) => {
      sent.push(m);
      return new Promise<void>((resolve) => (answer = resolve));
    };
    g.chrome = { runtime: { id: "test", sendMessage } };
    document.body.innerHTML = COMPOSE;
    let sends = 0;
    document.addEventListener("click", (e) => {
      if ((e.target as Element).closest(gmailSpot.send)) sends++;
    });
    const watch = startWatch(gmailSpot);
    try {
      expect(g[WATCH_KEY]).toBe(watch);
      expect(sent).toEqual([]);
      window.dispatchEvent(new Event("pageshow"));
      await vi.waitFor(() => expect(sent).toEqual([{ type: "guard/attach", site: "gmail" }]));

      click(send()); // before the guard has arrived: held, not sent twice, not asked for twice
      expect(sends).toBe(0);
      expect(sent).toHaveLength(1);
      const { start, handled } = fakeGuard();
      watch.attach(start);
      answer();
      expect(handled).toEqual([null]);
      expect(sends).toBe(1);
    } finally {
      watch.stop();
    }
  });
});
