import type { ItemKind, WorkItem } from "../model";

/**
 * The categories of the union directed-time calculator (NEU's Excel pro forma maps its rows to these), so
 * the CSV can be pasted into it. Undirected work is kept apart as "not directed" (self-reported, not part
 * of the 1265 hours).
 */
export const CALCULATOR_CATEGORIES = [
  "teaching",
  "registration",
  "PPA",
  "duties and supervision",
  "parents' meetings",
  "staff meetings",
  "INSET and training",
  "other directed",
  "not directed",
] as const;
export type CalculatorCategory = (typeof CALCULATOR_CATEGORIES)[number];

const BY_KIND: Partial<Record<ItemKind, CalculatorCategory>> = {
  lesson: "teaching",
  // Cover is class contact: the calculator counts it as teaching; the note says it was cover.
  cover: "teaching",
  registration: "registration",
  ppa: "PPA",
  "non-contact": "PPA",
  duty: "duties and supervision",
  invigilation: "duties and supervision",
  "parents-evening": "parents' meetings",
  meeting: "staff meetings",
  inset: "INSET and training",
  cpd: "INSET and training",
};

export function calculatorCategory(item: Pick<WorkItem, "kind" | "directed">): CalculatorCategory {
  if (!item.directed) return "not directed";
  return BY_KIND[item.kind] ?? "other directed";
}
