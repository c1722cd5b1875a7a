// @vitest-environment happy-dom
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SendOutcome } from "../model/records";
import { type SendPolicy } from "./decide";
import { HOST_TAG } from "./dialog";
import { installGuard, type GuardDeps } from "./send-interceptor";
import { gmail } from "./gmail";
import { outlook } from "./outlook";
import type { SiteAdapter } from "./sites";
import { guardClock } from "./text";
import { startWatch } from "./send-watcher";

// The real Gmail compose dialog DOM, c. 2020 (fixtures/SOURCES.md), read unmodified.
const GMAIL_2020 = readFileSync(
  resolve(import.meta.dirname, "../../fixtures/gmail/compose-dialog-2020.html"),
  "utf8",
);

const H = 3_600_000;
const BASE = Date.UTC(2026, 9, 20); // Tuesday, midnight UTC
const policyFor = (over: Partial<SendPolicy> = {}): SendPolicy => ({
  version: 1,
  computedAt: BASE,
  validUntil: BASE + 14 * 24 * H,
  windows: [
    [BASE + 8 * H, BASE + 17 * H],
    [BASE + 32 * H, BASE + 41 * H],
  ],
  exceptions: [],
  windowName: "directed time",
  advice: "NEU and NASUWT advise sending work email only in directed time (union advice)",
  rule: "eng.email.directed",
  enabled: true,
  ...over,
});

interface Harness {
  sends: number;
  /** The site acts only on the teacher's own presses (isTrusted, which a test cannot set). */
  ignoresScriptPresses?: boolean;
  teacherPressing?: boolean;
  records: SendOutcome[];
  now: number;
  policy: SendPolicy;
  uninstall: () => void;
}

/** Mount a compose and the site's own Send handlers (bubble phase, as Gmail and Outlook listen). */
function mount(html: string, adapter: SiteAdapter, over: Partial<GuardDeps> = {}): Harness {
  document.body.innerHTML = html;
  const h: Harness = {
    sends: 0,
    records: [],
    now: BASE + 21 * H + 40 * 60_000,
    policy: policyFor(),
    uninstall: () => {},
  };
  // A site that takes a send marks its Send busy (the guard checks that a script press was taken),
  // unless the test makes it ignore presses that are not the teacher's own.
  const onSend = (send: Element | null) => {
    if (h.ignoresScriptPresses && !h.teacherPressing) return;
    h.sends++;
    send?.setAttribute("aria-busy", String(h.sends));
  };
  const onClick = (e: MouseEvent) => {
    const send = (e.target as Element).closest(adapter.send);
    if (send) onSend(send);
  };
  const onKeydown = (e: KeyboardEvent) => {
    const compose = adapter.composeOf(e.target as Element);
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && compose) onSend(adapter.sendIn(compose));
  };
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKeydown);
  // The watcher spots the sends; the guard is attached to it straight away here (./send-watcher.test.ts covers
  // sends made before it is).
  const watch = startWatch(adapter, window, {
    requestAttach: async () => undefined,
    failedOpen: () => undefined,
  });
  watch.attach((release) =>
    installGuard(window, {
      adapter,
      release,
      policy: () => h.policy,
      now: () => h.now,
      record: (o) => h.records.push(o),
      snooze: (until) => (h.policy = { ...h.policy, snoozedUntil: until }),
      clock: guardClock("UTC"),
      ...over,
    }),
  );
  h.uninstall = () => {
    watch.stop();
    document.removeEventListener("click", onClick);
    document.removeEventListener("keydown", onKeydown);
  };
  return h;
}

const sendButton = () => document.querySelector<HTMLElement>(gmail.send)!;
/** A press of Send by the teacher, which a site that ignores script presses still acts on. */
const teacherPresses = (el: HTMLElement) => {
  h.teacherPressing = true;
  try {
    el.click();
  } finally {
    h.teacherPressing = false;
  }
};
const dialogRoot = () => document.querySelector(HOST_TAG)?.shadowRoot ?? null;
const button = (text: string) =>
  [...(dialogRoot()?.querySelectorAll("button") ?? [])].find((b) =>
    b.textContent?.startsWith(text),
  ) as HTMLButtonElement;

