/**
 * What the popup injects into the tab the teacher asked to read, once, after their click. It is serialised
 * and run in the page's own world, so it imports nothing and stays small: it copies the page's HTML and,
 * where the app holds its timetable as data (Edulink's AngularJS service), that data. All reading happens
 * back in the popup, with the same readers `npm run read-page` uses.
 */
export interface CollectedPage {
  url: string;
  html: string;
  json?: unknown;
}

export function collectPage(): CollectedPage {
  let json: unknown;
  try {
    type Angular = { element(el: Element): { controller(name: string): unknown } };
    const angular = (window as unknown as { angular?: Angular }).angular;
    const element = document.querySelector("timetable");
    if (angular && element) {
      const controller = angular.element(element).controller("timetable") as
        { _timetableService?: { data?: unknown } } | undefined;
      const data = controller?._timetableService?.data;
      if (data) json = JSON.parse(JSON.stringify(data));
    }
  } catch {
    json = undefined;
  }
  return { url: location.href, html: document.documentElement.outerHTML, json };
}
