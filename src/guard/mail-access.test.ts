import { describe, expect, it } from "vitest";
import { MAIL_TAB_PATTERNS } from "../background/mail-hosts";
import { missingAccessText, missingMailAccess } from "./mail-access";

describe("which mail sites the guard cannot see", () => {
  it("is none when every address is granted", () => {
    expect(missingMailAccess(new Set(MAIL_TAB_PATTERNS))).toEqual([]);
  });

  it("names Gmail plainly when its permission is missing, asking for that permission only", () => {
    const granted = new Set(MAIL_TAB_PATTERNS.filter((p) => !p.includes("google")));
    const missing = missingMailAccess(granted);
    expect(missing.map(missingAccessText)).toEqual([
      "The email guard cannot see Gmail: permission not granted.",
    ]);
    expect(missing[0]!.patterns).toEqual(["https://mail.google.com/*"]);
  });

  it("names the address when only part of a site is out of reach", () => {
    const granted = new Set(MAIL_TAB_PATTERNS.filter((p) => !p.includes("office365")));
    expect(missingMailAccess(granted).map(missingAccessText)).toEqual([
      "The email guard cannot see Outlook at outlook.office365.com: permission not granted.",
    ]);
  });

  it("names every site when nothing is granted", () => {
    expect(missingMailAccess(new Set()).map(missingAccessText)).toEqual([
      "The email guard cannot see Gmail: permission not granted.",
      "The email guard cannot see Outlook: permission not granted.",
      "The email guard cannot see Outlook.com: permission not granted.",
    ]);
  });
});
