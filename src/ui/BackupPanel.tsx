import { useState } from "preact/hooks";
import { client } from "./client";
import { EVENT_TABLE_LIMITS } from "../store/limits";
import { StatusLine, statusOf, type Status } from "./StatusLine";

/** Export everything to one JSON file, and import it back (all or nothing). */
export function BackupPanel() {
  const [status, setStatus] = useState<Status>();

  async function exportBackup() {
    const reply = await client.request("backup/export", {});
    if (!reply.ok) return setStatus({ ok: false, text: reply.error });
    const blob = new Blob([JSON.stringify(reply.backup)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `within-hours-backup-${new Date().toISOString().slice(0, 10)}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    setStatus({ ok: true, text: "Backup saved to your downloads." });
  }

  async function importBackup(file: File) {
    const text = await file.text();
    const reply = await client.request("backup/import", { text });
    setStatus(statusOf(reply, "Backup restored. Everything now matches the file."));
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
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void importBackup(file);
              e.currentTarget.value = "";
            }}
          />
        </label>
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
