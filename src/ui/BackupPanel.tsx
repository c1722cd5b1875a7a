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
      setStatus({ ok: false, text: `The backup could not be made: ${messageOf(error)}` });
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
      const recount = await client.request("backup/restored", {});
      setStatus(
        recount.ok
          ? { ok: true, text: "Backup restored. Everything now matches the file." }
          : {
              ok: true,
              text: `Backup restored. Everything now matches the file, but your year has not been recounted yet: ${recount.error}`,
            },
      );
    } catch (error) {
      setStatus({ ok: false, text: messageOf(error) });
    } finally {
      setProgress(undefined);
    }
  }

  return (
    <section aria-labelledby="backup-heading" class="wh-card">
      <h2 id="backup-heading">Backup</h2>
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
      <h3>How long records are kept</h3>
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

/** Store and backup errors already speak plainly; anything else (the file too large for memory) is named. */
function messageOf(error: unknown): string {
  if (error instanceof Error && (error.name === "BackupError" || error.name === "StoreError"))
    return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `This backup could not be restored (${detail}). Nothing was changed.`;
}
