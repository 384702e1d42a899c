import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Select, tokens, typographyStyles } from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import { toApiError, type Api, type ApiError, type LawfulBasis, type ServiceView } from '../api';
import { ErrorPanel, Loading } from '../components/status';
import { href } from '../router';
import { useShared } from '../styles';
import { useAsync } from '../use-async';

const lawfulBasisLabel: Record<LawfulBasis, string> = {
  consent: 'Consent — Article 6(1)(a), with explicit consent under Article 9(2)(a) for video of children',
  public_task: 'Public task — Article 6(1)(e)',
};

/**
 * The service's information-governance settings: lawful basis, how long clips are kept after a case ends,
 * which pathway version new enrolments use, and the principle vocabulary tags are stored with. Saving sends
 * the version that was read (If-Match), so one admin never silently overwrites another's change.
 */
export default function AdminService({ api, embedded = false }: { api: Api; embedded?: boolean }) {
  const shared = useShared();
  const load = useCallback((signal: AbortSignal) => api.serviceSettings(signal), [api]);
  const { result, retry } = useAsync(load);
  const H = embedded ? 'h2' : 'h1';
  return (
    <section aria-labelledby="service-heading" className={shared.section} data-testid="admin-service">
      <H id="service-heading" className={embedded ? shared.heading : shared.title}>
        Service settings
      </H>
      {result.state === 'loading' && <Loading label="Loading the service settings…" />}
      {result.state === 'failed' && <ErrorPanel title="The service settings could not be loaded" error={result.error} onRetry={retry} />}
      {result.state === 'ready' && <SettingsForm key={result.value.etag} api={api} initial={result.value} reload={retry} embedded={embedded} />}
    </section>
  );
}

function SettingsForm({ api, initial, reload, embedded }: { api: Api; initial: ServiceView; reload: () => void; embedded: boolean }) {
  const styles = useStyles();
  const shared = useShared();
  const [view, setView] = useState(initial);
  const s = view.service;
  const [basis, setBasis] = useState<LawfulBasis>(s.lawfulBasis);
  const [retention, setRetention] = useState(String(s.retentionMonthsAfterEnd));
  const [pathway, setPathway] = useState(`${s.pathway.id}@${s.pathway.version}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const Sub = embedded ? 'h3' : 'h2';

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const months = Number(retention);
    const [id = '', version = '0'] = pathway.split('@');
    setBusy(true);
    setError(null);
    setSaved(false);
    api.changeServiceSettings({ lawfulBasis: basis, retentionMonthsAfterEnd: Number.isFinite(months) ? months : -1, pathway: { id, version: Number(version) } }, view.etag).then(
      (next) => {
        setBusy(false);
        setView(next);
        setSaved(true);
      },
      (err: unknown) => {
        setBusy(false);
        setError(toApiError(err));
      },
    );
  };

  const current = view.pathways.find((p) => p.id === s.pathway.id && p.version === s.pathway.version);
  return (
    <>
      <p className={shared.lead}>
        <strong data-testid="service-name">{s.name}</strong>. New enrolments use <span data-testid="service-pathway">{current ? `${current.name} (version ${current.version})` : `${s.pathway.id} version ${s.pathway.version}`}</span>.
      </p>
      <form className={shared.form} onSubmit={submit} noValidate aria-labelledby="governance-heading">
        <Sub id="governance-heading" className={shared.subheading}>
          Information governance
        </Sub>
        <Field label="Lawful basis for processing" required hint="Recorded on every new case. It differs between organisations: ask your data protection officer.">
          <RadioGroup value={basis} onChange={(_, d) => setBasis(d.value as LawfulBasis)} data-testid="service-basis">
            {(Object.keys(lawfulBasisLabel) as LawfulBasis[]).map((b) => (
              <Radio key={b} value={b} label={lawfulBasisLabel[b]} />
            ))}
          </RadioGroup>
        </Field>
        <Field label="Keep clips for this many months after a case ends" required hint="0 to 360. A published VIG consent form promises deletion within 2 months of the end of involvement. Clips on legal hold are kept regardless.">
          <Input type="number" min={0} max={360} step={1} value={retention} onChange={(_, d) => setRetention(d.value)} data-testid="service-retention" />
        </Field>
        <Field label="Pathway for new enrolments" required hint="Existing enrolments keep the version they started on.">
          <Select value={pathway} onChange={(_, d) => setPathway(d.value)} data-testid="service-pathway-select" className={shared.fitSelect}>
            {view.pathways.map((p) => (
              <option key={`${p.id}@${p.version}`} value={`${p.id}@${p.version}`}>
                {p.name} — version {p.version}
              </option>
            ))}
          </Select>
        </Field>
        {error && (
          <ErrorPanel title={error.status === 409 || error.status === 412 ? 'Someone else changed the settings' : 'The settings were not saved'} error={error} onRetry={error.status === 409 || error.status === 412 ? reload : undefined} />
        )}
        {saved && (
          <MessageBar intent="success" data-testid="service-saved">
            <MessageBarBody>Saved. The change is in the audit log.</MessageBarBody>
          </MessageBar>
        )}
        <div className={shared.row}>
          <Button type="submit" appearance="primary" disabled={busy} data-testid="service-save">
            Save settings
          </Button>
          <a href={href({ page: 'pathways' })}>Pathway presets</a>
          <a href={href({ page: 'audit' })}>Audit log</a>
          <a href={href({ page: 'admin-reminders' })}>Reminders</a>
        </div>
      </form>

      <section aria-labelledby="vocabulary-heading" className={styles.vocabulary}>
        <Sub id="vocabulary-heading" className={shared.subheading}>
          Principle vocabulary
        </Sub>
        <p className={shared.text} data-testid="vocabulary-version">
          Tags are stored with the vocabulary they were made with: <strong>{view.vocabulary.id}</strong>, version <strong>{view.vocabulary.version}</strong>.
        </p>
        <ul className={styles.principles}>
          {view.vocabulary.principles.map((p) => (
            <li key={p.key}>
              <details>
                <summary>{p.label}</summary>
                <ul>
                  {p.elements.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

const useStyles = makeStyles({
  vocabulary: { marginTop: tokens.spacingVerticalXL },
  principles: { ...typographyStyles.body1, paddingLeft: tokens.spacingHorizontalL, '& summary': { cursor: 'pointer' } },
});
