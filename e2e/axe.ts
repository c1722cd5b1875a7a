/**
 * axe-core in a real page: load its source into the page (or the extension page) and run the WCAG 2.2 A and
 * AA rules. Returns the violations in a short form a failing test prints readably.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

export async function axeViolations(page: Page, include?: string): Promise<Violation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(
    async ({ tags, include }) => {
      type Axe = {
        run(
          context: unknown,
          options: unknown,
        ): Promise<{
          violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
        }>;
      };
      const axe = (globalThis as unknown as { axe: Axe }).axe;
      const result = await axe.run(include ? { include: [[include]] } : document, {
        runOnly: { type: "tag", values: tags },
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => JSON.stringify(n.target)),
      }));
    },
    { tags: WCAG_22_AA, include },
  );
}
