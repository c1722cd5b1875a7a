// The Gmail send guard, attached by the background (scripting.executeScript) into the frame whose watcher
// asked for it: see src/guard/send-watcher.ts.
import { gmail } from "../src/guard/gmail";
import { attachGuard } from "../src/guard/attached-guard";

attachGuard(gmail);
