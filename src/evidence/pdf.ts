import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { DateTime } from "luxon";
import { formatMinutes } from "../rules/util";
import { CALCULATOR_CATEGORIES } from "./categories";
import type { Citation, EvidencePack, ExceptionGroup } from "./pack";

/** A4 in points. */
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const MAX_PAGES = 2;
/** Lines shown per exception group before "and N more (see the CSV)". */
const LINES_PER_GROUP = 6;

const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.38, 0.4, 0.45);
const BAR = rgb(0.27, 0.45, 0.7);
const BAR_OVER = rgb(0.78, 0.33, 0.2);
const PACE = rgb(0.15, 0.15, 0.15);

/**
 * Characters the standard PDF fonts can draw (WinAnsi): ASCII, Latin-1 and a few typographic marks. Other
 * text is spelled in these (− as -, ≤ as <=), accents are dropped (ā → a), and anything left becomes "?";
 * embedding a Unicode font would add hundreds of kilobytes for a handful of characters.
 */
const WIN_ANSI_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
export function pdfSafe(text: string): string {
  const spelled = text
    .replace(/\u2212/g, "-")
    .replace(/\u2264/g, "<=")
    .replace(/\u2265/g, ">=")
    .replace(/[\u2009\u202f]/g, " ");
  let out = "";
  for (const ch of spelled) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.includes(ch)) {
      out += ch;
      continue;
    }
    const bare = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    out += bare.length === 1 && bare.charCodeAt(0) < 0x7f ? bare : "?";
  }
  return out;
}

/** Writes lines top to bottom, starting a new page when one is full, up to MAX_PAGES. */
class Writer {
  page: PDFPage;
  y: number;
  pages = 1;
  full = false;
  /** Points kept free at the foot of the last page for the signature. */
  reserve = 64;
  constructor(
    private readonly doc: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.page = doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  get width(): number {
    return PAGE.width - 2 * MARGIN;
  }

  /** Room for `height` more points, on a new page if need be; false once the last page is full. */
  room(height: number): boolean {
    if (this.full) return false;
    if (this.y - height >= MARGIN + (this.pages >= MAX_PAGES ? this.reserve : 0)) return true;
    if (this.pages >= MAX_PAGES) {
      this.full = true;
      return false;
    }
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages++;
    this.y = PAGE.height - MARGIN;
    return true;
  }

  text(
    text: string,
    opts: { size?: number; bold?: boolean; color?: typeof INK; indent?: number } = {},
  ): boolean {
    const size = opts.size ?? 9.5;
    const font = opts.bold ? this.bold : this.font;
    const indent = opts.indent ?? 0;
    const lines = wrap(pdfSafe(text), font, size, this.width - indent);
    for (const line of lines) {
      if (!this.room(size * 1.35)) return false;
      this.y -= size * 1.35;
      this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font, color: opts.color ?? INK });
    }
    return true;
  }

  gap(points: number): void {
    this.y -= points;
  }
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

const day = (date: string) => DateTime.fromISO(date).toFormat("ccc d LLL yyyy");

export function citationText(c: Citation): string {
  return `${c.rule}: ${c.title}. ${c.document} (${c.forceLabel}).`;
}

/**
 * The one- or two-page summary for the meeting with the head: the period, the year against the pro-rata
 * budget with its forecast, a weekly chart, the weeks over limits and the exceptions, each with its rule and
 * source, and a line to sign. Made with pdf-lib in the page or in Node; no print dialog.
 */
export async function evidencePdf(pack: EvidencePack): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(pdfSafe(`Directed time evidence: ${pack.range.label}`));
  doc.setProducer("Within Hours");
  doc.setCreator("Within Hours");
  doc.setCreationDate(new Date(pack.generatedAt));
  doc.setModificationDate(new Date(pack.generatedAt));
  const w = new Writer(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
  );

  w.text("Directed time: evidence summary", { size: 16, bold: true });
  w.text(`Period: ${pack.range.label} (${pack.range.from} to ${pack.range.to})`, { size: 11 });
  if (pack.name) w.text(`Teacher: ${pack.name}`, { size: 11 });
  w.text(
    `${pack.regimeLabel}; ${Math.round(pack.fte * 100)}% of full time. Made on this device by Within Hours on ${DateTime.fromMillis(pack.generatedAt, { zone: pack.timeZone }).toFormat("d LLL yyyy")}.`,
    { color: MUTED },
  );
  w.gap(6);

  const y = pack.year;
  w.text("The year against the budget", { size: 12, bold: true });
  const budget =
    y.budgetMinutes > 0 ? `Pro-rata budget ${formatMinutes(y.budgetMinutes)}.` : "No annual budget applies.";
  w.text(
    `${y.label} (${y.start} to ${DateTime.fromISO(y.end).minus({ days: 1 }).toISODate()}): ${y.directedText}. ${budget} Forecast: ${y.forecastText}${y.budgetMinutes > 0 ? ` (${Math.round(y.forecastRatio * 100)}% of the budget)` : ""}. ${y.daysText}. ${y.coverText}.`,
  );
  if (y.citation) w.text(`Budget: ${citationText(y.citation)}`, { color: MUTED, size: 8.5 });
  w.gap(6);

  w.text("This period", { size: 12, bold: true });
  const t = pack.totals;
  const parts = CALCULATOR_CATEGORIES.filter((c) => (t.byCategory[c] ?? 0) > 0 && c !== "not directed").map(
    (c) => `${c} ${formatMinutes(t.byCategory[c] ?? 0)}`,
  );
  w.text(
    `Directed time counted: ${formatMinutes(t.directedMinutes)} in ${pack.rows.filter((r) => r.directed).length} entries${parts.length ? ` (${parts.join(", ")})` : ""}. Overlapping entries are counted once.`,
  );
  if (t.notDirectedMinutes > 0)
    w.text(
      `Undirected work, self-reported and kept apart from the budget: ${formatMinutes(t.notDirectedMinutes)}.`,
    );
  if (pack.unconfirmedCount > 0)
    w.text(`${pack.unconfirmedCount} entries in this period are not yet confirmed by the teacher.`, {
      color: MUTED,
    });
  w.gap(4);
  drawWeekChart(w, pack);

  w.text("Weeks over a limit", { size: 12, bold: true });
  const overWeeks = pack.weeks.filter((wk) => wk.over.length > 0);
  if (overWeeks.length === 0) w.text("None in this period.");
  for (const wk of overWeeks.slice(0, LINES_PER_GROUP))
    w.text(`Week of ${day(wk.start)}: ${wk.over.map((o) => o.text).join("; ")}`, { indent: 8 });
  if (overWeeks.length > LINES_PER_GROUP)
    w.text(`and ${overWeeks.length - LINES_PER_GROUP} more weeks (see the CSV).`, {
      indent: 8,
      color: MUTED,
    });
  const limits = pack.exceptions.find((g) => g.id === "weeks")?.citations ?? [];
  for (const c of limits) w.text(`Rule ${citationText(c)}`, { indent: 8, size: 8, color: MUTED });
  w.gap(4);

  w.text("Exceptions", { size: 12, bold: true });
  // Weeks over a limit are listed above, with their rules.
  for (const group of pack.exceptions) if (group.id !== "weeks") drawGroup(w, group);

  // The signature block always fits: room is kept for it on the last page.
  w.full = false;
  w.reserve = 0;
  w.room(60);
  w.gap(14);
  w.text(
    pack.name
      ? `Signed: ______________________________ (${pack.name})      Date: ______________`
      : "Signed: ______________________________      Date: ______________",
  );
  w.text(
    "Counted from the teacher's own calendar. Rules are cited with their force; union advice is not law. No pupil data and no colleague's absence reason are included.",
    { size: 7.5, color: MUTED },
  );
  return doc.save();
}

