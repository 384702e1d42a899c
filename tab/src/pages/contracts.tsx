import { Badge, Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Textarea, tokens, typographyStyles, type BadgeProps } from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import { toApiError, type Api, type ApiError, type ContractState, type ContractTerms, type ContractView, type LineManagerProposal, type Me, type Party } from '../api';
import { ErrorPanel, Loading } from '../components/status';
import { formatDate, formatInstant, formatMinutes } from '../format';
import { useShared } from '../styles';
import { useAsync } from '../use-async';

const partyLabel: Record<Party, string> = { trainee: 'Trainee', supervisor: 'Supervisor', line_manager: 'Line manager' };
const parties: readonly Party[] = ['trainee', 'supervisor', 'line_manager'];

const statusText: Record<ContractState['status'], string> = { draft: 'Draft', awaiting_signatures: 'Waiting for signatures', active: 'Active', declined: 'Declined', ended: 'Ended' };
const statusColour: Record<ContractState['status'], BadgeProps['color']> = { draft: 'informative', awaiting_signatures: 'warning', active: 'success', declined: 'danger', ended: 'subtle' };

const partyOf = (v: ContractView, me: string): Party | null => parties.find((p) => v.contract.parties[p] === me) ?? null;
const signedAt = (s: ContractState, p: Party): string | undefined => (s.status === 'draft' ? undefined : s.signatures[p]);
const waitingFor = (v: ContractView, me: string): boolean => {
  const party = partyOf(v, me);
  return v.contract.state.status === 'awaiting_signatures' && party !== null && !signedAt(v.contract.state, party);
};

/**
 * The three-way VIG contract. Each party reads and signs the latest version; the line manager may decline with
 * a reason the others see; a trainee with no contract yet drafts one and sends it. `waitingOnly` is the line
 * manager's home: just the contracts waiting for them.
 */
export default function Contracts({ api, me, waitingOnly = false }: { api: Api; me: Me; waitingOnly?: boolean }) {
  const shared = useShared();
  const load = useCallback((signal: AbortSignal) => api.myContracts(signal), [api]);
  const { result, retry } = useAsync(load);
  const [changed, setChanged] = useState<Record<string, ContractView>>({});
  const H = waitingOnly ? 'h2' : 'h1';

  const heading = waitingOnly ? 'Contracts waiting for you' : me.roles.length === 1 && me.roles[0] === 'trainee' ? 'Your VIG contract' : 'VIG contracts';
  const body = (() => {
    if (result.state === 'loading') return <Loading label="Loading contracts…" />;
    if (result.state === 'failed') return <ErrorPanel title="Contracts could not be loaded" error={result.error} onRetry={retry} />;
    const views = result.value.contracts.map((v) => changed[v.enrolmentId] ?? v);
    const shown = waitingOnly ? views.filter((v) => waitingFor(v, me.id) || changed[v.enrolmentId]) : views;
    return (
      <>
        {!waitingOnly && result.value.canStart && <StartContract api={api} start={result.value.canStart} onStarted={retry} />}
        {shown.length === 0 && !result.value.canStart && (
          <p className={shared.text} data-testid="no-contracts">
            {waitingOnly ? 'No contracts are waiting for your signature.' : 'You are not a party to any VIG contract yet.'}
          </p>
        )}
        <ul className={shared.plainList}>
          {shown.map((v) => (
            <ContractCard key={`${v.enrolmentId}/${v.contract.version}`} api={api} me={me} view={v} Heading={waitingOnly ? 'h3' : 'h2'} onChanged={(next) => setChanged((c) => ({ ...c, [next.enrolmentId]: next }))} />
          ))}
        </ul>
      </>
    );
  })();

  return (
    <section aria-labelledby="contracts-heading" className={shared.section} data-testid="contracts">
      <H id="contracts-heading" className={waitingOnly ? shared.heading : shared.title}>
        {heading}
      </H>
      {!waitingOnly && <p className={shared.lead}>The agreement between trainee, supervisor and line manager: protected time, case access, supervision, equipment and information governance. It is active once all three have signed.</p>}
      {body}
    </section>
  );
}

