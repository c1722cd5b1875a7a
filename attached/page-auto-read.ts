// The page reader of a site the teacher opted in to automatic reading, registered at run time for that
// origin only (src/background/auto-read.ts): see src/ingest/pages/auto-read-watch.ts.
import { watchAndRead } from "../src/ingest/pages/auto-read-watch";
import { sendMessage } from "../src/platform/content-runtime";

watchAndRead(sendMessage);
