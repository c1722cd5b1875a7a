// The Outlook send guard, attached by the background (scripting.executeScript) into the frame whose watcher
// asked for it: see src/guard/send-watcher.ts.
import { outlook } from "../src/guard/outlook";
import { attachGuard } from "../src/guard/attached-guard";
import { watchCoverRequests } from "../src/cover-banner/banner";

attachGuard(outlook);

// The cover banner beside an opened cover request (its own module; a failure there never touches the guard).
try {
  watchCoverRequests("outlook");
} catch {
  // No banner on this page.
}