function ContractCard({ api, me, view, Heading, onChanged }: { api: Api; me: Me; view: ContractView; Heading: 'h2' | 'h3'; onChanged: (v: ContractView) => void }) {
  const styles = useStyles();
  const shared = useShared();
  const c = view.contract;
  const t = c.terms;
  const party = partyOf(view, me.id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');

  const act = (p: Promise<{ outcome: 'changed' | 'unchanged'; why?: string; value: ContractView }>, done: string): void => {
    setBusy(true);
    setError(null);
    p.then(
      (r) => {
        setBusy(false);
        setDeclining(false);
        setNote(r.outcome === 'changed' ? done : r.why === 'stale' ? 'The contract changed since you opened it: here is the latest version.' : 'That was already done.');
        onChanged(r.value);
      },
      (e: unknown) => {
        setBusy(false);
        setError(toApiError(e));
      },
    );
  };

  const decline = (e: FormEvent): void => {
    e.preventDefault();
    if (!reason.trim()) {
      setError(toApiError(new Error('Please give a reason for declining: the trainee and supervisor will see it.')));
      return;
    }
    act(api.declineContract({ enrolmentId: view.enrolmentId, version: c.version, reason: reason.trim() }), 'You declined the contract. The trainee and supervisor can see your reason.');
  };

  return (
    <li className={shared.card} data-testid="contract" data-enrolment-id={view.enrolmentId} data-status={c.state.status} data-version={c.version}>
      <div className={styles.head}>
        <Heading className={shared.subheading}>
          VIG contract for {view.names.trainee}, version {c.version}
        </Heading>
        <Badge appearance="tint" color={statusColour[c.state.status]} data-testid="contract-status">
          {statusText[c.state.status]}
        </Badge>
      </div>
      <ul className={styles.parties} aria-label="Signatures">
        {parties.map((p) => {
          const at = signedAt(c.state, p);
          return (
            <li key={p} data-party={p} data-signed={Boolean(at)}>
              <strong>{partyLabel[p]}:</strong> {view.names[p]}
              {c.parties[p] === me.id && ' (you)'} — {at ? <>signed {formatInstant(at)}</> : 'not signed yet'}
            </li>
          );
        })}
      </ul>
      {c.state.status === 'declined' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            Declined by the line manager on {formatInstant(c.state.at)}: “{c.state.reason}”
          </MessageBarBody>
        </MessageBar>
      )}
      <details className={styles.terms}>
        <summary>Terms</summary>
        <dl>
          <dt>Starts on</dt>
          <dd>{formatDate(t.startsOn)}</dd>
          <dt>Expected duration</dt>
          <dd>{t.expectedMonths} months</dd>
          <dt>Protected time</dt>
          <dd>{formatMinutes(t.protectedMinutesPerWeek)} a week</dd>
          <dt>Supervision booked</dt>
          <dd>
            {formatMinutes(t.supervisionMinutes ?? 60)}, {t.supervisionCadence ?? 'monthly'}
          </dd>
          <dt>Access to suitable cases</dt>
          <dd>{t.caseAccess}</dd>
          <dt>Supervision arrangements</dt>
          <dd>{t.supervisionArrangements}</dd>
          <dt>Equipment and secure storage</dt>
          <dd>{t.equipmentAndStorage}</dd>
          <dt>Information governance duties</dt>
          <dd>{t.informationGovernance}</dd>
          <dt>AVIGuk registration</dt>
          <dd>{t.avigukRegistration ? 'The trainee registers with AVIGuk' : 'Not required'}</dd>
          <dt>On a change of role</dt>
          <dd>{t.changeOfRole}</dd>
        </dl>
      </details>
      {note && (
        <MessageBar intent="success" data-testid="contract-note">
          <MessageBarBody>{note}</MessageBarBody>
        </MessageBar>
      )}
      {error && <ErrorPanel title="The contract was not changed" error={error} />}
      {waitingFor(view, me.id) && !declining && (
        <div className={styles.actions}>
          <Button appearance="primary" disabled={busy} onClick={() => act(api.signContract({ enrolmentId: view.enrolmentId, version: c.version }), 'You signed the contract.')} data-testid="contract-sign">
            Sign as {party ? partyLabel[party].toLowerCase() : 'a party'}
          </Button>
          {party === 'line_manager' && (
            <Button disabled={busy} onClick={() => setDeclining(true)} data-testid="contract-decline">
              Decline…
            </Button>
          )}
        </div>
      )}
      {declining && (
        <form onSubmit={decline} noValidate className={shared.form}>
          <Field label="Why are you declining?" required hint="The trainee and supervisor see this, so they can change the terms.">
            <Textarea value={reason} maxLength={1000} rows={3} onChange={(_, d) => setReason(d.value)} data-testid="contract-decline-reason" />
          </Field>
          <div className={styles.actions}>
            <Button type="submit" appearance="primary" disabled={busy} data-testid="contract-decline-confirm">
              Decline the contract
            </Button>
            <Button onClick={() => setDeclining(false)}>Keep it</Button>
          </div>
        </form>
      )}
    </li>
  );
}

