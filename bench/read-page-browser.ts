/**
 * Reading a two-week timetable page in Chromium: the same readers the popup runs (bundled with esbuild),
 * parse and read together, as the popup does after collecting the tab. Pages: an Arbor grid of two school
 * weeks (seven entries a day), the real two-week Edulink staff answer, and a Google Calendar week view.
 * Run with `npx tsx bench/read-page-browser.ts`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { launchWithExtension } from "../e2e/harness";
import { collectPage } from "../src/ingest/pages/collect";
import { median, report } from "./stats";

const RUNS = 40;
const TARGET_MS = 20;
const FIXTURES = path.resolve("src/ingest/pages/fixtures");

function arborTwoWeeks(): string {
  const dates: string[] = [];
  for (const monday of ["2026-10-12", "2026-10-19"])
    for (let d = 0; d < 5; d++)
      dates.push(new Date(Date.parse(`${monday}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10));
  const slots = [
    "08:40-09:00",
    "09:00-10:00",
    "10:00-11:00",
    "11:20-12:20",
    "12:20-13:20",
    "14:00-15:00",
    "15:00-16:00",
  ];
  const cells = dates
    .map(
      (date, d) =>
        `<td>${slots
          .map(
            (slot, s) =>
              `<div class="mis-cal-event mis-cal-green" data-eventid="${d * 10 + s}" style="top:${s * 60}px;height:60px"><div class="mis-cal-event-time"><span>${slot.replace("-", " - ")} | Location: S${s}</span></div><span><b class="title">Science: Yr ${7 + (s % 5)}: ${7 + (s % 5)}A/Sc${s}</b></span></div>`,
          )
          .join("")}</td>`,
    )
    .join("");
  const head = dates
    .map((d) => `<td class="mis-calendar-date" data-date="${d}"><b>${d.slice(8)}</b></td>`)
    .join("");
  return `<!doctype html><html><body><div class="nav">${"<a href='#'>Menu</a>".repeat(200)}</div><table class="mis-cal mis-cal-day"><thead><tr><td></td>${head}</tr></thead><tbody><tr><td></td>${cells}</tr></tbody></table></body></html>`;
}

async function main(): Promise<void> {
  const bundle = await build({
    entryPoints: ["src/ingest/pages/registry.ts"],
    bundle: true,
    format: "iife",
    globalName: "WithinHoursReaders",
    write: false,
    minify: true,
    target: "chrome120",
  });
  const code = bundle.outputFiles[0]!.text;
  const edulink = JSON.parse(
    readFileSync(path.join(FIXTURES, "edulink/employee/EduLink.Timetable.json"), "utf8"),
  );
  const pages = [
    {
      name: "an Arbor two-week grid page",
      url: "https://school.uk.arbor.sc/?/my-mis-ui/calendar/",
      html: arborTwoWeeks(),
    },
    {
      name: "Edulink's two-week staff timetable",
      url: "https://www.edulinkone.com/#!/timetable",
      html: "<html><body><timetable></timetable></body></html>",
      json: edulink,
    },
    {
      name: "a Google Calendar week view",
      url: "https://calendar.google.com/calendar/u/0/r/week",
      html: readFileSync(path.join(FIXTURES, "google-calendar/week-en-gb.html"), "utf8"),
    },
  ];
  const launched = await launchWithExtension({ withoutExtension: true });
  try {
    const page = await launched.ctx.newPage();
    await page.setContent("<html><body></body></html>");
    await page.addScriptTag({ content: code });
    for (const p of pages) {
      // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
      const times = (await page.evaluate(`(() => {
        const p = ${JSON.stringify(p)};
        const parser = new DOMParser();
        const parseHtml = (html) => parser.parseFromString(html, "text/html");
        const out = [];
        let count = 0;
        for (let i = 0; i < ${RUNS}; i++) {
          const t0 = performance.now();
          const reading = window.WithinHoursReaders.readPage({
            url: p.url,
            document: parseHtml(p.html),
            json: p.json === undefined ? undefined : structuredClone(p.json),
            timeZone: "Europe/London",
            today: "2026-10-14",
            parseHtml,
          });
          out.push(performance.now() - t0);
          if (!reading.ok) throw new Error(reading.reason);
          count = reading.items.length;
        }
        return { out, count };
      })()`)) as { out: number[]; count: number };
      report(
        `read ${p.name} in Chromium (${times.count} items, parse + read)`,
        median(times.out.slice(5)),
        TARGET_MS,
      );
    }
  } finally {
    await launched.close();
  }
  console.log(
    `BENCH injected collector: ${collectPage.toString().length} characters of source (one function, run on the click)`,
  );
}

await main();
