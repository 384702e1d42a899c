import { Button, Checkbox, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { toApiError, type Api, type ApiError, type ClipSummary, type Invitation } from '../api';
import { useShared } from '../styles';
import { useAsync } from '../use-async';
import { ErrorPanel, Loading } from './status';

/**
 * The trainee chooses the clips their external supervisor sees for the stage meeting. Only clips whose family
 * consented to viewing by a supervisor can be chosen; the others are listed, disabled, with the reason.
 * Shown only while an external supervisor is invited.
 */
export function MeetingClips({ api, enrolmentId }: { api: Api; enrolmentId: string }) {
  const load = useCallback(async (signal: AbortSignal) => {
    const [invitations, clips, practice] = await Promise.all([api.externalSupervisors(enrolmentId, signal), api.clips({ enrolmentId }, signal), api.practice(enrolmentId, signal)]);
    const consented = new Set(practice.cases.filter((c) => c.consent.supervisor_viewing).map((c) => c.id));
    return { invitation: invitations.find((i) => i.live) ?? null, clips, consented };
  }, [api, enrolmentId]);
  const { result, retry } = useAsync(load);
  if (result.state === 'loading') return <Loading label="Loading your stage meeting…" />;
  if (result.state === 'failed') return <ErrorPanel title="Your stage meeting could not be loaded" error={result.error} onRetry={retry} />;
  const { invitation, clips, consented } = result.value;
  if (!invitation) return null;
  return <ShareForm key={invitation.sharedClipIds.join(',')} api={api} invitation={invitation} clips={clips} consented={consented} />;
}

function ShareForm({ api, invitation, clips, consented }: { api: Api; invitation: Invitation; clips: readonly ClipSummary[]; consented: ReadonlySet<string> }) {
  const shared = useShared();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set(invitation.sharedClipIds));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const who = invitation.inviteeName ?? invitation.email;
  const toggle = (id: string, on: boolean): void => {
    setSaved(false);
    setChosen((c) => {
      const next = new Set(c);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };
  const save = (): void => {
    setBusy(true);
    setError(null);
    api.shareClipsForMeeting({ enrolmentId: invitation.enrolmentId, stage: invitation.stage, clipIds: [...chosen] }).then(
      () => {
        setBusy(false);
        setSaved(true);
      },
      (e: unknown) => {
        setBusy(false);
        setError(toApiError(e));
      },
    );
  };
  return (
    <section aria-labelledby="meeting-clips-heading" className={shared.section} data-testid="meeting-clips">
      <h2 id="meeting-clips-heading" className={shared.heading}>
        Share clips for the meeting
      </h2>
      <p className={shared.lead}>
        {who} is your external supervisor for the Stage {invitation.stage} {invitation.meetingKind} meeting. They see only the clips you tick here.
      </p>
      {clips.length === 0 ? (
        <p className={shared.text}>You have no clips yet.</p>
      ) : (
        <fieldset className={shared.plainList}>
          <legend className={shared.visuallyHidden}>Clips to share with {who}</legend>
          {clips.map((c) => {
            const allowed = consented.has(c.caseId);
            return (
              <Checkbox
                key={c.id}
                checked={chosen.has(c.id)}
                disabled={!allowed && !chosen.has(c.id)}
                onChange={(_, d) => toggle(c.id, d.checked === true)}
                label={allowed ? c.title : `${c.title} — the family has not consented to viewing by a supervisor`}
              />
            );
          })}
        </fieldset>
      )}
      <div className={shared.row}>
        <Button appearance="primary" onClick={save} disabled={busy}>
          {busy ? 'Saving…' : 'Save the shared clips'}
        </Button>
      </div>
      {error && <ErrorPanel title="The clips were not shared" error={error} />}
      {saved && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>Saved: {chosen.size === 1 ? '1 clip is' : `${chosen.size} clips are`} shared for the meeting.</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
