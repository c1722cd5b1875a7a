import { useState } from "preact/hooks";
import type { Profile, Source } from "../model";
import type { WithinHoursDB } from "../store/db";
import { itemsBetween } from "../store/queries";
import { calendarOf } from "../rules/catalogue";
import { StatusLine, type Status } from "./StatusLine";
import type { EvidenceFormat } from "../evidence/file";
import type { RangeChoice } from "../evidence/range";

type RangeKind = RangeChoice["kind"];

const RANGE_LABEL: Record<RangeKind, string> = {
  week: "This week",
  term: "This term",
  year: "This academic year",
  dates: "Dates",
};

const FORMAT_LABEL: Record<EvidenceFormat, string> = {
  csv: "Download CSV (spreadsheet)",
  pdf: "Download PDF (one-page summary)",
  ics: "Download ICS (calendar)",
};

/** Saves `data` as a file through an object URL and a download link: nothing leaves the device. */
function download(data: string | Uint8Array, type: string, name: string): void {
  const blob = new Blob([typeof data === "string" ? data : data.slice().buffer], { type });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/**
 * The evidence pack for a rep: a range, an optional name, and three files built in this page from the items
 * on this device (the evidence code and pdf-lib load on the first press, so the page opens without them).
 */
export function EvidencePanel({
  db,
  profile,
  sources,
}: {
  db: WithinHoursDB;
  profile: Profile;
  sources: readonly Source[];
}) {
  const [kind, setKind] = useState<RangeKind>("term");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [name, setName] = useState("");
  const [busy, setBusy] = useState<EvidenceFormat | null>(null);
  const [status, setStatus] = useState<Status>();

  async function make(format: EvidenceFormat) {
    setBusy(format);
    setStatus(undefined);
    try {
      const [{ evidenceFile, evidenceFileName, EVIDENCE_MIME }, { resolveRange, RangeError }] =
        await Promise.all([import("../evidence/file"), import("../evidence/range")]);
      const now = Date.now();
      const choice: RangeChoice = kind === "dates" ? { kind, from, to } : { kind };
      let range;
      try {
        range = resolveRange(choice, profile, now);
      } catch (e) {
        if (e instanceof RangeError) return setStatus({ ok: false, text: e.message });
        throw e;
      }
      const cal = calendarOf(profile);
      const items = await itemsBetween(db, cal.startInstant, cal.endInstant);
      const file = await evidenceFile({ items, profile, sources, name, now }, format, range);
      download(file, EVIDENCE_MIME[format], evidenceFileName(range.from, range.to, format));
      setStatus({ ok: true, text: `${format.toUpperCase()} for ${range.label} saved to your downloads.` });
    } catch (e) {
      setStatus({
        ok: false,
        text: `The ${format.toUpperCase()} could not be made: ${e instanceof Error ? e.message : String(e)}`,
      });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="evidence-heading" class="wh-card" data-testid="evidence-panel">
      <h3 id="evidence-heading">Evidence for a rep</h3>
      <p class="wh-muted">
        A spreadsheet of every entry in the union calculator's categories, a one-page summary with the rules
        and their sources, and a calendar file. Made on this device; nothing about pupils and no colleague's
        absence reason goes in.
      </p>
      <fieldset>
        <legend>Period</legend>
        <div class="wh-row">
          {(Object.keys(RANGE_LABEL) as RangeKind[]).map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="evidence-range"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />{" "}
              {RANGE_LABEL[k]}
            </label>
          ))}
        </div>
        {kind === "dates" && (
          <div class="wh-row">
            <label>
              From{" "}
              <input
                type="date"
                name="evidence-from"
                value={from}
                onInput={(e) => setFrom(e.currentTarget.value)}
              />
            </label>
            <label>
              To{" "}
              <input
                type="date"
                name="evidence-to"
                value={to}
                onInput={(e) => setTo(e.currentTarget.value)}
              />
            </label>
          </div>
        )}
      </fieldset>
      <label>
        Your name on the summary (optional){" "}
        <input
          type="text"
          name="evidence-name"
          autocomplete="name"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <div class="wh-row">
        {(Object.keys(FORMAT_LABEL) as EvidenceFormat[]).map((f) => (
          <button key={f} type="button" data-format={f} disabled={busy !== null} onClick={() => void make(f)}>
            {busy === f ? "Making…" : FORMAT_LABEL[f]}
          </button>
        ))}
      </div>
      <StatusLine status={status} testId="evidence-status" block />
    </section>
  );
}
