import type { Severity } from "../model";

/** Most serious first: the one order findings are sorted and counted in. */
export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { breach: 0, warning: 1, info: 2 };
