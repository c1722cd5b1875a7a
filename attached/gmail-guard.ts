// The Gmail send guard, attached by the background (scripting.executeScript) into the frame whose watcher
// asked for it: see src/guard/send-watcher.ts.
import { gmail } from "../src/guard/gmail";
import { attachGuard } from "../src/guard/attached-guard";
import { watchCoverRequests } from "../src/cover-banner/banner";

attachGuard(gmail);

// The cover banner beside an opened cover request (its own module; a failure there never touches the guard).
try {
  watchCoverRequests("gmail");
} catch {
  // No banner on this page.
}