function StartContract({ api, start, onStarted }: { api: Api; start: { enrolmentId: string; terms: ContractTerms; lineManager: LineManagerProposal }; onStarted: () => void }) {
  const shared = useShared();
  const styles = useStyles();
  const [t, setT] = useState<ContractTerms>(start.terms);
  const proposal = start.lineManager;
  const [lineManagerId, setLineManagerId] = useState<string | null>(proposal.kind === 'choose' ? proposal.enrolment.id : null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const text = (key: 'caseAccess' | 'supervisionArrangements' | 'equipmentAndStorage' | 'informationGovernance' | 'changeOfRole', label: string) => (
    <Field label={label} required>
      <Textarea value={t[key]} maxLength={1000} rows={2} resize="vertical" onChange={(_, d) => setT({ ...t, [key]: d.value })} />
    </Field>
  );
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api.startContract(t, lineManagerId ?? undefined).then(
      () => {
        setBusy(false);
        onStarted();
      },
      (err: unknown) => {
        setBusy(false);
        setError(toApiError(err));
      },
    );
  };
  return (
    <section className={`${shared.card} ${styles.start}`} aria-labelledby="start-contract-heading" data-testid="start-contract">
      <h2 id="start-contract-heading" className={shared.subheading}>
        Draft your VIG contract
      </h2>
      <p className={shared.text}>Check each term with your supervisor and line manager. When you send it, all three of you are asked to sign.</p>
      <form className={shared.form} onSubmit={submit} noValidate>
        <LineManager proposal={proposal} chosen={lineManagerId} onChoose={setLineManagerId} />
        <Field label="Starts on" required>
          <Input type="date" value={t.startsOn} onChange={(_, d) => setT({ ...t, startsOn: d.value })} />
        </Field>
        <Field label="Expected duration (months)" required>
          <Input type="number" min={1} max={60} value={String(t.expectedMonths)} onChange={(_, d) => setT({ ...t, expectedMonths: Number(d.value) })} />
        </Field>
        <Field label="Protected time a week (minutes, up to 240)" required>
          <Input type="number" min={0} max={240} step={15} value={String(t.protectedMinutesPerWeek)} onChange={(_, d) => setT({ ...t, protectedMinutesPerWeek: Number(d.value) })} />
        </Field>
        <Field label="Length of a supervision session (minutes, 15 to 240)" required>
          <Input type="number" min={15} max={240} step={15} value={String(t.supervisionMinutes ?? 60)} onChange={(_, d) => setT({ ...t, supervisionMinutes: Number(d.value) })} data-testid="contract-supervision-minutes" />
        </Field>
        <Field label="How often supervision is booked" required>
          <Select value={t.supervisionCadence ?? 'monthly'} onChange={(_, d) => setT({ ...t, supervisionCadence: d.value === 'fortnightly' ? 'fortnightly' : 'monthly' })} data-testid="contract-supervision-cadence">
            <option value="fortnightly">Fortnightly</option>
            <option value="monthly">Monthly</option>
          </Select>
        </Field>
        {text('caseAccess', 'Access to suitable cases')}
        {text('supervisionArrangements', 'Supervision arrangements')}
        {text('equipmentAndStorage', 'Equipment and secure storage')}
        {text('informationGovernance', 'Information governance duties')}
        {text('changeOfRole', 'On a change of role')}
        <Checkbox checked={t.avigukRegistration} onChange={(_, d) => setT({ ...t, avigukRegistration: d.checked === true })} label="I will register with AVIGuk when supervision starts" />
        {error && <ErrorPanel title="The contract was not sent" error={error} />}
        <div>
          <Button type="submit" appearance="primary" disabled={busy} data-testid="contract-send">
            Send for signatures
          </Button>
        </div>
      </form>
    </section>
  );
}

/**
 * Who signs as line manager: the proposal's words, and — when the organisation's directory names someone else
 * Attune knows — a choice between the two (the enrolment's line manager first, and chosen until changed).
 */
function LineManager({ proposal, chosen, onChoose }: { proposal: LineManagerProposal; chosen: string | null; onChoose: (id: string) => void }) {
  const shared = useShared();
  const intent = proposal.kind === 'directory_unavailable' || proposal.kind === 'directory_unknown' ? 'warning' : 'info';
  return (
    <div data-testid="line-manager" data-kind={proposal.kind}>
      {proposal.kind === 'choose' ? (
        <Field label="Who signs as your line manager" required hint={proposal.note}>
          <RadioGroup value={chosen ?? proposal.enrolment.id} onChange={(_, d) => onChoose(d.value)}>
            <Radio value={proposal.enrolment.id} label={`${proposal.enrolment.displayName} (your line manager in Attune)`} />
            <Radio value={proposal.directory.id} label={`${proposal.directory.displayName} (your manager in your organisation's directory)`} />
          </RadioGroup>
        </Field>
      ) : intent === 'warning' ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{proposal.note}</MessageBarBody>
        </MessageBar>
      ) : (
        <p className={shared.text}>{proposal.note}</p>
      )}
    </div>
  );
}

const useStyles = makeStyles({
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  parties: { ...typographyStyles.body1, margin: `${tokens.spacingVerticalS} 0`, paddingLeft: tokens.spacingHorizontalL },
  terms: {
    ...typographyStyles.body1,
    margin: `${tokens.spacingVerticalS} 0`,
    '& summary': { cursor: 'pointer', color: tokens.colorBrandForegroundLink },
    '& dt': { fontWeight: tokens.fontWeightSemibold, marginTop: tokens.spacingVerticalS },
    '& dd': { margin: 0 },
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalM },
  start: { marginBottom: tokens.spacingVerticalL },
});