let h: Harness;
afterEach(() => {
  h?.uninstall();
  document.body.innerHTML = "";
  document.querySelectorAll(HOST_TAG).forEach((n) => n.remove());
});

describe("Gmail (real 2020 compose DOM)", () => {
  beforeEach(() => {
    h = mount(GMAIL_2020, gmail);
  });

  it("finds the one Send button, not the More send options arrow", () => {
    const all = document.querySelectorAll(gmail.send);
    expect(all).toHaveLength(1);
    expect(all[0]!.getAttribute("aria-label")).toMatch(/^Send/);
  });

  it("in hours: the site's Send runs exactly once and no dialog appears", () => {
    h.now = BASE + 10 * H;
    sendButton().click();
    expect(h.sends).toBe(1);
    expect(dialogRoot()).toBeNull();
    expect(h.records).toEqual(["in-hours"]);
  });

  it("out of hours: Send is held and an alert dialog says why", () => {
    sendButton().click();
    expect(h.sends).toBe(0);
    const dialog = dialogRoot()!.querySelector("[role=alertdialog]")!;
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(dialog.textContent).toContain(
      "It is 21:40 on Tuesday; your directed time ended at 17:00 — NEU and NASUWT advise sending work email only in directed time (union advice).",
    );
    expect(button("Schedule for Wednesday 08:00")).toBeTruthy();
    expect(dialogRoot()!.activeElement).toBe(button("Schedule for"));
    expect(h.records).toEqual(["warned"]);
  });

  it("Send now lets the original send through exactly once", () => {
    sendButton().click();
    button("Send now").click();
    expect(h.sends).toBe(1);
    expect(dialogRoot()).toBeNull();
    expect(h.records).toEqual(["warned", "sent-anyway"]);
    sendButton().click();
    expect(h.sends).toBe(1);
  });

  it("Keep editing and Esc cancel without sending", () => {
    sendButton().click();
    button("Keep editing").click();
    sendButton().click();
    dialogRoot()!
      .querySelector("[role=alertdialog]")!
      .dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
    expect(h.sends).toBe(0);
    expect(dialogRoot()).toBeNull();
    expect(h.records).toEqual(["warned", "cancelled", "warned", "cancelled"]);
  });

  it("the keyboard path: Ctrl+Enter in the body is held, Send now sends once", () => {
    const body = document.querySelector<HTMLElement>("[g_editable=true]")!;
    body.dispatchEvent(
      new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, bubbles: true, cancelable: true }),
    );
    expect(h.sends).toBe(0);
    expect(dialogRoot()).not.toBeNull();
    button("Send now").click();
    expect(h.sends).toBe(1);
  });

  it("ignores ordinary typing and plain Enter in the body", () => {
    const body = document.querySelector<HTMLElement>("[g_editable=true]")!;
    body.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
    body.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(dialogRoot()).toBeNull();
  });

  it("keeps focus inside: Tab cycles through the dialog's controls", () => {
    sendButton().click();
    const root = dialogRoot()!;
    const controls = [...root.querySelectorAll<HTMLElement>("button, input")];
    controls.at(-1)!.focus();
    root.activeElement!.dispatchEvent(
      new KeyboardEvent("keydown", { key: "Tab", bubbles: true, composed: true }),
    );
    expect(root.activeElement).toBe(controls[0]);
  });

  it("Schedule drives Gmail's own schedule-send menu", () => {
    const picked = vi.fn();
    document.querySelector('[selector="scheduledSend"]')!.addEventListener("click", picked);
    sendButton().click();
    button("Schedule for").click();
    expect(picked).toHaveBeenCalledOnce();
    expect(h.sends).toBe(0);
    expect(h.records).toEqual(["warned", "scheduled"]);
  });

  it("Don't ask again until tomorrow lets later sends through until midnight", () => {
    sendButton().click();
    dialogRoot()!.querySelector<HTMLInputElement>("input[type=checkbox]")!.click();
    button("Send now").click();
    sendButton().click();
    expect(h.sends).toBe(2);
    expect(h.policy.snoozedUntil).toBeGreaterThan(h.now);
  });

  it("never warns when every recipient is one of the teacher's exceptions", () => {
    h.policy = policyFor({ exceptions: ["home.example"] });
    document.querySelector<HTMLTextAreaElement>("textarea[name=to]")!.value = "Me <me@home.example>";
    sendButton().click();
    expect(h.sends).toBe(1);
    document.querySelector<HTMLTextAreaElement>("textarea[name=to]")!.value =
      "me@home.example, head@school.example";
    sendButton().click();
    expect(h.sends).toBe(1);
  });

  it("a compose opened after load is guarded too", () => {
    const later = document.createElement("div");
    later.innerHTML = GMAIL_2020;
    document.body.append(later);
    later.querySelector<HTMLElement>(gmail.send)!.click();
    expect(h.sends).toBe(0);
    expect(dialogRoot()).not.toBeNull();
  });
});

