import type { PlasmoCSConfig } from "plasmo";
import { gmail } from "../src/guard/gmail";
import { startGuard } from "../src/guard/start";

// Gmail composes (inline, dialog and pop-out) live in the top document, so no frames are needed.
export const config: PlasmoCSConfig = {
  matches: ["https://mail.google.com/*"],
  run_at: "document_start",
};

startGuard(gmail);
