/**
 * The demo: a made-up England secondary teacher's autumn term (demo/teacher-term.ics), served from
 * 127.0.0.1, imported through the options page of the built extension in Chromium; then the popup's week,
 * a cover request read and checked in the popup's "Check a cover" form, and an out-of-hours send held on a
 * Gmail compose page. With no display it runs headless, saves
 * screenshots in demo/out/ and prints a text summary; with a display it leaves the browser open.
 */
import { createServer } from "node:http";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import {
  launchWithExtension,
  pressToolbarButton,
  readStore,
  sendFromPage,
  servePage,
  eveningZone,
  tabIdOf,
  type Launched,
} from "../e2e/harness";
import { parseCoverRequest } from "../src/ingest/cover-request";
import { COVER_REASON_LABEL } from "../src/model";
import type { StoredLedger } from "../src/store/derived";
import { formatMinutes } from "../src/rules/util";
import { demoEvidence } from "./demo-evidence";
import { FORCE_LABEL, SEVERITY_ORDER, type Finding } from "../src/model/finding";

const OUT = path.resolve("demo/out");
const TERM_FILE = path.resolve("demo/teacher-term.ics");
const headless = !process.env.DISPLAY || process.argv.includes("--headless");
mkdirSync(OUT, { recursive: true });

/** The teacher's school calendar, served like a school website would serve it (but on this machine only). */
function serveDemoFiles(): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    if (req.url === "/teacher-term.ics") {
      res.writeHead(200, { "content-type": "text/calendar; charset=utf-8" });
      res.end(readFileSync(TERM_FILE));
    } else {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        `<!doctype html><title>Within Hours demo</title><h1>Within Hours demo</h1>` +
          `<p>The demo teacher's calendar: <a href="/teacher-term.ics">teacher-term.ics</a>. ` +
          `Open the extension's popup from the toolbar to see the week.</p>`,
      );
    }
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}

async function readLedger(page: import("playwright-core").Page): Promise<StoredLedger> {
  return (await readStore<{ value: StoredLedger }>(page, "settings", "ledger")).value;
}

async function teacherWeek(): Promise<void> {
  const files = await serveDemoFiles();
  const browser = await launchWithExtension({ tz: "Europe/London", headless });
  try {
    const home = await browser.ctx.newPage();
    await home.goto(files.url);
    const options = await browser.openExtensionPage("options.html");
    await sendFromPage(options, {
      type: "profile/save",
      profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
    });

    // Import the term the way a teacher does: choose the file on the options page.
    const ics = await (await fetch(`${files.url}/teacher-term.ics`)).text();
    await options.locator("input[name=ics-file]").setInputFiles({
      name: "teacher-term.ics",
      mimeType: "text/calendar",
      buffer: Buffer.from(ics),
    });
    const status = options.getByTestId("sources-status");
    await status.waitFor({ timeout: 30_000 });
    console.log(`Imported demo/teacher-term.ics: ${await status.textContent()}`);

    const ledger = await readLedger(options);
    // Show the week with the most findings: that is where a rep would start.
    const week = pickWeekWithFindings(ledger) ?? "2026-11-23";
    const popup = await browser.openExtensionPage(`popup.html?week=${week}`);
    await popup.setViewportSize({ width: 400, height: 900 });
    await popup.locator("body[data-ready=true]").waitFor();
    await popup.screenshot({ path: path.join(OUT, "popup.png"), fullPage: true });
    await options.screenshot({ path: path.join(OUT, "options.png"), fullPage: true });

    printSummary(ledger, week);
    await demoEvidence(options, OUT);
    await checkCoverRequest(browser);
    if (!headless) {
      console.log("\nChromium is open with the demo teacher loaded. Close the window to end the demo.");
      await new Promise((resolve) => browser.ctx.on("close", resolve));
    }
  } finally {
    await browser.close();
    files.close();
  }
}

/** A cover request as an Arbor email would put it (made up): read, then checked in the popup's form. */
const COVER_EMAIL = `Cover assigned: 9X2 Mathematics
You have been assigned to cover the following lesson.
Date: Tuesday 3 November 2026
Time: 12:10 - 13:10 (Period 4)
Class: 9X2
Room: M4`;

