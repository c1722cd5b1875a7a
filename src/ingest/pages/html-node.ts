/**
 * HTML to a Document outside a browser (the read-page command and unit tests), with happy-dom. Scripts in the
 * page are never run and nothing is fetched. Not part of the extension, which uses the browser's DOMParser.
 */
import { Window } from "happy-dom";

export function parseHtmlInNode(html: string, url = "https://example.invalid/"): Document {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
      },
    },
  });
  const parser = new window.DOMParser();
  return parser.parseFromString(html, "text/html") as unknown as Document;
}