describe("a send before the stored policy has been read", () => {
  /** The policy is unknown until `read()` resolves the deps' ready(), as storage answers after load. */
  function mountUnread(over: Partial<GuardDeps> = {}) {
    let read!: () => void;
    let fail!: (e: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      read = resolve;
      fail = reject;
    });
    let known = false;
    void ready.then(() => (known = true)).catch(() => undefined);
    const harness = mount(GMAIL_2020, gmail, {
      policy: () => (known ? harness.policy : null),
      ready: () => ready,
      ...over,
    });
    return { harness, read, fail };
  }
  const flush = () => new Promise((r) => setTimeout(r, 0));

  it("in hours: held, then the site's Send runs exactly once when the policy arrives", async () => {
    const u = mountUnread();
    h = u.harness;
    h.now = BASE + 10 * H;
    sendButton().click();
    sendButton().click(); // a second press while waiting is held, not sent twice
    expect(h.sends).toBe(0);
    u.read();
    await flush();
    expect(h.sends).toBe(1);
    expect(dialogRoot()).toBeNull();
    expect(h.records).toEqual(["in-hours"]);
  });

  it("out of hours: held, then the dialog asks", async () => {
    const u = mountUnread();
    h = u.harness;
    sendButton().click();
    u.read();
    await flush();
    expect(h.sends).toBe(0);
    expect(dialogRoot()).not.toBeNull();
    button("Send now").click();
    expect(h.sends).toBe(1);
  });

  it("if the policy cannot be read, the held send goes through (fail open)", async () => {
    const u = mountUnread();
    h = u.harness;
    sendButton().click();
    u.fail(new Error("storage gone"));
    await flush();
    expect(h.sends).toBe(1);
    expect(h.records).toEqual(["guard-error"]);
  });
});

