/**
 * Checks the built manifests: an empty or partial build fails here, and the permission set is pinned so
 * any change to it is deliberate (update PINNED and say why in the commit).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAIL_TAB_PATTERNS } from "../src/background/mail-hosts";

interface Manifest {
  name?: string;
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  action?: { default_popup?: string };
  options_ui?: { page?: string };
  options_page?: string;
  background?: { service_worker?: string; scripts?: string[] };
  content_scripts?: { matches: string[]; js: string[]; world?: string }[];
  externally_connectable?: { matches?: string[]; ids?: string[] };
  browser_specific_settings?: {
    gecko?: { id?: string; data_collection_permissions?: { required?: string[] } };
  };
}

function load(target: string): { dir: string; manifest: Manifest } {
  const dir = path.resolve("build", target);
  return { dir, manifest: JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest };
}

/** The whole permission set. Changing it is a product decision: say why in the commit. */
const PINNED = {
  // scripting: the background attaches the send guard to a mail page after it has loaded (src/guard/send-watcher.ts).
  // activeTab: "Read my timetable from this page" reads the tab the teacher clicked from, with no host
  // permission and no install-time warning.
  permissions: ["activeTab", "alarms", "scripting", "storage", "unlimitedStorage"],
  // The mail hosts only, which the content scripts name already (so the install prompt is unchanged):
  // scripting.executeScript needs them granted, and tabs.query needs them to find mail tabs for pushes.
  host_permissions: [...MAIL_TAB_PATTERNS],
  // Calendar feeds live on any school's or provider's host; each is requested on the teacher's click.
  optional_host_permissions: ["https://*/*"],
  content_script_hosts: [...MAIL_TAB_PATTERNS].sort(),
};

function allContentScriptHosts(m: Manifest): string[] {
  return [...new Set((m.content_scripts ?? []).flatMap((c) => c.matches))].sort();
}

describe.each(["chrome-mv3-prod", "firefox-mv3-prod"])("%s manifest", (target) => {
  const { dir, manifest } = load(target);

  it("is complete: name, popup, options page, background and content scripts", () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.name).toBe("Within Hours");
    expect(manifest.action?.default_popup).toBeTruthy();
    expect(manifest.options_ui?.page ?? manifest.options_page).toBeTruthy();
    if (target.startsWith("chrome")) expect(manifest.background?.service_worker).toBeTruthy();
    else expect(manifest.background?.scripts?.length).toBeGreaterThan(0);
    expect(manifest.content_scripts?.length).toBeGreaterThan(0);
    for (const script of manifest.content_scripts ?? []) {
      expect(script.js.length).toBeGreaterThan(0);
      for (const file of script.js) expect(readFileSync(path.join(dir, file)).length).toBeGreaterThan(100);
    }
  });

  it("asks for no site it does not name", () => {
    const text = JSON.stringify(manifest);
    expect(text).not.toContain("<all_urls>");
    const hosts = [...(manifest.host_permissions ?? []), ...allContentScriptHosts(manifest)];
    for (const host of hosts) expect(host, host).not.toMatch(/^\*:|:\/\/\*[./]/);
    for (const script of manifest.content_scripts ?? []) expect(script.world).not.toBe("ISOLATED");
  });

  it("has exactly the pinned permission set", () => {
    expect([...(manifest.permissions ?? [])].sort()).toEqual(PINNED.permissions);
    expect(manifest.host_permissions ?? []).toEqual(PINNED.host_permissions);
    expect(manifest.optional_host_permissions ?? []).toEqual(PINNED.optional_host_permissions);
    expect(allContentScriptHosts(manifest)).toEqual(PINNED.content_script_hosts);
  });

  it("keeps the attached send guards out of the pages' reach (no web-accessible resources)", () => {
    expect(manifest).not.toHaveProperty("web_accessible_resources");
    const files = readdirSync(dir);
    for (const site of ["gmail", "outlook"]) {
      const guard = files.find((f) => f.startsWith(`${site}-guard.`) && f.endsWith(".js"));
      expect(guard, `${site} guard bundle`).toBeTruthy();
      expect(readFileSync(path.join(dir, guard!)).length).toBeGreaterThan(1000);
    }
  });
});

describe.each(["chrome-mv3-prod", "firefox-mv3-prod"])("%s: one world for the send guard", (target) => {
  const { manifest } = load(target);

  it("runs every content script in the content-script world, where the attached guard joins it", () => {
    // A script in the page's own world would share it with every script on the mail site.
    const worlds = (manifest.content_scripts ?? []).map((c) => c.world ?? "ISOLATED");
    expect(worlds).toEqual(["ISOLATED", "ISOLATED"]);
    expect(JSON.stringify(manifest)).not.toContain("MAIN");
  });

  it("opens no door to web pages or other extensions (no externally_connectable)", () => {
    expect(manifest).not.toHaveProperty("externally_connectable");
  });
});

describe("firefox build", () => {
  it("carries a gecko id and says no data is collected", () => {
    const gecko = load("firefox-mv3-prod").manifest.browser_specific_settings?.gecko;
    expect(gecko?.id).toMatch(/@/);
    expect(gecko?.data_collection_permissions?.required).toEqual(["none"]);
  });
});
