import { useEffect, useState } from "preact/hooks";
import type { AutoReadOutcome, AutoReadSite } from "../messages";
import { client } from "./client";
import { dayText, timeText } from "./format";
import { StatusLine, type Status } from "./StatusLine";

const when = (outcome: AutoReadOutcome, timeZone: string) =>
  `${dayText(outcome.at, timeZone)}, ${timeText(outcome.at, timeZone)}`;

/**
 * "Automatic reading": the sites the teacher lets Within Hours read when they open them (turned on from the
 * popup's read preview), each with what its last visit gave, and Remove, which stops the reading and gives
 * back that site's permission.
 */
export function AutoReadPanel({ timeZone }: { timeZone: string }) {
  const [sites, setSites] = useState<AutoReadSite[]>();
  const [status, setStatus] = useState<Status>();

  async function load() {
    const reply = await client.request("auto-read/list", {});
    if (reply.ok) setSites(reply.sites);
    else setStatus({ ok: false, text: reply.error });
  }
  useEffect(() => void load(), []);

  async function remove(site: AutoReadSite) {
    const reply = await client.request("auto-read/remove", { origin: site.origin });
    const host = new URL(site.origin).host;
    setStatus(
      reply.ok
        ? { ok: true, text: `${host} is no longer read automatically, and its permission is given back.` }
        : { ok: false, text: reply.error },
    );
    await load();
  }

  return (
    <section aria-labelledby="auto-read-heading" class="wh-card" data-testid="auto-read">
      <h3 id="auto-read-heading">Automatic reading</h3>
      <p class="wh-muted">
        Sites you let Within Hours read when you open them, so your timetable stays up to date without the
        popup. Turn one on from the popup after reading its page. Nothing runs on any other site.
      </p>
      {sites && sites.length === 0 && <p class="wh-muted">No site is read automatically.</p>}
      {sites && sites.length > 0 && (
        <ul class="wh-items">
          {sites.map((site) => (
            <li key={site.origin} data-testid="auto-read-site">
              <strong>{new URL(site.origin).host}</strong> ({site.siteName}){" "}
              <button type="button" onClick={() => void remove(site)}>
                Remove
              </button>
              {site.lastRead && (
                <p class="wh-muted">
                  Last read {when(site.lastRead, timeZone)}: {site.lastRead.text}
                </p>
              )}
              {site.last && !site.last.ok && (
                <p class="wh-error">
                  Last visit, {when(site.last, timeZone)}: {site.last.text}
                </p>
              )}
              {!site.last && <p class="wh-muted">Not read yet: it will be the next time you open it.</p>}
            </li>
          ))}
        </ul>
      )}
      <StatusLine status={status} testId="auto-read-status" block />
    </section>
  );
}
