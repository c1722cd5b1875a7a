/**
 * The send guard in Chromium with the built extension (WH_BUILD_DIR, default build/chrome-mv3-prod),
 * compose pages served at mail.google.com and outlook.office.com, local time set through TZ.
 *
 * The browser runs in a zone where it is evening now, so the background's policy for a new profile
 * (Monday to Friday 08:00–17:00) holds every send. In-hours and fail-open cases replace the policy with
 * the same push the background sends when the calendar changes (`guard/policy-changed`), or, for a page
 * that is still loading, the copy in storage.local the guard reads first.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEND_LOG_LIMITS, SEND_OUTCOMES, type SendOutcome, type SendRecord } from "../src/model/records";
import type { Reply } from "../src/messages";
import { SEND_GUARD_KEY } from "../src/guard/policy";
import { ATTACH_WAIT_MS, HOST_TAG as GUARD_HOST_TAG } from "../src/guard/send-watcher";
import { axeViolations } from "./axe";
import {
  evaluateInContentScript,
  launchWithExtension,
  sendFromPage,
  servePage,
  stopServiceWorker,
  type Launched,
  eveningZone,
} from "./harness";

const FIXTURES = path.resolve("e2e/fixtures");
const GMAIL_2020 = "https://mail.google.com/mail/u/0/#inbox?compose=new";
const GMAIL_2024 = "https://mail.google.com/mail/u/1/#inbox";
const OUTLOOK = "https://outlook.office.com/mail/";
/** The 2020 compose page with an image that never arrives, so the page never finishes loading. */
const GMAIL_STILL_LOADING = "https://mail.google.com/mail/u/2/#inbox?compose=new";
/** The 2020 compose page whose Send ignores clicks made by script (a site that checks isTrusted). */
const GMAIL_IGNORES_SCRIPT = "https://mail.google.com/mail/u/3/#inbox?compose=new";
/** The same, and still loading. */
const GMAIL_IGNORES_SCRIPT_LOADING = "https://mail.google.com/mail/u/4/#inbox?compose=new";

let browser: Launched;
let zone: string;

/** The 2020 compose page at GMAIL_STILL_LOADING, with an image that is never answered. */
async function serveStillLoading(ctx: BrowserContext): Promise<void> {
  const compose = readFileSync(path.join(FIXTURES, "gmail/compose-2020.html"), "utf8");
  await servePage(
    ctx,
    "https://mail.google.com/mail/u/2/**",
    compose.replace("</body>", '<img src="https://mail.google.com/never.gif" alt=""></body>'),
  );
  await ctx.route("https://mail.google.com/never.gif", () => undefined); // never answered
}

/** The 2020 compose page at GMAIL_IGNORES_SCRIPT and, still loading, at GMAIL_IGNORES_SCRIPT_LOADING. */
async function serveIgnoresScript(ctx: BrowserContext): Promise<void> {
  const compose = readFileSync(path.join(FIXTURES, "gmail/compose-2020.html"), "utf8").replace(
    '<html lang="en">',
    '<html lang="en" data-fixture-ignores-script-clicks>',
  );
  await servePage(ctx, "https://mail.google.com/mail/u/3/**", compose);
  await servePage(
    ctx,
    "https://mail.google.com/mail/u/4/**",
    compose.replace("</body>", '<img src="https://mail.google.com/never.gif" alt=""></body>'),
  );
}

beforeAll(async () => {
  zone = eveningZone();
  browser = await launchWithExtension({ tz: zone });
  await servePage(browser.ctx, "https://mail.google.com/mail/u/0/**", {
    file: path.join(FIXTURES, "gmail/compose-2020.html"),
  });
  await servePage(browser.ctx, "https://mail.google.com/mail/u/1/**", {
    file: path.join(FIXTURES, "gmail/compose-2024.html"),
  });
  await serveStillLoading(browser.ctx);
  await serveIgnoresScript(browser.ctx);
  await servePage(browser.ctx, "https://outlook.office.com/**", {
    file: path.join(FIXTURES, "outlook/compose.html"),
  });
});
afterAll(async () => browser?.close());

async function open(url: string): Promise<Page> {
  const page = await browser.ctx.newPage();
  await page.goto(url);
  return page;
}

