/**
 * The popup's "Read my timetable from this page", loaded on the click: collect the tab once (activeTab and
 * scripting), read it with the site's reader from the registry, and say what will be counted.
 */
import { collectPage } from "../ingest/pages/collect";
import { readCollected } from "../ingest/pages/read-collected";
import { classifyPageItem } from "../ingest/pages/to-work-items";
import type { PageItem } from "../ingest/pages/types";
import type { ItemKind } from "../model";
import { activeTab, runInTab } from "../platform/extension";

export interface TabPage {
  url: string;
  html: string;
  json?: unknown;
}

/** `?tab=<id>` names the tab to read when the popup is opened as a page (browser tests); else the active tab. */
async function targetTabId(): Promise<number | undefined> {
  const asked = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isInteger(asked) && asked > 0) return asked;
  return (await activeTab())?.id;
}

export async function collectTab(): Promise<TabPage> {
  const tabId = await targetTabId();
  if (tabId === undefined) throw new Error("There is no page open in this window to read.");
  let page: TabPage | undefined;
  try {
    page = await runInTab(tabId, collectPage);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      /cannot be scripted|cannot access|permission|chrome:\/\/|extensions gallery/i.test(message)
        ? "Within Hours cannot read this kind of page (a browser or extension page)."
        : message,
    );
  }
  if (!page) throw new Error("The page gave nothing back to read.");
  return page;
}

export { readCollected };

export interface PreviewLine {
  item: PageItem;
  kind: ItemKind;
  directed: boolean;
}

export function previewLines(items: readonly PageItem[]): PreviewLine[] {
  return items.map((item) => {
    const c = classifyPageItem(item);
    return { item, kind: c.kind, directed: c.directed };
  });
}
