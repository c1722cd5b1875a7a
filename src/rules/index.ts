export * from "./types";
export { evaluate, Ledger, weekStartOf, type EngineOptions } from "./engine";
export { coverVerdict, PROPOSED_COVER_ID, type CoverSlot, type CoverVerdict } from "./cover";
export {
  RULES,
  RULE_BY_ID,
  REGIMES,
  listRules,
  paramsFor,
  regimeFor,
  availablePacks,
  type RuleInfo,
} from "./catalogue";
export { PRESETS, presetById, type LocalAgreement } from "./presets";
export {
  weekSummary,
  yearSummary,
  type WeekSummaryView,
  type SummaryMeter,
  type YearSummary,
  type MeterStatus,
} from "./summary";
export { sendWindows, type SendWindow } from "./email";
export { formatMinutes } from "./util";
