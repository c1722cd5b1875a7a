/**
 * An import is all or nothing in Chromium: the service worker is stopped (CDP, as Chrome does when idle) at
 * several points of a large calendar import, from reading the file through the write to the recount, and the
 * store always holds the old state or the new one: the calendar's items, its row in the calendar list (with
 * its item count) and the training days it marks go together, and no item is left that no calendar lists.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { syntheticCalendar } from "../testing/synthetic-calendar";
import { launchWithExtension, readStore, sendFromPage, stopServiceWorker, type Launched } from "./harness";

/** One INSET day, a different date for each import, so the training days show which import was kept. */
function withInsetDay(text: string, day: number): string {
  const date = `202610${String(day).padStart(2, "0")}`;
  const next = `202610${String(day + 1).padStart(2, "0")}`;
  const event = [
    "BEGIN:VEVENT",
    `UID:inset-${date}`,
    "DTSTAMP:20260901T000000Z",
    `DTSTART;VALUE=DATE:${date}`,
    `DTEND;VALUE=DATE:${next}`,
    "SUMMARY:INSET day",
    "END:VEVENT",
  ].join("\r\n");
  return text.replace("END:VCALENDAR", `${event}\r\nEND:VCALENDAR`);
}
const insetDate = (day: number) => `2026-10-${String(day).padStart(2, "0")}`;

/** Two versions of one timetable, 2,000 events apart. */
const LARGE = syntheticCalendar(6000).text;
const SMALL = syntheticCalendar(4000).text;
const NAME = "timetable.ics";
const SOURCE_ID = "file:timetable.ics";

type Row = { id: string; source: string; title: string };
interface StoreState {
  /** The timetable's items, INSET days aside. */
  ids: string;
  insetItems: number;
  itemCount: number | undefined;
  trainingDays: string[];
  orphans: number;
}

let browser: Launched;
let page: Page;

beforeAll(async () => {
  browser = await launchWithExtension({ tz: "Europe/London" });
  page = await browser.openExtensionPage("options.html");
  await sendFromPage(page, {
    type: "profile/save",
    profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
  });
});
afterAll(async () => browser?.close());

async function state(): Promise<StoreState> {
  const items = await readStore<Row[]>(page, "items");
  const sources = await readStore<{ id: string; itemCount?: number }[]>(page, "sources");
  const profile = await readStore<{ value: { trainingDays: string[] } } | undefined>(
    page,
    "settings",
    "profile",
  );
  const listed = new Set(["manual", ...sources.map((s) => s.id)]);
  const mine = items.filter((i) => i.source === SOURCE_ID);
  return {
    ids: mine
      .filter((i) => i.title !== "INSET day")
      .map((i) => i.id)
      .sort()
      .join("\n"),
    insetItems: mine.filter((i) => i.title === "INSET day").length,
    itemCount: sources.find((s) => s.id === SOURCE_ID)?.itemCount,
    trainingDays: profile?.value.trainingDays ?? [],
    orphans: items.filter((i) => !listed.has(i.source)).length,
  };
}

async function importNow(text: string): Promise<number> {
  const t0 = Date.now();
  const reply = await sendFromPage<{ ok: boolean; error?: string }>(page, {
    type: "source/import-ics",
    name: NAME,
    text,
  });
  expect(reply).toMatchObject({ ok: true });
  return Date.now() - t0;
}

describe("an import stopped part way, in Chromium", () => {
  it("leaves the old state or the new at every point, never orphans", async () => {
    // Both timetables whole first, as the store holds them.
    await importNow(LARGE);
    const large = (await state()).ids;
    await importNow(SMALL);
    const small = (await state()).ids;
    const took = await importNow(withInsetDay(LARGE, 1));
    expect(large).not.toBe(small);
    let current = await state();
    expect(current).toMatchObject({ ids: large, insetItems: 1, trainingDays: [insetDate(1)] });

    const seen: string[] = [];
    const fractions = [0.1, 0.25, 0.4, 0.6, 0.9];
    for (const [k, fraction] of fractions.entries()) {
      const day = k + 2;
      const target = current.ids === large ? small : large;
      const text = withInsetDay(target === large ? LARGE : SMALL, day);
      await page.evaluate(
        ({ name, text }) => {
          const runtime = (
            globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
          ).chrome.runtime;
          void runtime.sendMessage({ type: "source/import-ics", name, text }).catch(() => undefined);
        },
        { name: NAME, text },
      );
      await new Promise((r) => setTimeout(r, fraction * took));
      await stopServiceWorker(browser, page);
      const after = await state();
      expect(after.orphans).toBe(0);
      const outcome = after.ids === current.ids ? "old" : after.ids === target ? "new" : "mixed";
      expect(outcome, `stopped at ${fraction} of the import`).not.toBe("mixed");
      // The calendar's row and the training days it marks went with its items.
      const mineCount = after.ids.split("\n").length + after.insetItems;
      expect(after.itemCount).toBe(mineCount);
      expect(after.insetItems).toBe(1);
      if (outcome === "old") expect(after.trainingDays).toEqual(current.trainingDays);
      else expect(after.trainingDays).toEqual([...current.trainingDays, insetDate(day)]);
      seen.push(`${fraction}:${outcome}`);
      current = after;
    }
    console.log(`import of ${took} ms stopped at: ${seen.join(", ")}`);

    // The worker wakes for the next import, which completes.
    const last = current.ids === large ? small : large;
    await importNow(last === large ? LARGE : SMALL);
    expect((await state()).ids).toBe(last);
  }, 180_000);
});