function drawGroup(w: Writer, group: ExceptionGroup): void {
  if (group.lines.length === 0 && group.id !== "cover") return;
  if (!w.room(40)) return;
  w.gap(2);
  w.text(`${group.title}${group.lines.length ? ` (${group.lines.length})` : ""}`, { bold: true, size: 10 });
  for (const total of group.totals ?? []) if (!w.text(total, { indent: 8 })) return;
  for (const line of group.lines.slice(0, LINES_PER_GROUP)) {
    const when = line.time ? `${day(line.date)} ${line.time}` : `Week of ${day(line.date)}`;
    if (!w.text(`${when}: ${line.text}`, { indent: 8 })) return;
  }
  if (group.lines.length > LINES_PER_GROUP)
    w.text(`and ${group.lines.length - LINES_PER_GROUP} more (see the CSV).`, { indent: 8, color: MUTED });
  for (const c of group.citations) w.text(`Rule ${citationText(c)}`, { indent: 8, size: 8, color: MUTED });
}

/** Directed hours per week as bars, with the pro-rata pace as a line over them. */
function drawWeekChart(w: Writer, pack: EvidencePack): void {
  const weeks = pack.weeks;
  const height = 110;
  if (weeks.length === 0 || !w.room(height + 36)) return;
  w.text("Directed hours per week, against the pro-rata pace", { size: 10, bold: true });
  const top = w.y - 8;
  const bottom = top - height;
  const left = MARGIN + 28;
  const width = w.width - 28;
  const maxMinutes = Math.max(60, ...weeks.map((wk) => Math.max(wk.directedMinutes, wk.paceMinutes)));
  const maxHours = Math.ceil(maxMinutes / 60 / 5) * 5;
  const scale = height / (maxHours * 60);
  const page = w.page;
  for (let h = 0; h <= maxHours; h += maxHours > 30 ? 10 : 5) {
    const yy = bottom + h * 60 * scale;
    page.drawLine({
      start: { x: left, y: yy },
      end: { x: left + width, y: yy },
      thickness: 0.3,
      color: MUTED,
    });
    page.drawText(`${h} h`, { x: MARGIN, y: yy - 3, size: 7, font: w.font, color: MUTED });
  }
  const slot = width / weeks.length;
  const barWidth = Math.max(1, slot * 0.7);
  weeks.forEach((wk, i) => {
    const x = left + i * slot + (slot - barWidth) / 2;
    const over = wk.over.length > 0 || (wk.paceMinutes > 0 && wk.directedMinutes > wk.paceMinutes * 1.1);
    if (wk.directedMinutes > 0)
      page.drawRectangle({
        x,
        y: bottom,
        width: barWidth,
        height: wk.directedMinutes * scale,
        color: over ? BAR_OVER : BAR,
      });
    if (wk.paceMinutes > 0)
      page.drawLine({
        start: { x: left + i * slot, y: bottom + wk.paceMinutes * scale },
        end: { x: left + (i + 1) * slot, y: bottom + wk.paceMinutes * scale },
        thickness: 1.2,
        color: PACE,
      });
  });
  const labelEvery = Math.max(1, Math.ceil(weeks.length / 8));
  weeks.forEach((wk, i) => {
    if (i % labelEvery !== 0) return;
    page.drawText(DateTime.fromISO(wk.start).toFormat("d LLL"), {
      x: left + i * slot,
      y: bottom - 10,
      size: 7,
      font: w.font,
      color: MUTED,
    });
  });
  w.y = bottom - 14;
  w.text(
    "Bars: directed hours counted (red: over a limit or the pace by more than 10%). Line: the budget's pace for the week's term days.",
    {
      size: 7.5,
      color: MUTED,
    },
  );
  w.gap(4);
}
