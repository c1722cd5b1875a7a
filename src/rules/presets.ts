import type { Jurisdiction } from "../model";
import { SRC } from "./sources";
import type { Params } from "./types";

/**
 * A school's or authority's local agreement, as data: parameter values applied over the national defaults and
 * under the teacher's own overrides. Adding an agreement means adding an entry here, never code.
 */
export interface LocalAgreement {
  id: string;
  name: string;
  jurisdiction: Jurisdiction;
  source: string;
  overrides: Readonly<Record<string, Params>>;
}

/** Categories and hours of the 190 collegiate hours, from the first Appendix 1 table of seed 001. */
const WD_COLLEGIATE = {
  "hours.additional-preparation": 50,
  "hours.parents-meetings": 21,
  "hours.staff-meetings": 20,
  "hours.assessment-reporting": 60,
  "hours.forward-planning": 24,
  "hours.prd": 2,
  "hours.annex-d": 10,
  "hours.trade-union": 3,
} as const;

export const PRESETS: readonly LocalAgreement[] = [
  {
    id: "west-dunbartonshire",
    name: "West Dunbartonshire 35-hour week agreement (session 2012-13)",
    jurisdiction: "scotland",
    source: SRC.wdAgreement,
    overrides: {
      // 39 weeks × 35 h − 5 in-service days × 5.5 h − 38 weeks × 22.5 h − 39 weeks × 7.5 h = 190 h.
      "sco.collegiate": {
        totalHours: 190,
        ...WD_COLLEGIATE,
        // Title keywords deciding the category of a collegiate item, tried in this order.
        "match.trade-union": "union|eis branch|eis meeting|ssta|nasuwt",
        "match.prd": "prd|professional review",
        "match.forward-planning": "forward plan|development plan|improvement plan|school plan",
        "match.assessment-reporting": "assessment|report|moderation|tracking|prelim",
        "match.additional-preparation": "preparation|correction|marking",
        "match.parents-meetings": "parent",
        "match.staff-meetings": "staff meeting|stage meeting|department|curriculum",
      },
      "sco.week": {
        weeklyHours: 35,
        weeks: 39,
        personalHours: 7.5,
        yearDays: 195,
        pupilDays: 190,
        inServiceDays: 5,
        inServiceDayHours: 5.5,
      },
      "sco.contact.max": { maxHours: 22.5 },
      "sco.cpd": { maxHours: 35 },
      "sco.instructors": { contactHours: 27.5, prepHours: 2.5, collegiateHours: 5, minBreakMinutes: 40 },
    },
  },
];

export function presetById(id: string | undefined): LocalAgreement | undefined {
  return id ? PRESETS.find((p) => p.id === id) : undefined;
}
