import type { ItemKind } from "../../model";
import { engEmailDirected, engMeetingsWeekly } from "../overlays/union";
import { SRC } from "../sources";
import type { Pack, RuleDef } from "../types";
import {
  directedBudget,
  engAdmin,
  engCoverRarely,
  engDirectedAnnual,
  engDirectedCounts,
  engEctReduction,
  engInvigilation,
  engLunch,
  engParttimeDays,
  engPpaMin,
  engWeekend,
} from "./england";
import { UK_TEACHER_OVERLAYS, threeUkTerms } from "./terms";

/**
 * Wales: the same core as England (1265 h / 195 days, PPA at least 10%, cover rarely, lunch window) under its
 * own pay and conditions document since 2019 (RULES.md "Wales"). The five core rules have Welsh ids and
 * England's checks and parameters; the other England rules apply citing the Welsh document.
 */
function welsh<R extends RuleDef>(rule: R, id: string, source: string = SRC.stpcdWales): R {
  return { ...rule, id, source };
}

export const walDirectedAnnual = welsh(engDirectedAnnual, "wal.directed.annual");
export const walPpaMin = welsh(engPpaMin, "wal.ppa.min");
export const walCoverRarely = welsh(engCoverRarely, "wal.cover.rarely", `${SRC.stpcdWales}, para. 49.7`);
export const walLunch = welsh(engLunch, "wal.lunch", `${SRC.stpcdWales}, para. 51.2`);
export const walAdmin = welsh(engAdmin, "wal.admin", `${SRC.stpcdWales}, Annex 3 (2023, updated 2024)`);

export const walesRules: readonly RuleDef[] = [
  walDirectedAnnual,
  walPpaMin,
  walCoverRarely,
  walLunch,
  walAdmin,
  // England's rules, citing the Welsh document here (`citations`).
  engDirectedCounts,
  engParttimeDays,
  engInvigilation,
  engWeekend,
  engEctReduction,
];

export const wales: Pack = {
  id: "wales",
  label: "Wales (STPC(W)D)",
  choiceLabel: "Wales",
  defaults: {
    timeZone: "Europe/London",
    weekStart: 1,
    unionOverlay: true,
    yearStart: [9, 1],
    schoolDayStart: "08:30",
    schoolDayEnd: "16:30",
    role: "classroom",
  },
  approximateTerms: threeUkTerms,
  rules: walesRules,
  overlays: UK_TEACHER_OVERLAYS,
  citations: Object.fromEntries(
    [engDirectedCounts, engParttimeDays, engInvigilation, engWeekend].map((r) => [r.id, SRC.stpcdWales]),
  ),
  contactKinds: new Set<ItemKind>(["lesson", "cover"]),
  contactLimit: () => null,
  budget: (profile, p) => directedBudget(profile, p, walDirectedAnnual),
  weeklyLimit: () => null,
  meters: {
    teacher: true,
    ppa: { rule: walPpaMin, label: "PPA", ratio: (p) => p(walPpaMin).minRatio, of: "teaching" },
    cover: walCoverRarely,
    meetings: engMeetingsWeekly,
  },
  yearLabel: "Directed time this year",
  email: {
    rule: engEmailDirected,
    ownWindowRule: walDirectedAnnual,
    applies: (profile) => profile.unionOverlay,
    windowName: "directed time",
    advice: "NEU and NASUWT advise sending work email only in directed time (union advice)",
  },
};