describe("the guard never holds a send because of itself", () => {
  beforeEach(() => {
    h = mount(GMAIL_2020, gmail);
  });
  const dialogText = () => dialogRoot()?.querySelector("[role=alertdialog]")?.textContent ?? "";
  /** Polls with the page's own timers (the guard's checks run on them, a few seconds at most). */
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(done()).toBe(true);
  };

  it("a dialog removed by someone else counts as closed: the next Send is decided afresh", () => {
    teacherPresses(sendButton());
    document.querySelector(HOST_TAG)!.remove();
    teacherPresses(sendButton());
    expect(dialogText()).toContain("It is 21:40 on Tuesday");
    button("Send now").click();
    expect(h.sends).toBe(1);
    expect(h.records).toEqual(["warned", "warned", "sent-anyway"]);
  });

  it("Send now that the site ignores: the teacher is told it has not gone, and it is a guard error", async () => {
    h.ignoresScriptPresses = true;
    teacherPresses(sendButton());
    button("Send now").click();
    expect(h.sends).toBe(0);
    await until(() => dialogText().includes("Your email has not been sent"));
    expect(dialogText()).toContain("Gmail did not take the send that Within Hours passed on");
    expect(h.records).toEqual(["warned", "guard-error"]);
    button("OK").click();
    expect(dialogRoot()).toBeNull();
    // The teacher's next Send in that compose goes straight to the site, unasked.
    teacherPresses(sendButton());
    expect(h.sends).toBe(1);
    expect(dialogRoot()).toBeNull();
    expect(h.records).toEqual(["warned", "guard-error"]);
  }, 15_000);

  it("a held send in hours that the site ignores is a guard error, never counted as sent", async () => {
    h.uninstall();
    let read!: () => void;
    const ready = new Promise<void>((resolve) => (read = resolve));
    let known = false;
    h = mount(GMAIL_2020, gmail, { policy: () => (known ? h.policy : null), ready: () => ready });
    h.now = BASE + 10 * H;
    h.ignoresScriptPresses = true;
    teacherPresses(sendButton());
    known = true;
    read();
    await until(() => dialogText().includes("Your email has not been sent"));
    expect(h.sends).toBe(0);
    expect(h.records).toEqual(["guard-error"]);
  }, 15_000);
});

describe("fail open", () => {
  it("an error while deciding lets the send through and is recorded", () => {
    h = mount(GMAIL_2020, gmail, {
      policy: () => {
        throw new Error("broken policy");
      },
    });
    sendButton().click();
    expect(h.sends).toBe(1);
    expect(h.records).toEqual(["guard-error"]);
  });

  it("an error after the send was held releases it exactly once", () => {
    h = mount(GMAIL_2020, gmail, {
      clock: {
        ...guardClock("UTC"),
        weekday: {
          format: () => {
            throw new Error("no Intl");
          },
        } as unknown as Intl.DateTimeFormat,
      },
    });
    sendButton().click();
    expect(h.sends).toBe(1);
    expect(dialogRoot()).toBeNull();
    expect(h.records).toEqual(["guard-error"]);
  });
});

describe("Outlook (selectors from fixtures/SOURCES.md)", () => {
  const OUTLOOK = `
    <div role="banner"><div class="fui-SplitButton"><button class="fui-SplitButton__primaryActionButton">New mail</button></div></div>
    <div role="main"><div class="compose">
      <div role="textbox" aria-label="To">ann@school.example</div>
      <div contenteditable="true" role="textbox" aria-label="Message body">Hello</div>
      <div class="fui-SplitButton">
        <button class="fui-Button fui-SplitButton__primaryActionButton"><i class="fui-Icon-font"></i>Send</button>
        <button class="fui-Button fui-SplitButton__menuButton" aria-label="More send options"></button>
      </div>
    </div></div>`;

  it("holds Send inside a compose but not split buttons elsewhere", () => {
    h = mount(OUTLOOK, outlook);
    document.querySelector<HTMLElement>("[role=banner] button")!.click();
    expect(dialogRoot()).toBeNull();
    document.querySelector<HTMLElement>(".compose i")!.click();
    expect(dialogRoot()).not.toBeNull();
  });

  it("explains the two clicks when the schedule menu cannot be opened", () => {
    h = mount(OUTLOOK, outlook);
    document.querySelector<HTMLElement>(".compose .fui-SplitButton__primaryActionButton")!.click();
    button("Schedule for").click();
    expect(dialogRoot()!.textContent).toContain('click the arrow on the Send button, choose "Schedule send"');
    button("OK").click();
    expect(dialogRoot()).toBeNull();
    expect(h.sends).toBe(0);
    expect(h.records).toEqual(["warned", "scheduled"]);
  });

  it("reads recipients from the wells for exceptions", () => {
    h = mount(OUTLOOK, outlook);
    expect(outlook.recipients(document.querySelector(".compose")!)).toEqual(["ann@school.example"]);
  });
});
