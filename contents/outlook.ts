import type { PlasmoCSConfig } from "plasmo";
import { outlook } from "../src/guard/outlook";
import { startGuard } from "../src/guard/start";

// A popped-out Outlook compose starts as about:blank opened by the mail page: match_about_blank reaches it.
// (Plasmo's type drops that key when it omits "js" from a union, so it is added back here.)
export const config: PlasmoCSConfig & { match_about_blank: boolean } = {
  matches: ["https://outlook.office.com/*", "https://outlook.office365.com/*", "https://outlook.live.com/*"],
  all_frames: true,
  match_about_blank: true,
  run_at: "document_start",
};

startGuard(outlook);