const status = (page: Page) => page.locator("#fixture-status");
const sentCount = async (page: Page) => Number(await status(page).getAttribute("data-sent"));
const dialogOf = (page: Page) => page.getByRole("alertdialog");
const gmailSend = (scope: Page | Locator) =>
  scope.locator(".IZ .Up div > div[role=button]:not([aria-haspopup=true])");

/** Push a policy to every tab, exactly as the background does when the profile or calendar changes. */
async function pushPolicy(policy: unknown): Promise<void> {
  await browser.serviceWorker.evaluate(async (p) => {
    type Tabs = {
      query(q: object): Promise<{ id?: number }[]>;
      sendMessage(id: number, message: unknown): Promise<unknown>;
    };
    const c = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome;
    for (const tab of await c.tabs.query({})) {
      if (tab.id !== undefined)
        await c.tabs.sendMessage(tab.id, { type: "guard/policy-changed", policy: p }).catch(() => 0);
    }
  }, policy);
}

/** The guard starts listening for pushes once its page has loaded; wait for that, as a push would. */
async function listening(page: Page): Promise<void> {
  await expect
    .poll(() => evaluateInContentScript<boolean>(browser, page, "chrome.runtime.onMessage.hasListeners()"))
    .toBe(true);
}

function policyAround(now: number, over: Record<string, unknown> = {}) {
  return {
    version: 1,
    computedAt: now,
    validUntil: now + 14 * 86_400_000,
    windows: [[now - 3_600_000, now + 3_600_000]],
    exceptions: [],
    windowName: "directed time",
    advice: "NEU and NASUWT advise sending work email only in directed time (union advice)",
    rule: "eng.email.directed",
    enabled: true,
    ...over,
  };
}

/** The send log, read in the service worker from the extension's own database. */
async function sendLog(): Promise<SendRecord[]> {
  return browser.serviceWorker.evaluate(async () => {
    // Opening a database that does not exist would create an empty one under the extension's feet.
    if (!(await indexedDB.databases()).some((d) => d.name === "within-hours")) return [];
    return new Promise<SendRecord[]>((resolve, reject) => {
      const req = indexedDB.open("within-hours");
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains("sendLog")) {
          db.close();
          resolve([]);
          return;
        }
        const all = db.transaction("sendLog").objectStore("sendLog").getAll();
        all.onsuccess = () => {
          db.close();
          resolve(all.result as SendRecord[]);
        };
      };
    });
  });
}

/** How many of each outcome the send log holds. */
async function outcomeCounts(): Promise<Record<SendOutcome, number>> {
  const counts = Object.fromEntries(SEND_OUTCOMES.map((o) => [o, 0])) as Record<SendOutcome, number>;
  for (const r of await sendLog()) counts[r.outcome]++;
  return counts;
}

/** The guard says plainly that the email has not gone; OK closes that. */
async function toldNotSent(page: Page): Promise<void> {
  const notice = dialogOf(page).filter({ hasText: "Your email has not been sent" });
  await expect.poll(() => notice.isVisible(), { timeout: 10_000 }).toBe(true);
  expect(await notice.innerText()).toContain("Gmail did not take the send that Within Hours passed on");
  await notice.getByRole("button", { name: "OK" }).click();
  await expect.poll(() => dialogOf(page).count()).toBe(0);
}

/** Nothing more happens: give a late second send the chance to show itself. */
const settle = (page: Page) => page.waitForTimeout(300);

/** The site's own Send ran, and once only. */
async function sentExactlyOnce(page: Page): Promise<void> {
  await expect.poll(() => sentCount(page)).toBe(1);
  await settle(page);
  expect(await sentCount(page)).toBe(1);
}