async function checkCoverRequest(browser: Launched): Promise<void> {
  const [request] = parseCoverRequest(COVER_EMAIL, "2026-11-02");
  if (!request?.start || !request.end) throw new Error("The demo's cover request was not read.");
  console.log(
    `\nA cover request: ${request.classCode} on ${request.date}, ${request.start}–${request.end}; reason: ${COVER_REASON_LABEL[request.reason].toLowerCase()}`,
  );
  const popup = await browser.openExtensionPage("popup.html?week=2026-11-02");
  await popup.setViewportSize({ width: 400, height: 900 });
  await popup.getByRole("button", { name: "Check a cover" }).click();
  const form = popup.getByTestId("cover-check");
  await form.getByLabel("Date").fill(request.date);
  await form.getByLabel("Period").selectOption({ label: "Other times…" });
  await form.getByLabel("From").fill(request.start);
  await form.getByLabel("to", { exact: true }).fill(request.end);
  await form.getByLabel("Class").fill(request.classCode);
  await form.getByLabel("Reason").selectOption({ label: COVER_REASON_LABEL[request.reason] });
  const verdict = popup.getByTestId("cover-verdict");
  await verdict.waitFor();
  const lines = await verdict
    .locator("li")
    .evaluateAll((li) => li.map((x) => `${x.dataset.severity} ${x.dataset.rule}`));
  console.log(`Verdict: ${await verdict.getAttribute("data-severity")}: ${lines.join(", ")}`);
  await form.scrollIntoViewIfNeeded();
  await form.screenshot({ path: path.join(OUT, "cover-check.png") });
  console.log("Screenshot of the cover check: demo/out/cover-check.png");
  await popup.close();
}

function pickWeekWithFindings(ledger: StoredLedger): string | undefined {
  const { weeks, findings } = ledger.evaluation;
  const serious = (w: (typeof weeks)[number]) =>
    findings.filter((f) => f.severity !== "info" && f.start >= w.startInstant && f.start < w.endInstant)
      .length;
  return [...weeks].sort((a, b) => serious(b) - serious(a))[0]?.start;
}

function printSummary(ledger: StoredLedger, week: string): void {
  const { weeks, year, findings } = ledger.evaluation;
  const columns: [string, number][] = [
    ["Week of", 12],
    ["Directed", 10],
    ["Teaching", 10],
    ["PPA", 10],
    ["Cover", 6],
    ["Meetings", 9],
    ["Evenings", 8],
  ];
  const row = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(columns[i]![1]))
      .join(" ")
      .trimEnd();
  console.log(`\nThe demo teacher's term, week by week (England, ${ledger.profile.timeZone}):`);
  console.log(row(columns.map(([name]) => name)));
  for (const w of weeks.filter((w) => w.directedMinutes > 0)) {
    console.log(
      row([
        w.start,
        formatMinutes(w.directedMinutes),
        formatMinutes(w.teachingMinutes),
        formatMinutes(w.ppaMinutes),
        String(w.coverCount),
        String(w.meetingCount),
        String(w.eveningCount),
      ]),
    );
  }
  console.log(
    `\nThe year from ${year.start}: ${formatMinutes(year.toDateMinutes)} of directed time so far and ` +
      `${formatMinutes(year.directedMinutes)} on the calendar, of a ${formatMinutes(year.budgetMinutes)} budget.\n` +
      `At this pace the year ends at ${year.forecastApproximate ? "about " : ""}${formatMinutes(year.forecastMinutes)}.`,
  );

  // One line per rule: how often, how serious, where it comes from, and the first instance in words.
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const worst = (list: Finding[]) => Math.min(...list.map((f) => SEVERITY_ORDER[f.severity]));
  console.log(`\nWhat Within Hours found (${findings.length} findings under ${byRule.size} rules):`);
  for (const [rule, list] of [...byRule].sort(
    (a, b) => worst(a[1]) - worst(b[1]) || b[1].length - a[1].length,
  )) {
    const first = list.reduce((a, b) => (SEVERITY_ORDER[b.severity] < SEVERITY_ORDER[a.severity] ? b : a));
    const label = first.severity === "breach" ? "Breach" : first.severity === "warning" ? "Warning" : "Note";
    console.log(
      `\n  ${label.padEnd(8)} ${String(list.length).padStart(3)} × ${rule} (${FORCE_LABEL[first.force]})`,
    );
    console.log(`           ${first.message}`);
  }
  console.log(
    `\nScreenshots: the popup for the week of ${week} in demo/out/popup.png; the settings in demo/out/options.png.`,
  );
}

