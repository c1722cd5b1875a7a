/**
 * The foundation in a real browser: Debian's Chromium with the built extension loaded.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  evaluateInContentScript,
  launchWithExtension,
  readStore,
  sendFromPage,
  servePage,
  stopServiceWorker,
  type Launched,
} from "./harness";
import { demoWeekItems } from "./seed";

type Reply = { ok: boolean; error?: string; [key: string]: unknown };

let browser: Launched;
let options: Page;

beforeAll(async () => {
  browser = await launchWithExtension({ tz: "Europe/London" });
  options = await browser.openExtensionPage("options.html");
});
afterAll(async () => browser?.close());

async function itemCount(page: Page): Promise<number> {
  return (await readStore<unknown[]>(page, "items")).length;
}

describe("foundation in Chromium", () => {
  it("loads the extension and answers a ping from its own page", async () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    const reply = await sendFromPage<Reply>(options, { type: "status/ping" });
    expect(reply.ok).toBe(true);
  });

  it("shows seeded items in the popup, and new ones live", async () => {
    const items = demoWeekItems("2026-11-23", "Europe/London");
    expect((await sendFromPage<Reply>(options, { type: "items/put", items })).ok).toBe(true);
    // The popup's first paint reads one value from storage.local: the index and the weeks around now.
    const mirror = await options.evaluate(async () => {
      type Local = { get(k: string): Promise<Record<string, unknown>> };
      const c = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome;
      const value = (await c.storage.local.get("popup.firstPaint"))["popup.firstPaint"] as
        { weeks: Record<string, unknown>; popup: { weeks: unknown[] } } | undefined;
      return { weeks: Object.keys(value?.weeks ?? {}).length, indexWeeks: value?.popup.weeks.length ?? 0 };
    });
    expect(mirror.weeks).toBeGreaterThan(0);
    expect(mirror.weeks).toBeLessThanOrEqual(9);
    expect(mirror.indexWeeks).toBeGreaterThan(40);
    const popup = await browser.openExtensionPage("popup.html?week=2026-11-23");
    await expect.poll(() => popup.locator("#items-heading").textContent()).toContain(`(${items.length})`);
    await expect.poll(() => popup.getByText("9X1 Ma").count()).toBeGreaterThan(0);

    // liveQuery: a change made elsewhere appears without reopening the popup.
    const extra = { ...items[0]!, id: "manual:extra", sourceUid: "extra", title: "Extra revision session" };
    extra.start += 10 * 3_600_000;
    extra.end += 10 * 3_600_000;
    await sendFromPage(options, { type: "items/put", items: [extra] });
    await expect.poll(() => popup.locator("#items-heading").textContent()).toContain(`(${items.length + 1})`);
    await popup.screenshot({ path: "e2e/out/popup.png", fullPage: true });
    await popup.close();
  });

  it("saves a profile from the options page, by keyboard", async () => {
    await options.reload();
    await options.locator("select[name=jurisdiction]").selectOption("wales");
    await options.locator("input[name=day-5]").uncheck();
    await options.locator("input[name=guard-hours][value=own]").check();
    await options.locator("input[name=guard-end]").fill("18:00");
    // Reach the FTE field with Tab alone, type, and submit with Enter.
    await options.locator("select[name=role]").focus();
    await options.keyboard.press("Tab");
    expect(await options.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe("fte");
    await options.locator("input[name=fte]").fill("0.6");
    await options.keyboard.press("Enter");
    // Saving recounts the year before it answers: slow on a busy machine.
    await expect
      .poll(() => options.getByTestId("save-status").textContent(), { timeout: 30_000 })
      .toContain("Saved");

    await options.reload();
    await expect.poll(() => options.locator("input[name=fte]").inputValue()).toBe("0.6");
    expect(await options.locator("select[name=jurisdiction]").inputValue()).toBe("wales");
    expect(await options.locator("input[name=day-5]").isChecked()).toBe(false);
    expect(await options.locator("input[name=day-4]").isChecked()).toBe(true);
    expect(await options.locator("input[name=guard-end]").inputValue()).toBe("18:00");
  });

  it("refuses a privileged command from a content script and changes nothing", async () => {
    const before = await itemCount(options);
    const mail = await browser.ctx.newPage();
    await servePage(browser.ctx, "https://mail.google.com/**", {
      file: path.resolve("fixtures/gmail/compose-dialog-2020.html"),
    });
    await mail.goto("https://mail.google.com/mail/u/0/#inbox?compose=new");
    const reply = await evaluateInContentScript<Reply>(
      browser,
      mail,
      `chrome.runtime.sendMessage({ type: "items/delete", ids: ["manual:extra"] })`,
    );
    expect(reply).toEqual({ ok: false, error: "Refused: only the Within Hours pages may change your data." });
    const forged = await evaluateInContentScript<Reply>(
      browser,
      mail,
      `chrome.runtime.sendMessage({ type: "guard/record-send", at: Date.now(), outcome: "warned", site: "gmail", subject: "secret" })`,
    );
    expect(forged.ok).toBe(false);
    // The page's own world, where Gmail's scripts run, has no door to the extension at all.
    const pageDoor = await mail.evaluate(
      () =>
        typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime
          ?.sendMessage,
    );
    expect(pageDoor).toBe("undefined");
    expect(await itemCount(options)).toBe(before);
    await mail.close();
  });

  it("loses nothing when the service worker is stopped mid-write", async () => {
    const before = await itemCount(options);
    const big = demoWeekItems("2027-01-04", "Europe/London", 4000);
    // Start a large write, then stop the worker while it runs.
    const pending = sendFromPage<Reply>(options, { type: "items/put", items: big }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 30));
    await stopServiceWorker(browser, options);
    await pending;

    // A new worker answers, the earlier data is intact, and the interrupted write is all or nothing.
    await expect
      .poll(async () => (await sendFromPage<Reply>(options, { type: "status/ping" })).ok)
      .toBe(true);
    const after = await itemCount(options);
    expect([before, before + big.length]).toContain(after);
    const alarms = await options.evaluate(() =>
      (
        globalThis as unknown as { chrome: { alarms: { getAll(): Promise<{ name: string }[]> } } }
      ).chrome.alarms
        .getAll()
        .then((list) => list.map((a) => a.name).sort()),
    );
    expect(alarms).toEqual(["refresh-feeds", "refresh-policy"]);
    const profile = await options.locator("input[name=fte]").inputValue();
    expect(profile).toBe("0.6");
  });
});
