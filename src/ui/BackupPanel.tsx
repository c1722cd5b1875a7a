import { useState } from "preact/hooks";
import { client } from "./client";
import { EVENT_TABLE_LIMITS } from "../store/limits";
import { exportAll, importAll, parseBackupText } from "../store/backup";
import type { WithinHoursDB } from "../store/db";
import { readWithProgress } from "./read-file";
import { StatusLine, type Status } from "./StatusLine";

/**
 * Export everything to one JSON file, and restore one (all or nothing). Both happen here in the options
 * page, on the same database the background uses, so a backup of any size never has to fit in a message
 * and a stopped background cannot interrupt it; the background recounts afterwards.
 */
export function BackupPanel({ db }: { db: WithinHoursDB }) {
  const [status, setStatus] = useState<Status>();
  const [progress, setProgress] = useState<{ label: string; value?: number }>();

  async function exportBackup() {
    setStatus(undefined);
    try {
      const backup = await exportAll(db);
      const blob = new Blob([JSON.stringify(backup)], { type: "application/json" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = `within-hours-backup-${new Date().toISOString().slice(0, 10)}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      setStatus({ ok: true, text: "Backup saved to your downloads." });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      setStatus({ ok: false, text: `The backup could not be made: ${detail}` });
    }
  }

  async function importBackup(file: File) {
    setStatus(undefined);
    try {
      setProgress({ label: "Reading the file", value: 0 });
      const text = await readWithProgress(file, (f) => setProgress({ label: "Reading the file", value: f }));
      setProgress({ label: "Checking the backup" });
      const data = parseBackupText(text);
      await importAll(db, data, (written, total) =>
        setProgress({ label: "Restoring", value: total ? written / total : 1 }),
      );
      setProgress({ label: "Recounting your year" });
      // A background stopped part way through the recount wakes for the second ask.
      const recount = await recountAfterRestore();
      setStatus(
        recount.ok
          ? { ok: true, text: "Backup restored. Everything now matches the file." }
          : {
              ok: true,
              text: `Backup restored. Everything now matches the file, but your weeks have not been recounted yet (${recount.error}). They will be at your next change.`,
            },
      );
    } catch (error) {
      setStatus({ ok: false, text: messageOf(error, file) });
    } finally {
      setProgress(undefined);
    }
  }

  return (
    <section aria-labelledby="backup-heading" class="wh-card">
      <h3 id="backup-heading">Backup</h3>
      <p class="wh-muted">
        Your data never leaves this device. A backup file lets you move it to another browser.
      </p>
      <div class="wh-row">
        <button type="button" onClick={() => void exportBackup()}>
          Export everything
        </button>
        <label>
          Restore from a backup file
          <input
            type="file"
            name="backup-file"
            accept=".json,application/json"
            disabled={progress !== undefined}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void importBackup(file);
              e.currentTarget.value = "";
            }}
          />
        </label>
        {progress && (
          <>
            <progress aria-label={progress.label} max={1} value={progress.value} />
            <span class="wh-muted">{progress.label}…</span>
          </>
        )}
      </div>
      <StatusLine status={status} testId="backup-status" block />
      <h4>How long records are kept</h4>
      <ul class="wh-items" data-testid="kept">
        {Object.values(EVENT_TABLE_LIMITS).map((limit) => (
          <li key={limit.label}>
            {limit.label}: the last {limit.retentionDays} days, at most {limit.cap.toLocaleString("en-GB")}{" "}
            records; older ones are removed as new ones arrive.
          </li>
        ))}
      </ul>
    </section>
  );
}

async function recountAfterRestore() {
  const first = await client.request("backup/restored", {});
  return first.ok ? first : client.request("backup/restored", {});
}

/** Store and backup errors already speak plainly; anything else (a file the browser cannot read) is named. */
function messageOf(error: unknown, file: File): string {
  if (error instanceof Error && (error.name === "BackupError" || error.name === "StoreError"))
    return error.message;
  // A string past the browser's limit, or memory running out, while reading or parsing a huge file.
  if (error instanceof RangeError)
    return `The file ${file.name} (${Math.round(file.size / 1024 / 1024)} MB) is too large for this browser to read. Nothing was changed.`;
  const detail = error instanceof Error ? error.message : String(error);
  return `This backup could not be restored (${detail}). Nothing was changed.`;
}