/** Whether a Monday-to-Friday 08:00–17:00 email window is closed now in `zone`. */
function outOfHoursIn(zone: string, now = new Date()): boolean {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    weekday: "short",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const hour = Number(parts.find((p) => p.type === "hour")?.value);
  const weekday = parts.find((p) => p.type === "weekday")?.value ?? "";
  return ["Sat", "Sun"].includes(weekday) || hour < 8 || hour >= 17;
}

async function lateSend(): Promise<void> {
  // The demo teacher works in England. When it is within their email hours in London now, the browser's
  // clock is moved to a zone where it is evening, so the guard has something to hold; the demo says so.
  const zone = outOfHoursIn("Europe/London") ? "Europe/London" : eveningZone();
  if (zone !== "Europe/London")
    console.log(
      `\nIt is within school hours in London now, so for the send guard the browser's clock is set to ${zone}, where it is evening.`,
    );
  const browser = await launchWithExtension({ tz: zone, headless });
  try {
    const fixtures = path.resolve("e2e/fixtures/gmail");
    const page = readdirSync(fixtures).find((f) => f.endsWith(".html"));
    if (!page) throw new Error("no Gmail compose fixture in e2e/fixtures/gmail");
    await servePage(browser.ctx, "https://mail.google.com/**", { file: path.join(fixtures, page) });
    const tab = await browser.ctx.newPage();
    await tab.goto("https://mail.google.com/mail/u/0/#inbox?compose=new");
    const local = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      weekday: "long",
      hour: "2-digit",
      minute: "2-digit",
    });
    console.log(
      `\nSend guard: a new teacher whose browser clock says ${local.format(new Date())} (${zone}) presses Send…`,
    );
    await tab.locator("div[role=button]:has-text('Send'), [data-tooltip^='Send']").first().click();
    const dialog = tab.getByRole("alertdialog");
    await dialog.waitFor({ timeout: 10_000 });
    console.log(
      `The send was held. The dialog says: ${(await dialog.innerText()).replace(/\s+/g, " ").trim()}`,
    );
    await tab.screenshot({ path: path.join(OUT, "send-guard.png") });
    console.log("Screenshot: demo/out/send-guard.png");
    if (!headless) await new Promise((resolve) => browser.ctx.on("close", resolve));
  } finally {
    await browser.close();
  }
}

/**
 * "Read my timetable from this page": the teacher's Arbor calendar (a page built from Arbor's published
 * structure) served at a school's real address on this machine; the toolbar button is pressed through CDP so
 * Chrome grants activeTab as for a click; the popup previews the fortnight and adds it.
 */
async function readTimetablePage(): Promise<void> {
  const browser = await launchWithExtension({
    tz: "Europe/London",
    headless,
    extraArgs: ["--enable-unsafe-extension-debugging"],
  });
  try {
    const options = await browser.openExtensionPage("options.html");
    await sendFromPage(options, {
      type: "profile/save",
      profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
    });
    const url = "https://greenabbey.uk.arbor.sc/?/my-mis-ui/calendar/";
    await servePage(browser.ctx, "https://greenabbey.uk.arbor.sc/**", {
      file: path.resolve("src/ingest/pages/fixtures/arbor/my-calendar-week.html"),
    });
    const tab = await browser.ctx.newPage();
    await tab.goto(url);
    await pressToolbarButton(browser, tab);
    const popup = await browser.openExtensionPage(`popup.html?tab=${await tabIdOf(browser, tab)}`);
    await popup.setViewportSize({ width: 400, height: 900 });
    await popup.getByRole("button", { name: "Read my timetable from this page" }).click();
    const preview = popup.getByTestId("read-page-preview");
    await preview.waitFor({ timeout: 20_000 });
    await preview.scrollIntoViewIfNeeded();
    await popup.screenshot({ path: path.join(OUT, "read-page.png"), fullPage: true });
    console.log(`\nRead my timetable from ${url}:`);
    console.log(`  ${(await preview.locator("p").first().innerText()).trim()}`);
    await popup.getByRole("button", { name: "Add to my calendar" }).click();
    const saved = popup.getByTestId("read-page-saved");
    await saved.waitFor({ timeout: 20_000 });
    console.log(`  ${(await saved.innerText()).trim()}`);
    console.log("Screenshot: demo/out/read-page.png");
  } finally {
    await browser.close();
  }
}

await teacherWeek();
await readTimetablePage();
await lateSend();
