import { Button, Field, Input, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import { toApiError, type Api, type ApiError, type Invitation } from '../api';
import { useShared } from '../styles';
import { useAsync } from '../use-async';
import { ErrorPanel, Loading } from './status';

const statusText: Record<Invitation['status'], string> = { invited: 'invited — has not signed in yet', accepted: 'signed in', revoked: 'revoked', ended: 'signed the stage off' };

/**
 * The supervisor's (or an admin's) part of the external supervisor: invite one by email to the current stage's
 * meeting, see whether they have signed in, and revoke the invitation (their access stops at once).
 */
export function ExternalSupervisorSection({ api, enrolmentId, currentStage }: { api: Api; enrolmentId: string; currentStage: number | null }) {
  const shared = useShared();
  const load = useCallback((signal: AbortSignal) => api.externalSupervisors(enrolmentId, signal), [api, enrolmentId]);
  const { result, retry } = useAsync(load);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const invitations = result.state === 'ready' ? result.value : [];
  const open = invitations.find((i) => i.live && i.stage === currentStage) ?? null;

  const revoke = (i: Invitation): void => {
    setError(null);
    api.revokeExternalSupervisor({ enrolmentId, stage: i.stage }).then(
      () => {
        setNotice(`The invitation to ${i.email} is revoked.`);
        retry();
      },
      (e: unknown) => setError(toApiError(e)),
    );
  };

  return (
    <section aria-labelledby="external-supervisor-heading" className={shared.section} data-testid="external-supervisor-section">
      <h2 id="external-supervisor-heading" className={shared.heading}>
        External supervisor
      </h2>
      <p className={shared.lead}>The external supervisor signs the stage off at its transition or accreditation meeting. They see this trainee’s stage summary and the clips the trainee shares for the meeting, nothing else.</p>
      {result.state === 'loading' && <Loading label="Loading the invitations…" />}
      {result.state === 'failed' && <ErrorPanel title="The invitations could not be loaded" error={result.error} onRetry={retry} />}
      {invitations.length > 0 && (
        <ul className={shared.plainList} data-testid="external-invitations">
          {invitations.map((i) => (
            <li key={i.stage} className={shared.row}>
              <span>
                Stage {i.stage}: {i.inviteeName ? `${i.inviteeName} (${i.email})` : i.email} — {i.live ? statusText[i.status] : i.status === 'ended' || i.status === 'revoked' ? statusText[i.status] : 'lapsed'}
                {i.live && `, until ${i.until.slice(0, 10)}`}
              </span>
              {i.live && (
                <Button size="small" onClick={() => revoke(i)} aria-label={`Revoke the invitation to ${i.email}`}>
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {result.state === 'ready' && currentStage !== null && !open && (
        <InviteForm
          api={api}
          enrolmentId={enrolmentId}
          stage={currentStage}
          onInvited={(i) => {
            setNotice(`${i.email} is invited to the Stage ${i.stage} meeting.`);
            retry();
          }}
        />
      )}
      {error && <ErrorPanel title="That did not work" error={error} />}
      {notice && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

function InviteForm({ api, enrolmentId, stage, onInvited }: { api: Api; enrolmentId: string; stage: number; onInvited: (i: Invitation) => void }) {
  const shared = useShared();
  const [email, setEmail] = useState('');
  const [until, setUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api.inviteExternalSupervisor({ enrolmentId, stage, email, until: until || null }).then(
      (i) => {
        setBusy(false);
        setEmail('');
        setUntil('');
        onInvited(i);
      },
      (err: unknown) => {
        setBusy(false);
        setError(toApiError(err));
      },
    );
  };
  return (
    <form onSubmit={submit} className={shared.form} aria-label={`Invite an external supervisor to the Stage ${stage} meeting`} data-testid="external-invite">
      <Field label="Their email address" hint="Usually their AVIGuk or own organisation’s address; they sign in to Teams as a guest with it." required>
        <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} autoComplete="off" />
      </Field>
      <Field label="Access until (optional)" hint="At most 90 days. Access also ends when they sign the stage off.">
        <Input type="date" value={until} onChange={(_, d) => setUntil(d.value)} />
      </Field>
      <div className={shared.row}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? 'Inviting…' : `Invite to the Stage ${stage} meeting`}
        </Button>
      </div>
      {error && <ErrorPanel title="The invitation was not sent" error={error} />}
    </form>
  );
}
