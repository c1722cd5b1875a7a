/**
 * Launches Debian's Chromium with the built extension loaded (PLATFORM.md recipe), serves saved pages at
 * their real addresses, and stops the service worker on demand. Shared by browser tests, bench and demo.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page, type Worker } from "playwright-core";

export const BUILD_DIR = path.resolve(process.env.WH_BUILD_DIR ?? "build/chrome-mv3-prod");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface Launched {
  ctx: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** Open popup.html, options.html… in a tab. */
  openExtensionPage(file: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** IANA zone for the browser's local time (pages and service worker alike). */
  tz?: string;
  /** Load no extension (for side-by-side "without" measurements). */
  withoutExtension?: boolean;
  headless?: boolean;
  buildDir?: string;
  /** Leave open the welcome page the extension opens on install (closed by default, so tests start clean). */
  keepWelcome?: boolean;
  /** More Chromium flags (e.g. --enable-unsafe-extension-debugging for CDP's Extensions.triggerAction). */
  extraArgs?: string[];
}

const QUIET_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
];

export async function launchWithExtension(options: LaunchOptions = {}): Promise<Launched> {
  const buildDir = options.buildDir ?? BUILD_DIR;
  const userDataDir = mkdtempSync(path.join(tmpdir(), "wh-profile-"));
  const args = [
    ...(options.withoutExtension
      ? QUIET_FLAGS
      : [...QUIET_FLAGS, `--disable-extensions-except=${buildDir}`, `--load-extension=${buildDir}`]),
    ...(options.extraArgs ?? []),
  ];
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args,
    env: { ...process.env, TZ: options.tz ?? process.env.TZ ?? "Europe/London" },
    viewport: { width: 1000, height: 800 },
  });
  const close = async () => {
    await ctx.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
  };
  if (options.withoutExtension) {
    return {
      ctx,
      extensionId: "",
      serviceWorker: undefined as unknown as Worker,
      openExtensionPage: () => Promise.reject(new Error("no extension loaded")),
      close,
    };
  }
  const serviceWorker =
    ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent("serviceworker", { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  if (!options.keepWelcome) await (await welcomePage(ctx, extensionId)).close();
  const openExtensionPage = async (file: string) => {
    const page = await ctx.newPage();
    await page.goto(`chrome-extension://${extensionId}/${file}`);
    return page;
  };
  return { ctx, extensionId, serviceWorker, openExtensionPage, close };
}

/** The welcome tab the extension opens when it is installed, once it is there. */
export async function welcomePage(ctx: BrowserContext, extensionId: string): Promise<Page> {
  const url = `chrome-extension://${extensionId}/tabs/welcome.html`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const page = ctx.pages().find((p) => p.url().startsWith(url));
    if (page) return page;
    if (Date.now() > deadline) throw new Error("the welcome page did not open on install");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * An IANA zone where it is evening (20:00–22:59) right now, for launching Chromium with that `TZ` so a
 * new profile's email window (the school day, 08:30–16:30; 08:00–17:00 until the background answers) is closed whatever the hour here. Some zone always is.
 */
export function eveningZone(now = new Date()): string {
  const zones = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf("timeZone");
  const hourIn = (zone: string) =>
    Number(
      new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(now),
    );
  const zone = zones.find((z) => z.includes("/") && hourIn(z) >= 20 && hourIn(z) <= 22);
  if (!zone) throw new Error("no zone in its evening now");
  return zone;
}

/** Serve a saved page (or any body) at a real address, so content scripts matching that host run. */
export async function servePage(
  ctx: BrowserContext,
  urlGlob: string,
  body: string | { file: string },
  contentType = "text/html; charset=utf-8",
): Promise<void> {
  const text = typeof body === "string" ? body : readFileSync(body.file, "utf8");
  await ctx.route(urlGlob, (route) => route.fulfill({ status: 200, contentType, body: text }));
}

/** Send a message from an extension page, as the popup or options page would. */
export async function sendFromPage<T = unknown>(page: Page, message: unknown): Promise<T> {
  return page.evaluate(
    (m) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage(m),
    message,
  ) as Promise<T>;
}

/**
 * Send a message from an extension page and time it inside the page, around the extension's own
 * messaging only: the message crosses from Node as one JSON string, because Playwright's own
 * serialisation of thousands of objects would otherwise be timed too.
 */
export async function timedSendFromPage<T = unknown>(
  page: Page,
  message: unknown,
): Promise<{ ms: number; reply: T }> {
  return page.evaluate(async (json) => {
    const parsed: unknown = JSON.parse(json);
    const runtime = (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
    ).chrome.runtime;
    const t0 = performance.now();
    const reply = await runtime.sendMessage(parsed);
    return { ms: performance.now() - t0, reply: reply as T };
  }, JSON.stringify(message));
}

/**
 * Read the extension's database from one of its pages, the way the pages do (same origin, same database):
 * every row of a table, or the row under `key`.
 */
export async function readStore<T = unknown>(page: Page, table: string, key?: string): Promise<T> {
  return page.evaluate(
    ({ table, key }) =>
      new Promise<T>((resolve, reject) => {
        const open = indexedDB.open("within-hours");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction(table).objectStore(table);
          const request = key === undefined ? store.getAll() : store.get(key);
          request.onsuccess = () => {
            resolve(request.result as T);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    { table, key },
  );
}

/** Stop the extension's service worker through CDP, as Chrome does when it is idle. */
export async function stopServiceWorker(launched: Launched, page: Page): Promise<void> {
  const session = await launched.ctx.newCDPSession(page);
  const { targetInfos } = (await session.send("Target.getTargets")) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const worker = targetInfos.find(
    (t) => t.type === "service_worker" && t.url.startsWith(`chrome-extension://${launched.extensionId}/`),
  );
  if (!worker) throw new Error("service worker target not found");
  await session.send("Target.closeTarget", { targetId: worker.targetId });
  await session.detach();
}

/**
 * Run code inside a content script's isolated world on a web page (CDP), to act as a content script would
 * (for example to try a forged privileged message).
 */
export async function evaluateInContentScript<T>(
  launched: Launched,
  page: Page,
  expression: string,
): Promise<T> {
  const session = await launched.ctx.newCDPSession(page);
  const contexts: { id: number; origin: string; name: string; auxData?: { type?: string } }[] = [];
  session.on("Runtime.executionContextCreated", (e: { context: (typeof contexts)[number] }) =>
    contexts.push(e.context),
  );
  await session.send("Runtime.enable");
  const deadline = Date.now() + 5_000;
  let isolated: (typeof contexts)[number] | undefined;
  while (!(isolated = contexts.find((c) => c.auxData?.type === "isolated" && c.name === "Within Hours"))) {
    if (Date.now() > deadline) throw new Error("no content-script world found on the page");
    await new Promise((r) => setTimeout(r, 50));
  }
  const result = (await session.send("Runtime.evaluate", {
    expression,
    contextId: isolated.id,
    awaitPromise: true,
    returnByValue: true,
  })) as { result: { value: T }; exceptionDetails?: { text: string } };
  await session.detach();
  if (result.exceptionDetails) throw new Error(result.exceptionDetails.text);
  return result.result.value;
}

/**
 * Press the extension's toolbar button for a tab, as the teacher does (CDP Extensions.triggerAction; needs
 * --enable-unsafe-extension-debugging). Chrome grants activeTab on that tab, exactly as for a real click.
 */
export async function pressToolbarButton(launched: Launched, page: Page): Promise<void> {
  const browser = launched.ctx.browser();
  if (!browser) throw new Error("no browser session");
  const session = await browser.newBrowserCDPSession();
  const { targetInfos } = (await session.send("Target.getTargets", {
    filter: [{ type: "tab" }],
  } as never)) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const tab = targetInfos.find((t) => t.type === "tab" && t.url === page.url());
  if (!tab) throw new Error(`no tab target for ${page.url()}`);
  await session.send(
    "Extensions.triggerAction" as never,
    { id: launched.extensionId, targetId: tab.targetId } as never,
  );
  await session.detach();
}

/** The Chrome tab id of a page, seen from an extension page (after activeTab, it sees that tab's address). */
export async function tabIdOf(launched: Launched, page: Page): Promise<number> {
  const probe = await launched.openExtensionPage("options.html");
  try {
    return await probe.evaluate(async (url) => {
      const chromeApi = globalThis as unknown as {
        chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
      };
      const tabs = await chromeApi.chrome.tabs.query({});
      return tabs.find((t) => t.url === url)?.id ?? -1;
    }, page.url());
  } finally {
    await probe.close();
  }
}
