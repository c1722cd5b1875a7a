import { useEffect, useState } from "preact/hooks";
import { JURISDICTIONS, type Profile } from "../model";
import { openDatabase } from "../store/db";
import { listSources, readLedger } from "../store/queries";
import { openOptionsPage } from "../platform/extension";
import { client } from "./client";
import { useLiveQuery } from "./live";
import { JURISDICTION_LABEL } from "./ProfileForm";
import { RoleFields } from "./RoleFields";
import { SourcesPanel } from "./SourcesPanel";
import { CALENDAR_LINK_HELP } from "./calendar-help";
import { StatusLine, type Status } from "./StatusLine";
import "./styles.css";

const db = openDatabase();

const STEPS = ["Where you work", "Your contract", "Your school day", "Bring in your timetable"] as const;

type Answers = Pick<
  Profile,
  | "jurisdiction"
  | "role"
  | "fte"
  | "contractedDays"
  | "permanentUnits"
  | "schoolDayStart"
  | "schoolDayEnd"
  | "sessionEnd"
>;

/**
 * The first run: four short steps, each saved as the teacher moves on, so closing the tab half-way keeps
 * what was said. Opened by the background when the extension is installed.
 */
export function Welcome() {
  const ledger = useLiveQuery(() => readLedger(db), []);
  const sources = useLiveQuery(() => listSources(db), []);
  const profile = ledger.value?.profile;
  const [step, setStep] = useState(0);
  const [answers, setAnswers] = useState<Answers>();
  const [status, setStatus] = useState<Status>();

  // Start from the stored profile once, then keep what the teacher types (a recount must not undo it).
  useEffect(() => {
    if (profile && !answers) setAnswers(pickAnswers(profile));
  }, [profile, answers]);

  useEffect(() => {
    document.getElementById("welcome-step")?.focus();
  }, [step]);

  if (!answers) return <main class="wh-options">Loading…</main>;
  const set = <K extends keyof Answers>(key: K, value: Answers[K]) =>
    setAnswers({ ...answers, [key]: value });

  async function saveAndGo(next: number) {
    setStatus(undefined);
    // A new jurisdiction brings its own defaults (school day, time zone, year start): send it alone and
    // carry on from what the background made of it.
    const changedJurisdiction = profile && answers!.jurisdiction !== profile.jurisdiction;
    const payload = changedJurisdiction ? { jurisdiction: answers!.jurisdiction } : answers!;
    const reply = await client.request("profile/save", { profile: payload });
    if (!reply.ok) {
      setStatus({ ok: false, text: reply.error });
      return;
    }
    if (changedJurisdiction) setAnswers(pickAnswers(reply.profile));
    setStep(next);
  }

  const calendars = sources.value ?? [];
  return (
    <main class="wh-options wh-welcome">
      <h1>Welcome to Within Hours</h1>
      <p class="wh-muted">
        Within Hours counts your working time against your contract and the advice of your union, on this
        device only. Four short steps set it up; you can change any answer later in Settings.
      </p>
      <ol class="wh-steps" aria-label="Steps">
        {STEPS.map((name, i) => (
          <li key={name} aria-current={i === step ? "step" : undefined}>
            {i < step ? "✓ " : ""}
            {name}
          </li>
        ))}
      </ol>

      <section class="wh-card" aria-labelledby="welcome-step">
        <h2 id="welcome-step" tabIndex={-1}>
          Step {step + 1} of {STEPS.length}: {STEPS[step]}
        </h2>

        {step === 0 && (
          <fieldset>
            <legend>Whose rules apply to you?</legend>
            {JURISDICTIONS.map((j) => (
              <label key={j} class="wh-choice">
                <input
                  type="radio"
                  name="jurisdiction"
                  value={j}
                  checked={answers.jurisdiction === j}
                  onChange={() => set("jurisdiction", j)}
                />
                {JURISDICTION_LABEL[j]}
              </label>
            ))}
          </fieldset>
        )}

        {step === 1 && (
          <RoleFields value={answers} onChange={(change) => setAnswers({ ...answers, ...change })} />
        )}

        {step === 2 && (
          <div class="wh-grid">
            <p class="wh-muted">
              These are the usual times for {JURISDICTION_LABEL[answers.jurisdiction]}; change them to your
              school's. Meetings after the pupils' day ends count as after-school meetings, and the email
              guard follows your school day unless you set other email hours in Settings.
            </p>
            <label>
              Your school day starts
              <input
                name="schoolDayStart"
                type="time"
                value={answers.schoolDayStart}
                onInput={(e) => set("schoolDayStart", e.currentTarget.value)}
              />
            </label>
            <label>
              The pupils' day ends
              <input
                name="sessionEnd"
                type="time"
                value={answers.sessionEnd ?? ""}
                onInput={(e) => set("sessionEnd", e.currentTarget.value || undefined)}
              />
            </label>
            <label>
              Your school day ends
              <input
                name="schoolDayEnd"
                type="time"
                value={answers.schoolDayEnd}
                onInput={(e) => set("schoolDayEnd", e.currentTarget.value)}
              />
            </label>
          </div>
        )}

        {step === 3 && (
          <div>
            <p>Within Hours needs your timetable and school calendar. Choose whichever is easiest:</p>
            <h3>Read it from your school system's page</h3>
            <p>
              Open your timetable in Arbor, Edulink One, Bromcom, SIMS, Class Charts, Google Calendar or
              Outlook, then click the Within Hours button in your browser's toolbar and choose{" "}
              <strong>Read my timetable from this page</strong>. Nothing is read until you click.
            </p>
            <h3>Add its calendar link</h3>
            <p>
              Most school systems give you a private calendar link that stays up to date. Where to find it:
            </p>
            <dl class="wh-help">
              {CALENDAR_LINK_HELP.map(({ system, where, looksLike }) => (
                <div key={system}>
                  <dt>{system}</dt>
                  <dd>
                    {where} It looks like <code>{looksLike}</code>.
                  </dd>
                </div>
              ))}
            </dl>
            <h3>Or open a calendar file</h3>
            <SourcesPanel sources={calendars} db={db} />
            {calendars.length > 0 && (
              <p role="status" class="wh-ok" data-testid="welcome-done">
                You're set up: {calendars.length} calendar{calendars.length === 1 ? "" : "s"} added. Click the
                Within Hours button in your toolbar to see your week.
              </p>
            )}
          </div>
        )}

        <StatusLine status={status} block />
        <div class="wh-row">
          {step > 0 && (
            <button type="button" onClick={() => setStep(step - 1)}>
              Back
            </button>
          )}
          {step < STEPS.length - 1 ? (
            <button type="button" class="wh-primary" onClick={() => void saveAndGo(step + 1)}>
              Save and continue
            </button>
          ) : (
            <button type="button" onClick={() => void openOptionsPage()}>
              Open all settings
            </button>
          )}
        </div>
      </section>
    </main>
  );
}

function pickAnswers(p: Profile): Answers {
  const {
    jurisdiction,
    role,
    fte,
    contractedDays,
    permanentUnits,
    schoolDayStart,
    schoolDayEnd,
    sessionEnd,
  } = p;
  return {
    jurisdiction,
    role,
    fte,
    contractedDays,
    permanentUnits,
    schoolDayStart,
    schoolDayEnd,
    sessionEnd,
  };
}
