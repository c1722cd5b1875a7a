/**
 * Launches Debian's Firefox ESR with the built Firefox extension installed as a temporary add-on, through
 * puppeteer-core over WebDriver BiDi (PLATFORM.md: playwright-core cannot drive a stock Firefox). Saved pages
 * are served at their real addresses by request interception; the background is stopped through the chrome
 * scope, as Firefox does when it is idle.
 *
 * puppeteer-core is pinned: `browsingContext.navigate` below is an internal object of its BiDi layer, the only
 * way here to open a moz-extension:// page (Page.goto never resolves on one).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import puppeteer, { type Browser, type ElementHandle, type HTTPRequest, type Page } from "puppeteer-core";

export const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
export const FIREFOX_BUILD_DIR = path.resolve(process.env.WH_FIREFOX_BUILD_DIR ?? "build/firefox-mv3-prod");
/** The add-on's fixed internal UUID, so its pages have a known moz-extension:// address. */
export const EXTENSION_UUID = "3a0b1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

const manifest = () =>
  JSON.parse(readFileSync(path.join(FIREFOX_BUILD_DIR, "manifest.json"), "utf8")) as {
    browser_specific_settings: { gecko: { id: string } };
  };

export interface FirefoxLaunched {
  browser: Browser;
  geckoId: string;
  /** Open popup.html, options.html… in a new tab, waiting until it has loaded. */
  openExtensionPage(file: string): Promise<Page>;
  /** Open a web page in a new tab, served from `routes` at its real address. */
  openPage(url: string): Promise<Page>;
  /** Stop the extension's background, as Firefox does when it is idle. */
  stopBackground(): Promise<void>;
  /**
   * What a click on the toolbar button grants (activeTab) on the tab showing `url`; gives that tab's id. A
   * headless Firefox has no toolbar to click, so this calls, in the chrome scope, the same grant Firefox's
   * button makes (`extension.tabManager.addActiveTabPermission`).
   */
  grantActiveTab(url: string): Promise<number>;
  close(): Promise<void>;
}

/** A saved page served at every address that starts with the key. */
export type Routes = Record<string, { body: string; contentType?: string }>;

export async function launchFirefox(
  options: { tz?: string; routes?: Routes } = {},
): Promise<FirefoxLaunched> {
  const geckoId = manifest().browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    args: ["--remote-allow-system-access"],
    extraPrefsFirefox: {
      "extensions.webextensions.uuids": JSON.stringify({ [geckoId]: EXTENSION_UUID }),
    },
    env: { ...process.env, TZ: options.tz ?? process.env.TZ ?? "Europe/London" },
  });
  try {
    await browser.installExtension(FIREFOX_BUILD_DIR);
  } catch (error) {
    await browser.close();
    throw error;
  }
  const routes = options.routes ?? {};

  const navigate = async (page: Page, url: string) => {
    const frame = page.mainFrame() as unknown as {
      browsingContext: { navigate(url: string, wait: "complete"): Promise<unknown> };
    };
    await frame.browsingContext.navigate(url, "complete");
  };

  const openExtensionPage = async (file: string) => {
    const page = await browser.newPage();
    await navigate(page, `moz-extension://${EXTENSION_UUID}/${file}`);
    return page;
  };

  const openPage = async (url: string) => {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on("request", (request: HTTPRequest) => {
      const match = Object.keys(routes).find((prefix) => request.url().startsWith(prefix));
      // Nothing leaves the machine: an address with no saved page is answered with a 404 here.
      if (!match) return void request.respond({ status: 404, body: "" });
      const route = routes[match]!;
      void request.respond({
        status: 200,
        contentType: route.contentType ?? "text/html; charset=utf-8",
        body: route.body,
      });
    });
    await page.goto(url);
    return page;
  };

  const stopBackground = async () => {
    await evaluateInChrome(
      browser,
      `(async () => {
        const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
        const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(geckoId)});
        await extension.terminateBackground();
        return true;
      })()`,
    );
  };

  const grantActiveTab = async (url: string) => {
    const result = (await evaluateInChrome(
      browser,
      `(() => {
        const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
        const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(geckoId)});
        const tab = window.gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === ${JSON.stringify(url)});
        if (!tab) throw new Error("no tab shows " + ${JSON.stringify(url)});
        extension.tabManager.addActiveTabPermission(tab);
        return ExtensionParent.apiManager.global.tabTracker.getId(tab);
      })()`,
    )) as { result?: { value?: number } };
    const id = result.result?.value;
    if (typeof id !== "number") throw new Error(`no tab id for ${url}`);
    return id;
  };

  return {
    browser,
    geckoId,
    openExtensionPage,
    openPage,
    stopBackground,
    grantActiveTab,
    close: () => browser.close().catch(() => undefined),
  };
}

/** Evaluate an expression in Firefox's chrome (browser-internal) scope over WebDriver BiDi. */
async function evaluateInChrome(browser: Browser, expression: string): Promise<unknown> {
  type Bidi = { send(method: string, params: object): Promise<{ result: unknown }> };
  const connection = (browser as unknown as { connection: Bidi }).connection;
  const tree = (await connection.send("browsingContext.getTree", { "moz:scope": "chrome" })) as {
    result: { contexts: { context: string }[] };
  };
  const context = tree.result.contexts[0]?.context;
  if (!context) throw new Error("no chrome browsing context");
  const { result } = (await connection.send("script.evaluate", {
    expression,
    target: { context },
    awaitPromise: true,
  })) as { result: { type: string; exceptionDetails?: { text: string } } };
  if (result.type === "exception") throw new Error(`chrome scope: ${result.exceptionDetails?.text}`);
  return result;
}

/** Send a message from an extension page, as the popup or options page would. */
export async function sendFromPage<T = unknown>(page: Page, message: unknown): Promise<T> {
  return page.evaluate(
    (m) =>
      (
        globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).browser.runtime.sendMessage(m),
    message as never,
  ) as Promise<T>;
}

/** Read the extension's database from one of its pages: every row of a table, or the row under `key`. */
export async function readStore<T = unknown>(page: Page, table: string, key?: string): Promise<T> {
  return page.evaluate(
    (table, key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("within-hours");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction(table).objectStore(table);
          const request = key === undefined ? store.getAll() : store.get(key);
          request.onsuccess = () => {
            resolve(request.result);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    table,
    key as never,
  ) as Promise<T>;
}

/** Wait until `check` returns a value that is not undefined/false, polling; fail with `what` after `ms`. */
export async function waitFor<T>(what: string, check: () => Promise<T>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false && value !== null) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The guard's dialog (inside its open shadow root), or null. */
export const guardDialog = (page: Page) => page.$(">>> [role=alertdialog]");

/** A button of the guard's dialog by its visible name, clicked with real mouse input. */
export async function clickDialogButton(page: Page, name: string): Promise<void> {
  const button = await waitFor(`the "${name}" button`, async () => {
    const buttons = await page.$$(">>> [role=alertdialog] button");
    for (const b of buttons) {
      if ((await b.evaluate((e) => e.textContent?.trim())) === name) return b;
    }
    return undefined;
  });
  await (button as ElementHandle<Element>).click();
}
