/** Saved timetable pages for the browser tests, from the readers' fixtures (src/ingest/pages/fixtures/). */
import { readFileSync } from "node:fs";
import path from "node:path";

const FIXTURES = path.resolve("src/ingest/pages/fixtures");
export const pageFixture = (p: string) => readFileSync(path.join(FIXTURES, p), "utf8");

/** The saved staff EduLink.Timetable answer's `result` (the demo school's two weeks, June 2016). */
export const edulinkTimetable = (): EdulinkTimetable =>
  JSON.parse(pageFixture("edulink/employee/EduLink.Timetable.json")).result as EdulinkTimetable;

export interface EdulinkTimetable {
  weeks: { days: { lessons: { room?: { name: string } }[] }[] }[];
}

/**
 * An Edulink page built by us: the AngularJS app's `<timetable>` element and its service holding a
 * timetable answer, as the real app holds it after loading (MIS-PAGES §4). With null, the page as it
 * is before the app has loaded its timetable.
 */
export const edulinkPage = (timetable: EdulinkTimetable | null = edulinkTimetable()) =>
  `<!doctype html><html><head><title>Edulink One</title></head><body>
<timetable><h1>Timetable</h1></timetable>
<script>
  const data = ${timetable ? `{ timetables: [${JSON.stringify(timetable)}] }` : "null"};
  window.angular = { element: () => ({ controller: () => ({ _timetableService: { data } }) }) };
</script></body></html>`;
