// The cover banner beside an opened cover request on Outlook on the web, attached by the background after the send guard,
// in a file of its own: the guard does not carry its bytes, and a failure here never touches the guard.
import { watchCoverRequests } from "../src/cover-banner/banner";

try {
  watchCoverRequests("outlook");
} catch {
  // No banner on this page.
}
