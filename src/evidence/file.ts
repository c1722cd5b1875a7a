import type { Evaluation } from "../rules/engine";
import type { Profile, Source, WorkItem } from "../model";
import { evidenceCsv } from "./csv";
import { buildEvidence } from "./pack";
import { evidencePdf } from "./pdf";
import { evidenceIcs } from "./ics";
import { resolveRange, type EvidenceRange, type RangeChoice } from "./range";

export const EVIDENCE_FORMATS = ["csv", "pdf", "ics"] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];

export const EVIDENCE_MIME: Record<EvidenceFormat, string> = {
  csv: "text/csv;charset=utf-8",
  pdf: "application/pdf",
  ics: "text/calendar;charset=utf-8",
};

/**
 * One evidence file for a range (the academic year unless given; a choice is resolved against the ledger's
 * clock): text for CSV and ICS, bytes for PDF.
 */
export async function evidenceFile(
  ledger: {
    items: readonly WorkItem[];
    profile: Profile;
    evaluation?: Evaluation;
    now?: number;
    sources?: readonly Source[];
    name?: string;
  },
  format: EvidenceFormat,
  range: RangeChoice | EvidenceRange = { kind: "year" },
): Promise<string | Uint8Array> {
  const now = ledger.now ?? Date.now();
  const resolved = "kind" in range ? resolveRange(range, ledger.profile, now) : range;
  const pack = buildEvidence({ ...ledger, now, range: resolved });
  if (format === "csv") return evidenceCsv(pack);
  if (format === "ics") return evidenceIcs(pack);
  return evidencePdf(pack);
}

/** "within-hours-evidence-2026-09-01-to-2027-08-31.csv" */
export function evidenceFileName(from: string, to: string, format: EvidenceFormat): string {
  return `within-hours-evidence-${from}-to-${to}.${format}`;
}
