import type { PlasmoCSConfig } from "plasmo";
import { outlookSpot } from "../src/guard/outlook";
import { startWatch } from "../src/guard/send-watcher";

// Only the watcher runs from document_start; the background attaches the guard (attached/outlook-guard.ts).
// A popped-out Outlook compose starts as about:blank opened by the mail page: match_about_blank reaches it.
// (Plasmo's type drops that key when it omits "js" from a union, so it is added back here.)
export const config: PlasmoCSConfig & { match_about_blank: boolean } = {
  matches: ["https://outlook.office.com/*", "https://outlook.office365.com/*", "https://outlook.live.com/*"],
  all_frames: true,
  match_about_blank: true,
  run_at: "document_start",
};

startWatch(outlookSpot);
