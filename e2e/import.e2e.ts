/**
 * Calendar import in Chromium: an ICS file chosen on the options page lands in the store, a re-import
 * updates rather than duplicates, a broken file is explained and loses nothing, the teacher confirms
 * unsure items in the popup, and a backup round-trips while a damaged one is refused.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchWithExtension, readStore, sendFromPage, stopServiceWorker, type Launched } from "./harness";

const TERM = readFileSync(path.resolve("demo/teacher-term.ics"), "utf8");
const GARBAGE = readFileSync(path.resolve("e2e/fixtures/ics/garbage.ics"));
const TRUNCATED = readFileSync(path.resolve("e2e/fixtures/ics/truncated.ics"));

let browser: Launched;
let options: Page;

beforeAll(async () => {
  browser = await launchWithExtension({ tz: "Europe/London" });
  options = await browser.openExtensionPage("options.html");
  await sendFromPage(options, {
    type: "profile/save",
    profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
  });
});
afterAll(async () => browser?.close());

async function importFile(name: string, body: string | Buffer): Promise<string> {
  const status = options.getByTestId("sources-status");
  await options.evaluate(() => document.querySelector("[data-testid=sources-status]")?.remove());
  await options
    .locator("input[name=ics-file]")
    .setInputFiles({ name, mimeType: "text/calendar", buffer: Buffer.from(body) });
  await status.waitFor({ timeout: 20_000 });
  return (await status.textContent()) ?? "";
}

type StoredItem = { id: string; title: string; kind: string; confirmed: boolean };
const storedItems = (page: Page) => readStore<StoredItem[]>(page, "items");

describe("calendar import in Chromium", () => {
  it("imports an ICS file chosen on the options page", async () => {
    const text = await importFile("teacher-term.ics", TERM);
    expect(text).toMatch(/items read: \d+ new, 0 updated, 0 removed/);
    const items = await storedItems(options);
    expect(items.length).toBeGreaterThan(400);
    expect(await options.getByTestId("sources").textContent()).toContain("teacher-term.ics");
    // The INSET day on the calendar joined the profile's training days.
    const ledger = (
      await readStore<{ value: { profile: { trainingDays: string[] } } }>(options, "settings", "ledger")
    ).value;

    expect(ledger.profile.trainingDays).toContain("2026-09-01");
  });

  it("updates on re-import, and an event deleted upstream disappears", async () => {
    const before = await storedItems(options);
    // The same calendar without the dentist appointment.
    const withoutDentist = TERM.replace(
      /BEGIN:VEVENT(?:(?!END:VEVENT)[\s\S])*?SUMMARY:Dentist[\s\S]*?END:VEVENT\r?\n/,
      "",
    );
    expect(withoutDentist.length).toBeLessThan(TERM.length);
    const text = await importFile("teacher-term.ics", withoutDentist);
    expect(text).toMatch(/0 new, 0 updated, 1 removed/);
    const after = await storedItems(options);
    expect(after.length).toBe(before.length - 1);
    expect(after.some((i) => i.title === "Dentist")).toBe(false);
  });

  it("explains a broken file in plain words and keeps what was there", async () => {
    const before = (await storedItems(options)).length;
    const garbage = await importFile("garbage.ics", GARBAGE);
    expect(garbage).toMatch(/calendar/i);
    expect(garbage).not.toMatch(/items read/);
    const truncated = await importFile("truncated.ics", TRUNCATED);
    expect(truncated).toMatch(/cut off|incomplete|truncated|end/i);
    expect((await storedItems(options)).length).toBe(before);
  });

  it("asks the teacher about unsure items in the popup, and one answer covers every week", async () => {
    const popup = await browser.openExtensionPage("popup.html?week=2026-11-23");
    const heading = popup.locator("#confirm-heading");
    await heading.waitFor();
    await popup.screenshot({ path: "e2e/out/popup-confirm.png", fullPage: true });
    const row = popup.locator(".wh-confirm li", { hasText: "Line management" });
    await row.locator("select").selectOption("meeting");
    await row.getByRole("checkbox", { name: "Directed time" }).check();
    await row.getByRole("checkbox", { name: /Always treat/ }).check();
    // Each row's controls are told apart by the title they confirm.
    await row.getByRole("button", { name: "Confirm 'Line management'", exact: true }).click();
    await expect.poll(() => popup.locator(".wh-confirm li", { hasText: "Line management" }).count()).toBe(0);
    await expect
      .poll(() => popup.getByRole("status").filter({ hasText: "Line management" }).textContent())
      .toBe(
        "“Line management”: Counted as a meeting, directed. Titles like it will be counted the same way.",
      );
    const lineManagement = (await storedItems(popup)).filter((i) => i.title === "Line management");
    expect(lineManagement.length).toBeGreaterThan(0);
    expect(lineManagement.every((i) => i.kind === "meeting" && i.confirmed)).toBe(true);
    await popup.close();
  });

  it("exports a backup and refuses a damaged one without changing anything", async () => {
    const download = options.waitForEvent("download");
    await options.getByRole("button", { name: "Export everything" }).click();
    const file = await (await download).path();
    const backup = JSON.parse(readFileSync(file!, "utf8"));
    expect(backup.format).toBe("within-hours-backup");
    const before = await storedItems(options);

    const damaged = structuredClone(backup);
    damaged.tables.items[3].end = damaged.tables.items[3].start - 1000;
    const status = options.getByTestId("backup-status");
    await options.locator("input[name=backup-file]").setInputFiles({
      name: "damaged.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(damaged)),
    });
    await expect.poll(() => status.textContent()).toMatch(/damaged.*nothing was changed/i);
    expect(await storedItems(options)).toEqual(before);

    await options.locator("input[name=backup-file]").setInputFiles({
      name: "not-ours.json",
      mimeType: "application/json",
      buffer: Buffer.from('{"hello":"world"}'),
    });
    await expect.poll(() => status.textContent()).toMatch(/not a Within Hours backup/);

    await sendFromPage(options, { type: "items/delete", ids: before.slice(0, 10).map((i) => i.id) });
    await options.locator("input[name=backup-file]").setInputFiles({
      name: "good.json",
      mimeType: "application/json",
      buffer: readFileSync(file!),
    });
    await expect.poll(() => status.textContent()).toMatch(/restored/);
    expect((await storedItems(options)).length).toBe(before.length);
  });

  it("restores a backup larger than a message can carry, with the background stopped, and names a junk setting", async () => {
    const download = options.waitForEvent("download");
    await options.getByRole("button", { name: "Export everything" }).click();
    const exported = readFileSync((await (await download).path())!, "utf8");
    const before = await storedItems(options);
    const dir = mkdtempSync(path.join(tmpdir(), "wh-backup-"));
    const status = options.getByTestId("backup-status");
    try {
      // Valid JSON past the browser's 64 MiB message limit: the export padded with spaces.
      const large = path.join(dir, "large.json");
      writeFileSync(large, exported.replace(/^\{/, `{${" ".repeat(65 * 1024 * 1024)}`));
      await sendFromPage(options, { type: "items/delete", ids: before.slice(0, 5).map((i) => i.id) });
      await stopServiceWorker(browser, options);
      await options.locator("input[name=backup-file]").setInputFiles(large);
      await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/restored/);
      expect(await status.textContent()).not.toMatch(/not been recounted/);
      expect((await storedItems(options)).length).toBe(before.length);

      const junk = JSON.parse(exported) as { tables: { settings: { key: string; value: unknown }[] } };
      junk.tables.settings.push({ key: "junk", value: "x".repeat(50 * 1024 * 1024) });
      const junkFile = path.join(dir, "junk.json");
      writeFileSync(junkFile, JSON.stringify(junk));
      await options.locator("input[name=backup-file]").setInputFiles(junkFile);
      await expect
        .poll(() => status.textContent(), { timeout: 60_000 })
        .toMatch(/setting “junk” holds 50 MB.*nothing was changed/i);
      expect((await storedItems(options)).length).toBe(before.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a restore that fails, or is interrupted, in Chromium", () => {
  type BackupFile = { format: string; tables: { items: (StoredItem & { start: number; end: number })[] } };
  let exported: string;
  let dir: string;
  let status: ReturnType<Page["getByTestId"]>;

  beforeAll(async () => {
    const download = options.waitForEvent("download");
    await options.getByRole("button", { name: "Export everything" }).click();
    exported = readFileSync((await (await download).path())!, "utf8");
    dir = mkdtempSync(path.join(tmpdir(), "wh-restore-"));
    status = options.getByTestId("backup-status");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function choose(name: string, body: string): Promise<string> {
    await options.evaluate(() => document.querySelector("[data-testid=backup-status]")?.remove());
    const file = path.join(dir, name);
    writeFileSync(file, body);
    await options.locator("input[name=backup-file]").setInputFiles(file);
    await status.waitFor({ timeout: 60_000 });
    return (await status.textContent()) ?? "";
  }

  /** The backup with 20,000 more items (long before this year, so the recount stays small). */
  function largeBackup(): string {
    const backup = JSON.parse(exported) as BackupFile;
    const model = backup.tables.items[0]!;
    const base = Date.UTC(2020, 0, 6, 9);
    for (let i = 0; i < 20_000; i++)
      backup.tables.items.push({
        ...model,
        id: `bulk:${i}`,
        start: base + i * 3_600_000,
        end: base + i * 3_600_000 + 1_800_000,
      });
    return JSON.stringify(backup);
  }

  it("names a cut-off backup and the wrong file, changing nothing", async () => {
    const before = await storedItems(options);
    expect(await choose("cut-off.json", exported.slice(0, exported.length / 2))).toMatch(
      /^This backup is incomplete: the file ends part way through.*Nothing was changed\.$/,
    );
    expect(await choose("calendar.json", TERM)).toBe(
      "This file is not a Within Hours backup (it is a calendar: add it under Calendars instead). Nothing was changed.",
    );
    expect(await storedItems(options)).toEqual(before);
  });

  it("says the storage is full when the browser refuses for space, and keeps the old data", async () => {
    const before = await storedItems(options);
    // Chromium gives an extension with unlimitedStorage no quota to fill, so the browser's own refusal is
    // played: the 5,000th row written raises the QuotaExceededError a full disk raises.
    await options.evaluate(() => {
      const add = IDBObjectStore.prototype.add;
      let count = 0;
      IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<typeof add>) {
        if (this.name === "items" && ++count === 5_000) {
          IDBObjectStore.prototype.add = add;
          throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        }
        return add.apply(this, args);
      };
    });
    expect(await choose("large.json", largeBackup())).toBe(
      "Your browser's storage is full. Nothing was changed; free some space and try again.",
    );
    expect(await storedItems(options)).toEqual(before);
  });

  it("keeps the old data when the page is closed part way through a restore", async () => {
    const before = (await storedItems(options)).map((i) => i.id).sort();
    const file = path.join(dir, "large.json");
    writeFileSync(file, largeBackup());
    await options.locator("input[name=backup-file]").setInputFiles(file);
    await options.getByRole("progressbar", { name: "Restoring" }).waitFor({ timeout: 60_000 });
    await options.close();
    options = await browser.openExtensionPage("options.html");
    status = options.getByTestId("backup-status");
    const after = (await storedItems(options)).map((i) => i.id).sort();
    // All or nothing: the old rows exactly, or every new one; here the close came first.
    expect(after).toEqual(before);
  });

  it("completes a restore while the background is stopped part way, and recounts", async () => {
    const before = await storedItems(options);
    await options.evaluate(() => document.querySelector("[data-testid=backup-status]")?.remove());
    const file = path.join(dir, "large.json");
    writeFileSync(file, largeBackup());
    await options.locator("input[name=backup-file]").setInputFiles(file);
    await options.getByRole("progressbar", { name: "Restoring" }).waitFor({ timeout: 60_000 });
    await stopServiceWorker(browser, options);
    await status.waitFor({ timeout: 60_000 });
    expect(await status.textContent()).toBe("Backup restored. Everything now matches the file.");
    const after = await storedItems(options);
    expect(after.length).toBe(before.length + 20_000);
    const ledger = await readStore<{ value: { computedAt: number } }>(options, "settings", "ledger");
    expect(ledger.value.computedAt).toBeGreaterThan(Date.now() - 60_000);
  });
});