describe("send guard, Gmail (the real 2020 compose DOM)", () => {
  it("the served page holds the copied fixture byte for byte", () => {
    const original = readFileSync(path.resolve("fixtures/gmail/compose-dialog-2020.html"), "utf8");
    expect(readFileSync(path.join(FIXTURES, "gmail/compose-2020.html"), "utf8")).toContain(original);
  });

  it("out of hours: the site's Send does not run, the dialog says why, Keep editing cancels", async () => {
    const page = await open(GMAIL_2020);
    await gmailSend(page).click();
    const dialog = dialogOf(page);
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const text = await dialog.innerText();
    expect(text).toMatch(
      /It is \d\d:\d\d on \w+day; (your (email hours|directed time) ended at \d\d:\d\d|today has no (email hours|directed time))/,
    );
    expect(text).toContain("NEU and NASUWT advise sending work email only in directed time (union advice)");
    expect(await sentCount(page)).toBe(0);
    // The dialog itself, on Gmail's page at its real address, meets WCAG 2.2 AA.
    expect(await axeViolations(page, GUARD_HOST_TAG)).toEqual([]);
    await dialog.getByRole("button", { name: "Keep editing" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await settle(page);
    expect(await sentCount(page)).toBe(0);
    await page.close();
  });

  it("Send now: the one original send goes through, exactly once", async () => {
    const page = await open(GMAIL_2020);
    await gmailSend(page).click();
    await dialogOf(page).getByRole("button", { name: "Send now" }).click();
    await sentExactlyOnce(page);
    expect(await status(page).textContent()).toBe("Message sent.");
    await page.close();
  });

  it("the keyboard path: Ctrl+Enter is held; Esc cancels; Tab and Enter choose Send now", async () => {
    const page = await open(GMAIL_2020);
    await page.locator("[g_editable=true]").click();
    await page.keyboard.type("See you tomorrow.");
    await page.keyboard.press("Control+Enter");
    const dialog = dialogOf(page);
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await sentCount(page)).toBe(0);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);

    await page.keyboard.press("Control+Enter");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Focus starts on "Schedule for …"; one Tab reaches "Send now", and focus never leaves the dialog.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await sentExactlyOnce(page);
    await page.close();
  });

  it("Schedule opens Gmail's own schedule-send and says which time to pick", async () => {
    const page = await open(GMAIL_2020);
    await gmailSend(page).click();
    await dialogOf(page)
      .getByRole("button", { name: /^Schedule for \w+day( \d+ \w+)? 08:[03]0$/ })
      .click();
    await expect.poll(() => status(page).getAttribute("data-scheduled")).toBe("1");
    await expect
      .poll(() =>
        page
          .getByRole("status")
          .filter({ hasText: /^Pick \w+day/ })
          .count(),
      )
      .toBe(1);
    expect(await sentCount(page)).toBe(0);
    await page.close();
  });

  it("a guard dialog removed from the page while open counts as closed: the next Send is decided afresh", async () => {
    const page = await open(GMAIL_2020);
    await gmailSend(page).click();
    await expect.poll(() => dialogOf(page).isVisible()).toBe(true);
    // Another extension, or the site re-rendering, takes the dialog out of the page.
    await page.evaluate(() => document.querySelector("within-hours-guard")?.remove());
    expect(await dialogOf(page).count()).toBe(0);
    await gmailSend(page).click();
    await expect.poll(() => dialogOf(page).isVisible()).toBe(true);
    await dialogOf(page).getByRole("button", { name: "Send now" }).click();
    await sentExactlyOnce(page);
    await page.close();
  });

  it("Send now that the site does not act on: the teacher is told it has not gone, never counted as sent", async () => {
    const before = await outcomeCounts();
    const page = await open(GMAIL_IGNORES_SCRIPT);
    await gmailSend(page).click();
    await dialogOf(page).getByRole("button", { name: "Send now" }).click();
    await toldNotSent(page);
    expect(await sentCount(page)).toBe(0);
    await expect.poll(async () => (await outcomeCounts())["guard-error"]).toBe(before["guard-error"] + 1);
    expect((await outcomeCounts())["sent-anyway"]).toBe(before["sent-anyway"]);
    // The teacher's own next Send in that compose goes straight to the site, unasked.
    await gmailSend(page).click();
    await sentExactlyOnce(page);
    expect(await dialogOf(page).count()).toBe(0);
    await page.close();
  });

  it("a compose window opened after the page loaded is guarded too", async () => {
    const page = await open(GMAIL_2020);
    await page.locator("#fixture-compose").click();
    await expect.poll(() => gmailSend(page).count()).toBe(2);
    await gmailSend(page).nth(1).click();
    await expect.poll(() => dialogOf(page).isVisible()).toBe(true);
    expect(await sentCount(page)).toBe(0);
    await page.close();
  });
});

