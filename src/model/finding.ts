/** The strength of a rule's source. Shown in the UI; advice is never presented as law. */
export type Force = "S" | "C" | "G" | "U";
export const FORCE_LABEL: Record<Force, string> = {
  S: "statute",
  C: "contract or national agreement",
  G: "official guidance",
  U: "union advice",
};

export type Severity = "breach" | "warning" | "info";
/** Most serious first: the one order findings are sorted and counted in. */
export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { breach: 0, warning: 1, info: 2 };

export interface Finding {
  /** Rule id from RULES.md, e.g. "eng.meetings.weekly". */
  rule: string;
  severity: Severity;
  force: Force;
  start: number;
  end: number;
  /** Ids of the work items involved. */
  items: string[];
  /** Plain words, citing the source. */
  message: string;
  /** The document the rule comes from. */
  source: string;
  /** What the teacher can do. */
  action?: string;
}
