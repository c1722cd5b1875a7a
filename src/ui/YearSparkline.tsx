import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { yearAtAGlance, type YearAtAGlance } from "../evidence/year";
import { openDatabase } from "../store/db";
import { LEDGER_KEY, type StoredLedger } from "../store/derived";
import { formatMinutes } from "../rules/util";
import { YearChart, YearTable } from "./YearView";

/**
 * The popup's small chart of the year: directed hours per week against the pace, loaded after the popup's
 * first paint (with Dexie, the ledger and uPlot), with the same numbers in a table for screen readers.
 */
export function YearSparkline() {
  const [glance, setGlance] = useState<YearAtAGlance>();
  useEffect(() => {
    let cancelled = false;
    void openDatabase()
      .settings.get(LEDGER_KEY)
      .then((row) => {
        const ledger = row?.value as StoredLedger | undefined;
        if (!cancelled && ledger) setGlance(yearAtAGlance(ledger.evaluation, ledger.profile));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);
  if (!glance || !glance.weeks.some((w) => w.directedMinutes > 0)) return null;
  return (
    <section aria-labelledby="wh-sparkline-h" class="wh-card" data-testid="year-sparkline">
      <h2 id="wh-sparkline-h">The year so far</h2>
      <YearChart weeks={glance.weeks} width={320} height={56} compact label="Directed hours per week" />
      <p class="wh-muted">
        Bars: directed hours each week; line: the pace of the{" "}
        {glance.budgetMinutes > 0 ? `${formatMinutes(glance.budgetMinutes)} ` : ""}budget, spread over the
        term days.
      </p>
      <div class="wh-visually-hidden">
        <YearTable weeks={glance.weeks} caption="Directed time per week against the pace" />
      </div>
    </section>
  );
}

/**
 * Renders the sparkline into `target` with this chunk's own Preact: the popup loads this file after its
 * first paint, and a component from a separately loaded bundle cannot use the popup's hooks.
 */
export function mountSparkline(target: HTMLElement): () => void {
  render(<YearSparkline />, target);
  return () => render(null, target);
}