describe("send guard, newer Gmail DOM and Outlook", () => {
  it("Gmail inline reply: Send & archive is held, Send now sends that reply once", async () => {
    const page = await open(GMAIL_2024);
    const reply = page.locator(".adn .M9");
    await reply.locator("[aria-label='Send and archive']").click();
    await dialogOf(page).getByRole("button", { name: "Send now" }).click();
    await expect.poll(() => reply.getAttribute("data-sent")).toBe("1");
    await settle(page);
    expect(await sentCount(page)).toBe(1);
    await page.close();
  });

  it("Outlook: ribbon split buttons pass, compose Send is held, Send now sends once", async () => {
    const page = await open(OUTLOOK);
    await page.locator("#fixture-new-mail").click();
    await expect.poll(() => page.locator(".compose").count()).toBe(2);
    expect(await dialogOf(page).count()).toBe(0);
    await page.locator(".compose").first().getByRole("button", { name: /Send/ }).first().click();
    await dialogOf(page).getByRole("button", { name: "Send now" }).click();
    await sentExactlyOnce(page);
    await page.close();
  });

  it("Outlook pop-out: a compose in its own about:blank window is guarded", async () => {
    const page = await open(OUTLOOK);
    const [popup] = await Promise.all([
      browser.ctx.waitForEvent("page"),
      page.locator(".fixture-pop-out").click(),
    ]);
    const send = popup.locator('button[class*="fui-SplitButton__primaryActionButton"]');
    await send.waitFor();
    await send.click();
    await expect.poll(() => dialogOf(popup).isVisible()).toBe(true);
    expect(await sentCount(page)).toBe(0);
    await dialogOf(popup).getByRole("button", { name: "Send now" }).click();
    await expect.poll(() => sentCount(page)).toBe(1);
    await popup.close();
    await page.close();
  });
});

describe("send guard, a Send pressed while the page is still loading", () => {
  // The guard is attached, and reads its policy, once the page has loaded; this page never does, so the
  // click below always comes first: the watcher holds it and asks for the guard at once, and the guard
  // holds it until the stored policy has been read.
  type Local = { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> };
  type WithStorage = { chrome: { storage: { local: Local } } };
  const storedPolicy = () =>
    browser.serviceWorker.evaluate(async () => {
      const { local } = (globalThis as unknown as WithStorage).chrome.storage;
      return (await local.get("guard.policy"))["guard.policy"];
    });
  const storePolicy = (policy: unknown) =>
    browser.serviceWorker.evaluate(async (p) => {
      await (globalThis as unknown as WithStorage).chrome.storage.local.set({ "guard.policy": p });
    }, policy);

  /** Send is held and the dialog asks, with nothing sent; Send now then sends it exactly once. */
  async function heldUntilSendNow(page: Page): Promise<void> {
    await gmailSend(page).click();
    const dialog = dialogOf(page);
    // The guard may first have to be attached (a stopped worker woken) and read its policy: the watcher
    // waits up to ATTACH_WAIT_MS for that, so the dialog may take a few seconds on a busy machine.
    await expect.poll(() => dialog.isVisible(), { timeout: ATTACH_WAIT_MS + 2000 }).toBe(true);
    expect(await sentCount(page)).toBe(0);
    await dialog.getByRole("button", { name: "Send now" }).click();
    await sentExactlyOnce(page);
  }

  async function openStillLoading(): Promise<Page> {
    const page = await browser.ctx.newPage();
    await page.goto(GMAIL_STILL_LOADING, { waitUntil: "domcontentloaded" });
    expect(await page.evaluate(() => document.readyState)).not.toBe("complete");
    return page;
  }

  it("out of hours: held, then the dialog asks; Send now sends once", async () => {
    const page = await openStillLoading();
    await heldUntilSendNow(page);
    await page.close();
  });

  it("in hours by the stored policy: held, then the site's Send runs exactly once", async () => {
    const saved = await storedPolicy();
    await storePolicy(policyAround(Date.now()));
    try {
      const page = await openStillLoading();
      await gmailSend(page).click();
      await sentExactlyOnce(page);
      expect(await dialogOf(page).count()).toBe(0);
      await page.close();
    } finally {
      await storePolicy(saved);
    }
  });

  it("in hours, but the site does not act on the held send: the teacher is told, and it is a guard error", async () => {
    const saved = await storedPolicy();
    await storePolicy(policyAround(Date.now()));
    try {
      const before = await outcomeCounts();
      const page = await browser.ctx.newPage();
      await page.goto(GMAIL_IGNORES_SCRIPT_LOADING, { waitUntil: "domcontentloaded" });
      await gmailSend(page).click();
      await toldNotSent(page);
      expect(await sentCount(page)).toBe(0);
      await expect.poll(async () => (await outcomeCounts())["guard-error"]).toBe(before["guard-error"] + 1);
      expect((await outcomeCounts())["in-hours"]).toBe(before["in-hours"]);
      await page.close();
    } finally {
      await storePolicy(saved);
    }
  });

  it("with the worker stopped, as Chrome stops an idle one, the Send wakes it and the dialog still asks", async () => {
    const own = await launchWithExtension({ tz: zone });
    try {
      await serveStillLoading(own.ctx);
      const page = await own.ctx.newPage();
      await stopServiceWorker(own, page);
      await page.goto(GMAIL_STILL_LOADING, { waitUntil: "domcontentloaded" });
      await heldUntilSendNow(page);
    } finally {
      await own.close();
    }
  });
});

