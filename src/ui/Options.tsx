import type { ComponentChildren } from "preact";
import { useEffect, useMemo } from "preact/hooks";
import { openDatabase } from "../store/db";
import { listSources, readLedger } from "../store/queries";
import { useLiveQuery } from "./live";
import { ProfileForm } from "./ProfileForm";
import { SourcesPanel } from "./SourcesPanel";
import { ConfirmList } from "./ConfirmList";
import { BackupPanel } from "./BackupPanel";
import { MailAccessNotice } from "./MailAccessNotice";
import { EvidencePanel } from "./EvidencePanel";
import { YearView } from "./YearView";
import { RulesPanel } from "./RulesPanel";
import { Glossary } from "./Glossary";
import { listRules } from "../rules/catalogue";
import type { Profile } from "../model";
import { TermsPanel } from "./TermsPanel";
import { AutoReadPanel } from "./AutoReadPanel";
import { EmailGuardPanel } from "./EmailGuardPanel";
import { CoverSection } from "./CoverSection";
import { SaveBar, SaveContext, SaveRegistry } from "./SaveBar";
import { Announcer } from "./Announcer";
import { SETTINGS_SECTIONS, type SectionId } from "./settings-sections";
import { requestPersistence } from "../store/persist";
import { storageManager } from "../platform/extension";
import "./styles.css";

const db = openDatabase();

/**
 * The settings page: six sections, each a landmark with its heading, reached from the section list (a
 * skip link passes it). Every change is saved with the one Save bar at the bottom.
 */
export function Options() {
  // Persistent storage can only be asked for from a page (not the service worker): ask once it opens.
  useEffect(() => {
    const storage = storageManager();
    if (storage) void requestPersistence(storage);
  }, []);
  const ledger = useLiveQuery(() => readLedger(db), []);
  const sources = useLiveQuery(() => listSources(db), []);
  const registry = useMemo(() => new SaveRegistry(), []);
  const profile = ledger.value?.profile;

  return (
    <SaveContext.Provider value={registry}>
      <a class="wh-skip" href="#settings-sections">
        Skip the list of sections
      </a>
      <div class="wh-options wh-settings">
        <header class="wh-settings-head">
          <h1>Within Hours — settings</h1>
          <p class="wh-muted">
            Everything here stays on this device. Rules show where they come from: statute, contract, official
            guidance or union advice.
          </p>
        </header>
        <nav aria-label="Settings sections" class="wh-settings-nav">
          <ul>
            {SETTINGS_SECTIONS.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ul>
        </nav>
        <main class="wh-settings-main" id="settings-sections" tabIndex={-1}>
          {ledger.error && (
            <p role="alert" class="wh-error">
              Within Hours could not read its data: {ledger.error}
            </p>
          )}
          <MailAccessNotice />
          <Section id="contract">
            {profile ? <ProfileForm profile={profile} /> : <p class="wh-muted">Loading your profile…</p>}
          </Section>
          <Section id="calendars">
            <Announcer />
            <SourcesPanel sources={sources.value ?? []} overlaps={ledger.value?.sourceOverlaps} db={db} />
            {profile && <AutoReadPanel timeZone={profile.timeZone} />}
            {profile && (
              <ConfirmList
                items={ledger.value?.unconfirmed ?? []}
                timeZone={profile.timeZone}
                total={ledger.value?.unconfirmedCount ?? 0}
                level={3}
              />
            )}
            {profile && <TermsPanel profile={profile} />}
          </Section>
          <Section id="rules">
            {profile && <RulesPanel profile={profile} />}
            {profile && <Glossary text={rulesText(profile)} />}
          </Section>
          <Section id="email">{profile && <EmailGuardPanel profile={profile} />}</Section>
          <Section id="cover">{profile && <CoverSection profile={profile} />}</Section>
          <Section id="evidence">
            {ledger.value && <YearView db={db} ledger={ledger.value} />}
            {profile && <EvidencePanel db={db} profile={profile} sources={sources.value ?? []} />}
            <BackupPanel db={db} />
          </Section>
          {profile && <SaveBar registry={registry} profile={profile} />}
        </main>
      </div>
    </SaveContext.Provider>
  );
}

function Section({ id, children }: { id: SectionId; children: ComponentChildren }) {
  const section = SETTINGS_SECTIONS.find((s) => s.id === id)!;
  return (
    <section id={id} aria-labelledby={`${id}-section-heading`} class="wh-card wh-section" tabIndex={-1}>
      <h2 id={`${id}-section-heading`}>{section.title}</h2>
      {section.intro && <p class="wh-muted">{section.intro}</p>}
      {children}
    </section>
  );
}

/** The rules' titles and sources as the rules section shows them, for its glossary. */
function rulesText(profile: Profile): string {
  return listRules(profile)
    .map((r) => `${r.title}\n${r.source}`)
    .join("\n");
}
