/**
 * The cover banner in Chromium with the built extension: Gmail and Outlook on the web pages served at their
 * real addresses show the verdict beside an opened cover request, with "Log this cover"; an ordinary email
 * and one that only mentions cover show nothing.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchWithExtension, readStore, sendFromPage, servePage, type Launched } from "./harness";
import { demoWeekItems } from "./seed";

type Reply = { ok: boolean; error?: string };

let browser: Launched;
let options: Page;

const fixture = (name: string) =>
  readFileSync(`e2e/fixtures/cover-requests/${name}`, "utf8").split("\n---\n")[1]!;
/** The class code a fixture's header expects. */
const classOf = (name: string) =>
  (
    JSON.parse(/^expect: (.+)$/m.exec(readFileSync(`e2e/fixtures/cover-requests/${name}`, "utf8"))![1]!) as {
      classCode: string;
    }
  ).classCode;
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A mail page with `message` opened: its first line as the subject, the rest as the body. */
function mailPage(template: string, message: string): string {
  const [subject, ...body] = message.trim().split("\n");
  return readFileSync(`e2e/fixtures/mail/${template}`, "utf8")
    .replace("{{SUBJECT}}", escape(subject!))
    .replace("{{BODY}}", body.map((l) => `<div>${escape(l)}</div>`).join(""));
}

beforeAll(async () => {
  browser = await launchWithExtension({ tz: "Europe/London" });
  options = await browser.openExtensionPage("options.html");
  expect(
    (
      await sendFromPage<Reply>(options, {
        type: "profile/save",
        profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
      })
    ).ok,
  ).toBe(true);
  // P1 09:00, P2 10:00, P3 11:20 (PPA), P4 13:10, P5 14:10, Monday to Friday from 9 November 2026.
  const items = demoWeekItems("2026-11-09", "Europe/London", 60);
  expect((await sendFromPage<Reply>(options, { type: "items/put", items })).ok).toBe(true);
  const { ctx } = browser;
  await servePage(
    ctx,
    "https://mail.google.com/mail/u/0/**",
    mailPage("gmail-message.html", fixture("arbor-assigned.txt")),
  );
  await servePage(
    ctx,
    "https://mail.google.com/mail/u/1/**",
    mailPage("gmail-message.html", fixture("ordinary.txt")),
  );
  await servePage(
    ctx,
    "https://mail.google.com/mail/u/2/**",
    mailPage("gmail-message.html", fixture("mentions-cover.txt")),
  );
  await servePage(
    ctx,
    "https://outlook.office.com/mail/**",
    mailPage("outlook-message.html", fixture("sims-cover-slip.txt")),
  );
  await servePage(
    ctx,
    "https://mail.google.com/mail/u/3/**",
    mailPage("gmail-message.html", fixture("isams-cover-slip.txt")),
  );
  await servePage(
    ctx,
    "https://mail.google.com/mail/u/4/**",
    mailPage("gmail-message.html", fixture("plain-please-take.txt")),
  );
  await servePage(
    ctx,
    "https://outlook.office365.com/mail/**",
    mailPage("outlook-message.html", fixture("bromcom-published-cover.txt")),
  );
  await servePage(
    ctx,
    "https://outlook.live.com/mail/**",
    mailPage("outlook-message.html", fixture("plain-relief.txt")),
  );
});
afterAll(async () => browser?.close());

const banner = (page: Page) => page.locator('[data-within-hours="cover-banner"]');

describe("cover banner beside the email that asks", () => {
  it("Gmail: an Arbor cover email shows the verdict, and Log this cover stores it", async () => {
    const page = await browser.ctx.newPage();
    await page.goto("https://mail.google.com/mail/u/0/#inbox/cover");
    const row = banner(page).locator('[data-cover-class="9X2"]');
    await expect.poll(() => row.getAttribute("data-severity"), { timeout: 20_000 }).toBe("warning");
    expect(await row.locator("li").evaluateAll((li) => li.map((x) => x.dataset.rule))).toEqual([
      "eng.cover.rarely",
    ]);
    expect(await row.textContent()).toContain("contract or national agreement");
    await page.screenshot({ path: "e2e/out/cover-banner-gmail.png" });
    await row.getByRole("button", { name: "Log this cover" }).click();
    await expect.poll(() => row.getByRole("button").textContent()).toBe("Logged");
    const items = await readStore<{ kind: string; source: string; title: string }[]>(options, "items");
    expect(items.filter((i) => i.kind === "cover")).toEqual([
      expect.objectContaining({ source: "manual", title: "Cover 9X2" }),
    ]);
    // Nothing of the email but the cover's time, class code and reason category: no subject, name or room.
    const stored = JSON.stringify(items.filter((i) => i.kind === "cover"));
    for (const word of ["Mathematics", "Example", "M4", "Arbor", "Dear"]) expect(stored).not.toContain(word);
    await page.close();
  });

  it("Outlook: a SIMS slip over PPA for a planned course is a breach", async () => {
    const page = await browser.ctx.newPage();
    await page.goto("https://outlook.office.com/mail/inbox/id/cover");
    const row = banner(page).locator('[data-cover-class="8Y3/Hi"]');
    await expect.poll(() => row.getAttribute("data-severity"), { timeout: 20_000 }).toBe("breach");
    const rules = await row.locator("li").evaluateAll((li) => li.map((x) => x.dataset.rule));
    // Booked over PPA, a cover, and the PPA it takes to be given back.
    expect(rules.sort()).toEqual(["eng.cover.rarely", "eng.ppa.lost", "eng.ppa.min"]);
    expect(await row.textContent()).toContain("the absence is a planned course");
    // Nothing of the slip but its time, class and category: the absent colleague's code is not shown.
    expect(await banner(page).textContent()).not.toContain("XYZ");
    await page.screenshot({ path: "e2e/out/cover-banner-outlook.png" });
    await page.close();
  });

  it("iSAMS and Bromcom slips and plain wording (please take, relief) show a verdict too", async () => {
    for (const [url, classCode] of [
      ["https://mail.google.com/mail/u/3/#inbox/isams", "11B/Sc1"],
      ["https://mail.google.com/mail/u/4/#inbox/please-take", "S3B"],
      ["https://outlook.office365.com/mail/inbox/id/bromcom", "12A/Ps"],
      ["https://outlook.live.com/mail/0/inbox/id/relief", classOf("plain-relief.txt")],
    ]) {
      const page = await browser.ctx.newPage();
      await page.goto(url!);
      const row = banner(page).locator(`[data-cover-class="${classCode}"]`);
      await expect
        .poll(() => row.getAttribute("data-severity"), { timeout: 20_000 })
        .toMatch(/^(breach|warning|ok)$/);
      expect(await row.getByRole("button", { name: "Log this cover" }).count()).toBe(1);
      await page.close();
    }
  });

  it("an ordinary email, and one that only mentions cover, show nothing", async () => {
    for (const url of [
      "https://mail.google.com/mail/u/1/#inbox/a",
      "https://mail.google.com/mail/u/2/#inbox/b",
    ]) {
      const page = await browser.ctx.newPage();
      await page.goto(url);
      // The guard (and the banner with it) is attached once the page is idle; give it time to look.
      await page.waitForTimeout(4000);
      expect(await banner(page).count()).toBe(0);
      await page.close();
    }
  });
});