describe("send guard, policy pushed by the background", () => {
  it("a setting saved in Within Hours reaches an open Gmail tab through the background's own push", async () => {
    const page = await open(GMAIL_2020);
    await listening(page);
    const options = await browser.openExtensionPage("options.html");
    const off = { overrides: { [SEND_GUARD_KEY]: { enabled: false } } };
    // The save replies once the background has pushed the new policy to the mail tabs it finds.
    expect((await sendFromPage<Reply>(options, { type: "profile/save", profile: off })).ok).toBe(true);
    try {
      // The guard is off now: the evening send goes straight through.
      await gmailSend(page).click();
      await sentExactlyOnce(page);
      expect(await dialogOf(page).count()).toBe(0);
    } finally {
      const on = { overrides: { [SEND_GUARD_KEY]: { enabled: true } } };
      expect((await sendFromPage<Reply>(options, { type: "profile/save", profile: on })).ok).toBe(true);
      await options.close();
      await page.close();
    }
  });

  it("in hours: the site's Send handler runs exactly once and no dialog appears", async () => {
    const page = await open(GMAIL_2020);
    await listening(page);
    await pushPolicy(policyAround(Date.now()));
    await gmailSend(page).click();
    await sentExactlyOnce(page);
    expect(await dialogOf(page).count()).toBe(0);
    await page.close();
  });

  it("fails open: an error inside the guard lets the email go and is recorded", async () => {
    const page = await open(GMAIL_2020);
    await listening(page);
    // A corrupt policy (windows is not a list) makes the decision throw.
    await pushPolicy(policyAround(Date.now(), { windows: 42 }));
    await gmailSend(page).click();
    await expect.poll(() => sentCount(page)).toBe(1);
    expect(await dialogOf(page).count()).toBe(0);
    await expect.poll(async () => (await sendLog()).some((r) => r.outcome === "guard-error")).toBe(true);
    await page.close();
  });

  it("the send log takes at most its quota of rows from one tab in a minute", async () => {
    const page = await open(GMAIL_2020);
    // Not across a minute's end, where a fresh quota begins.
    while (new Date().getSeconds() > 45) await page.waitForTimeout(1000);
    const before = (await sendLog()).length;
    const replies = await evaluateInContentScript<{ ok: boolean; logged?: boolean }[]>(
      browser,
      page,
      `Promise.all(Array.from({ length: ${SEND_LOG_LIMITS.perTabPerMinute + 15} }, () =>
        chrome.runtime.sendMessage({ type: "guard/record-send", at: Date.now(), outcome: "warned", site: "gmail" })))`,
    );
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(replies.filter((r) => r.logged === false)).toHaveLength(15);
    expect((await sendLog()).length - before).toBe(SEND_LOG_LIMITS.perTabPerMinute);
    await page.close();
  });

  it("records outcomes, never content", async () => {
    const log = await sendLog();
    const outcomes = new Set(log.map((r) => r.outcome));
    for (const o of ["warned", "sent-anyway", "cancelled", "scheduled", "in-hours", "guard-error"]) {
      expect(outcomes).toContain(o);
    }
    for (const record of log) {
      expect(Object.keys(record).sort()).toEqual(["at", "id", "outcome", "site"]);
    }
    expect(JSON.stringify(log)).not.toMatch(/@|Year 9|letters/);
  });
});
