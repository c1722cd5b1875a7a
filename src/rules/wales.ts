import { englandRegime, englandRules } from "./england";
import { SRC } from "./sources";
import type { Regime, RuleDef } from "./types";
import { directedBudget } from "./england";

/**
 * Wales: the same core as England (1265 h / 195 days, PPA at least 10%, cover rarely, lunch window) under its
 * own pay and conditions document since 2019 (RULES.md "Wales"). The five core rules have Welsh ids and the
 * same checks and parameters; the other England rules apply citing the Welsh document.
 */
export const walesRegime: Regime = {
  ...englandRegime,
  jurisdiction: "wales",
  label: "Wales (STPC(W)D)",
  packs: ["wales", "uk-wtr"],
  budget: (profile, p) => directedBudget(profile, p, "wal.directed.annual"),
  ppaRule: "wal.ppa.min",
  coverRule: "wal.cover.rarely",
};

const WELSH: Record<string, { id: string; title?: string; source?: string }> = {
  "eng.directed.annual": { id: "wal.directed.annual" },
  "eng.ppa.min": { id: "wal.ppa.min" },
  "eng.cover.rarely": { id: "wal.cover.rarely", source: `${SRC.stpcdWales}, para. 49.7` },
  "eng.lunch": { id: "wal.lunch", source: `${SRC.stpcdWales}, para. 51.2` },
  "eng.admin": { id: "wal.admin", source: `${SRC.stpcdWales}, Annex 3 (2023, updated 2024)` },
};

export const walesRules: RuleDef[] = englandRules
  .filter((r) => WELSH[r.id])
  .map((r) => {
    const w = WELSH[r.id]!;
    return { ...r, id: w.id, source: w.source ?? SRC.stpcdWales, packs: ["wales"] };
  });
