import type { PlasmoCSConfig } from "plasmo";
import { gmailSpot } from "../src/guard/gmail";
import { startWatch } from "../src/guard/send-watcher";

// Gmail composes (inline, dialog and pop-out) live in the top document, so no frames are needed. Only the
// watcher runs from document_start; the background attaches the guard (attached/gmail-guard.ts) after load,
// into this same content-script world.
export const config: PlasmoCSConfig = {
  matches: ["https://mail.google.com/*"],
  run_at: "document_start",
};

startWatch(gmailSpot);
