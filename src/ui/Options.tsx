import { openDatabase } from "../store/db";
import { listSources, readLedger } from "../store/queries";
import { useLiveQuery } from "./live";
import { ProfileForm } from "./ProfileForm";
import { SourcesPanel } from "./SourcesPanel";
import { ConfirmList } from "./ConfirmList";
import { BackupPanel } from "./BackupPanel";
import { EvidencePanel } from "./EvidencePanel";
import { YearView } from "./YearView";
import { RulesPanel } from "./RulesPanel";
import { TermsPanel } from "./TermsPanel";
import { requestPersistence } from "../store/persist";
import { storageManager } from "../platform/extension";
import { useEffect } from "preact/hooks";
import "./styles.css";

const db = openDatabase();

export function Options() {
  // Persistent storage can only be asked for from a page (not the service worker): ask once it opens.
  useEffect(() => {
    const storage = storageManager();
    if (storage) void requestPersistence(storage);
  }, []);
  const ledger = useLiveQuery(() => readLedger(db), []);
  const sources = useLiveQuery(() => listSources(db), []);
  const profile = ledger.value?.profile;

  return (
    <main class="wh-options">
      <h1>Within Hours — settings</h1>
      <p class="wh-muted">
        Everything here stays on this device. Rules show where they come from: statute, contract, official
        guidance or union advice.
      </p>
      {ledger.error && (
        <p role="alert" class="wh-error">
          Within Hours could not read its data: {ledger.error}
        </p>
      )}
      {profile ? <ProfileForm profile={profile} /> : <p class="wh-muted">Loading your profile…</p>}
      {profile && <TermsPanel profile={profile} />}
      <SourcesPanel sources={sources.value ?? []} overlaps={ledger.value?.sourceOverlaps} />
      {profile && (
        <ConfirmList
          items={ledger.value?.unconfirmed ?? []}
          timeZone={profile.timeZone}
          total={ledger.value?.unconfirmedCount ?? 0}
        />
      )}
      {profile && <RulesPanel profile={profile} />}
      {ledger.value && <YearView db={db} ledger={ledger.value} />}
      {profile && <EvidencePanel db={db} profile={profile} sources={sources.value ?? []} />}
      <BackupPanel db={db} />
    </main>
  );
}
