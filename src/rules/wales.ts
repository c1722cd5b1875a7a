import { englandRegime } from "./england";
import type { Regime } from "./types";

/**
 * Wales: the same core as England (1265 h / 195 days, PPA at least 10%, cover rarely, lunch window) under its
 * own pay and conditions document since 2019. The England rule ids apply, citing the Welsh document.
 */
export const walesRegime: Regime = {
  ...englandRegime,
  jurisdiction: "wales",
  label: "Wales (STPC(W)D)",
  packs: ["wales", "uk-wtr"],
};
