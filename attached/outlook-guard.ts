// The Outlook send guard, attached by the background (scripting.executeScript) into the frame whose watcher
// asked for it: see src/guard/send-watcher.ts.
import { outlook } from "../src/guard/outlook";
import { attachGuard } from "../src/guard/attached-guard";

attachGuard(outlook);
