export { buildEvidence, citationFor, findingText } from "./pack";
export type {
  Citation,
  EvidenceInput,
  EvidencePack,
  EvidenceRow,
  EvidenceWeek,
  ExceptionGroup,
} from "./pack";
export { evidenceCsv, CSV_HEADER } from "./csv";
export { evidenceIcs } from "./ics";
export { resolveRange, RangeError, type EvidenceRange, type RangeChoice } from "./range";
export { CALCULATOR_CATEGORIES, calculatorCategory, type CalculatorCategory } from "./categories";
