import Papa from "papaparse";
import type { EvidencePack } from "./pack";

export const CSV_HEADER = [
  "Date",
  "Start",
  "End",
  "Minutes",
  "Category",
  "Directed (Y/N)",
  "On directed-time calendar (Y/N/unknown)",
  "Source",
  "Note",
] as const;

/**
 * One row per item, for the union's directed-time calculator. UTF-8 with a byte-order mark (without it
 * Excel reads the file as the machine's legacy code page), CRLF line ends, ISO dates and 24-hour times,
 * which Excel and LibreOffice both read as dates and times. Papa Parse does the quoting, and prefixes a
 * cell that starts with =, +, - or @ so a title can never run as a spreadsheet formula.
 */
export function evidenceCsv(pack: EvidencePack): string {
  const data = pack.rows.map((r) => [
    r.date,
    r.startTime,
    r.endTime,
    r.minutes,
    r.category,
    r.directed ? "Y" : "N",
    r.onCalendar,
    r.source,
    r.note,
  ]);
  return (
    "\uFEFF" +
    Papa.unparse(
      { fields: [...CSV_HEADER], data },
      { newline: "\r\n", escapeFormulae: true, quotes: false },
    ) +
    "\r\n"
  );
}
