import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, tokens } from '@fluentui/react-components';
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { toApiError, type Api, type ApiError, type ExternalStage } from '../api';
import { ErrorPanel, Loading } from '../components/status';
import { formatMinutes } from '../format';
import { href } from '../router';
import { useShared } from '../styles';
import { useAsync } from '../use-async';

/**
 * The external supervisor's page: for each trainee whose stage meeting they are invited to, the stage summary
 * (requirements and where the trainee stands), the clips the trainee shared for the meeting, and the sign-off.
 * Nothing else of the trainee's practice is theirs to see, and the server shows nothing else.
 */
export default function External({ api, embedded = false }: { api: Api; embedded?: boolean }) {
  const shared = useShared();
  const load = useCallback((signal: AbortSignal) => api.myExternalStages(signal), [api]);
  const { result, retry } = useAsync(load);
  const H = embedded ? 'h2' : 'h1';
  return (
    <section aria-labelledby="external-heading" className={shared.section} data-testid="external">
      <H id="external-heading" className={embedded ? shared.heading : shared.title}>
        Stage meetings
      </H>
      <p className={shared.lead}>You are invited as external supervisor. You see each trainee’s stage summary and the clips they shared for the meeting; your sign-off ends the stage.</p>
      {result.state === 'loading' && <Loading label="Loading your stage meetings…" />}
      {result.state === 'failed' && <ErrorPanel title="Your stage meetings could not be loaded" error={result.error} onRetry={retry} />}
      {result.state === 'ready' && result.value.length === 0 && (
        <p className={shared.text} data-testid="external-none">
          No invitation is open for you just now.
        </p>
      )}
      {result.state === 'ready' && (
        <ul className={shared.plainList}>
          {result.value.map((s) => (
            <li key={`${s.enrolmentId}-${s.stage}`}>
              <StageCard api={api} stage={s} onChanged={retry} Sub={embedded ? 'h3' : 'h2'} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StageCard({ api, stage: s, onChanged, Sub }: { api: Api; stage: ExternalStage; onChanged: () => void; Sub: 'h2' | 'h3' }) {
  const shared = useShared();
  const styles = useStyles();
  const meeting = s.meetingKind === 'accreditation' ? 'accreditation meeting' : 'transition meeting';
  const headingId = `stage-${s.enrolmentId}-${s.stage}`;
  if (!s.open) {
    return (
      <article className={shared.card} aria-labelledby={headingId} data-testid="external-stage" data-open="false">
        <Sub id={headingId} className={shared.subheading}>
          {s.traineeName} — Stage {s.stage} {meeting}
        </Sub>
        <p className={shared.text}>{s.myOutcome?.outcome === 'signed_off' ? `You signed this stage off on ${s.myOutcome.heldOn}. Your access has ended.` : 'This invitation has ended.'}</p>
      </article>
    );
  }
  const sum = s.summary;
  return (
    <article className={shared.card} aria-labelledby={headingId} data-testid="external-stage" data-open="true">
      <Sub id={headingId} className={shared.subheading}>
        {s.traineeName} — {sum?.name ?? `Stage ${s.stage}`} {meeting}
      </Sub>
      <p className={shared.muted}>Your access ends on {s.until.slice(0, 10)}, or when the stage is signed off.</p>
      {sum && (
        <dl className={styles.facts} data-testid="external-summary">
          <dt>Cycles</dt>
          <dd>
            {sum.cycles.done} of {sum.cycles.required}
          </dd>
          <dt>New clients</dt>
          <dd>
            {sum.newClients.done} of {sum.newClients.required}
          </dd>
          <dt>Supervision</dt>
          <dd>
            {formatMinutes(sum.supervisionMinutes.done)} of {formatMinutes(sum.supervisionMinutes.required)}
          </dd>
          <dt>Meeting</dt>
          <dd data-testid="external-meeting-status">{sum.meeting.status === 'signed_off' ? `signed off ${sum.meeting.signedOffOn ?? ''}` : sum.meeting.status === 'due' ? 'requirements met: ready to sign off' : 'requirements not met yet'}</dd>
        </dl>
      )}
      <h4 className={styles.minor}>Clips shared for the meeting</h4>
      {s.sharedClips.length === 0 ? (
        <p className={shared.text}>The trainee has not shared any clips yet.</p>
      ) : (
        <ul className={styles.clips} data-testid="external-clips">
          {s.sharedClips.map((c) => (
            <li key={c.id}>
              <a href={href({ page: 'clip', enrolmentId: s.enrolmentId, clipId: c.id, at: null })}>{c.title}</a>
              <span className={shared.muted}> — {c.kind === 'shared_review' ? 'shared review' : 'client interaction'}</span>
            </li>
          ))}
        </ul>
      )}
      {s.supervisorRecord && (
        <p className={shared.text} data-testid="external-supervisor-record">
          The supervisor recorded the meeting on {s.supervisorRecord.heldOn} ({formatMinutes(s.supervisorRecord.minutes)}) and recommends {s.supervisorRecord.recommended === 'signed_off' ? 'signing off' : 'not yet'}.
        </p>
      )}
      {s.myOutcome && (
        <p className={shared.text} data-testid="external-my-outcome">
          You recorded “not yet” on {s.myOutcome.heldOn}.
        </p>
      )}
      <SignOffForm api={api} stage={s} onDone={onChanged} />
    </article>
  );
}

function SignOffForm({ api, stage: s, onDone }: { api: Api; stage: ExternalStage; onDone: () => void }) {
  const shared = useShared();
  const styles = useStyles();
  const today = new Date().toISOString().slice(0, 10);
  const [heldOn, setHeldOn] = useState(s.supervisorRecord?.heldOn ?? today);
  const [minutes, setMinutes] = useState(String(s.supervisorRecord?.minutes ?? 60));
  const [outcome, setOutcome] = useState<'signed_off' | 'not_yet'>(s.summary?.meeting.status === 'due' ? 'signed_off' : 'not_yet');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // One submission id per form: a double click or a retry records the meeting once.
  const submissionId = useRef(crypto.randomUUID());
  const id = `${s.enrolmentId}-${s.stage}`;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api.externalSignOff({ enrolmentId: s.enrolmentId, submissionId: submissionId.current, heldOn, minutes: Number(minutes), outcome }).then(
      (r) => {
        setBusy(false);
        setDone(r.value.outcome === 'signed_off' ? 'Signed off: the stage has ended.' : 'Recorded: not signed off yet.');
        submissionId.current = crypto.randomUUID();
        onDone();
      },
      (err: unknown) => {
        setBusy(false);
        setError(toApiError(err));
      },
    );
  };

  return (
    <form onSubmit={submit} className={shared.form} aria-labelledby={`signoff-${id}`} data-testid="external-sign-off">
      <h4 id={`signoff-${id}`} className={styles.minor}>
        Your sign-off
      </h4>
      <Field label="Held on" hint="The date of the meeting, year-month-day.">
        <Input type="date" value={heldOn} max={today} onChange={(_, d) => setHeldOn(d.value)} required />
      </Field>
      <Field label="Length in minutes">
        <Input type="number" min={1} max={480} step={1} value={minutes} onChange={(_, d) => setMinutes(d.value)} required />
      </Field>
      <Field label="Outcome">
        <RadioGroup value={outcome} onChange={(_, d) => setOutcome(d.value === 'signed_off' ? 'signed_off' : 'not_yet')}>
          <Radio value="signed_off" label="Signed off: the stage is complete" />
          <Radio value="not_yet" label="Not yet" />
        </RadioGroup>
      </Field>
      <div className={shared.row}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Record the outcome'}
        </Button>
      </div>
      {error && <ErrorPanel title="The outcome was not recorded" error={error} />}
      {done && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: `${tokens.spacingVerticalM} 0`,
    '& dt': { fontWeight: tokens.fontWeightSemibold },
    '& dd': { margin: 0 },
  },
  minor: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalS}` },
  clips: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'grid', gap: tokens.spacingVerticalXS },
});
