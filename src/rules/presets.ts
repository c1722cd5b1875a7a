import type { Jurisdiction } from "../model";
import type { Params } from "./types";

/**
 * A school's or authority's local agreement, as data: parameter values applied over the national defaults and
 * under the teacher's own overrides. Each pack lists its own (`Pack.agreements`); adding one means adding data, never code.
 */
export interface LocalAgreement {
  id: string;
  name: string;
  jurisdiction: Jurisdiction;
  source: string;
  overrides: Readonly<Record<string, Params>>;
}
