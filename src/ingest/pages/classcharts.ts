/**
 * Class Charts (www.classcharts.com). Reads its timetable answer: `data[]` of lessons with ISO start and end
 * times that carry their offset, so no zone is guessed. A lapsed session answers "Not logged in".
 */
import { PageUnreadable, type PageInput, type PageItem, type ReaderResult } from "./types";

function record(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function readClassCharts(input: PageInput): ReaderResult {
  const root = record(input.json);
  if (!root)
    throw new PageUnreadable(
      "Class Charts' timetable has not loaded on this page: open Timetable and read again.",
    );
  if (root.success === 0 || root.success === false) {
    const error = String(root.error ?? root.message ?? "");
    throw new PageUnreadable(
      /log(ged)? ?in/i.test(error)
        ? "Class Charts says you are not logged in (its session lapses after a few idle minutes): sign in and read again."
        : `Class Charts refused the request: ${error || "no reason given"}.`,
    );
  }
  if (!Array.isArray(root.data))
    throw new PageUnreadable("This is not a Class Charts timetable answer (no data list).");
  const items: PageItem[] = [];
  const warnings: string[] = [];
  for (const row of root.data as unknown[]) {
    const r = record(row);
    if (!r) continue;
    const start = Date.parse(String(r.start_time ?? ""));
    const end = Date.parse(String(r.end_time ?? ""));
    const subject = String(r.subject_name ?? "").trim();
    const group = String(r.lesson_name ?? "").trim() || undefined;
    if (!Number.isFinite(start) || !Number.isFinite(end)) {
      warnings.push(
        `Left out ${subject || "a lesson"} (${String(r.period_name ?? "")}): its times could not be read.`,
      );
      continue;
    }
    const isTutor = /^tutor|registration|form time/i.test(subject);
    items.push({
      title: [subject, group].filter(Boolean).join(" ") || "Lesson",
      start,
      end,
      location: String(r.room_name ?? "").trim() || undefined,
      group,
      hint: isTutor ? "registration" : "lesson",
    });
  }
  return { items, warnings };
}
