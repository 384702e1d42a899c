import { Badge, Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, tokens, typographyStyles } from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import { toApiError, type Api, type ApiError, type PathwayDefinition } from '../api';
import { ErrorPanel, Loading } from '../components/status';
import { formatMinutes, meetingKindLabel } from '../format';
import { useShared } from '../styles';
import { DataTable } from '../components/data-table';
import { useAsync } from '../use-async';

type Draft = Omit<PathwayDefinition, 'version'>;
type Editing = { readonly mode: 'edit' | 'copy'; readonly draft: Draft };

const keyOf = (p: { id: string; version: number }): string => `${p.id}@${p.version}`;

/**
 * Pathway presets as versioned data: view any version's stage rules, edit one (saved as the next version of the
 * same pathway) or copy it (a new pathway at version 1). Saved versions are never changed, so enrolments keep
 * the rules they started on.
 */
export default function AdminPathways({ api }: { api: Api }) {
  const shared = useShared();
  const load = useCallback((signal: AbortSignal) => api.serviceSettings(signal), [api]);
  const { result, retry } = useAsync(load);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saved, setSaved] = useState<PathwayDefinition | null>(null);

  return (
    <>
      <h1 className={shared.title}>Pathways</h1>
      <p className={shared.lead}>Stage rules differ between published sources and services. Editing saves a new version; enrolments keep the version they started on.</p>
      {result.state === 'loading' && <Loading label="Loading pathways…" />}
      {result.state === 'failed' && <ErrorPanel title="Pathways could not be loaded" error={result.error} onRetry={retry} />}
      {result.state === 'ready' &&
        (() => {
          const { pathways, service } = result.value;
          const inUse = keyOf(service.pathway);
          const current = pathways.find((p) => keyOf(p) === (selected ?? inUse)) ?? pathways[0];
          return (
            <>
              {saved && (
                <MessageBar intent="success" data-testid="pathway-saved">
                  <MessageBarBody>
                    Saved “{saved.name}” as version {saved.version}. Choose it in the service settings to use it for new enrolments.
                  </MessageBarBody>
                </MessageBar>
              )}
              <Field label="Pathway and version">
                <Select
                  value={current ? keyOf(current) : ''}
                  onChange={(_, d) => {
                    setSelected(d.value);
                    setEditing(null);
                  }}
                  data-testid="pathway-select" className={shared.fitSelect}
                >
                  {pathways.map((p) => (
                    <option key={keyOf(p)} value={keyOf(p)}>
                      {p.name} — version {p.version}
                      {keyOf(p) === inUse ? ' (used for new enrolments)' : ''}
                    </option>
                  ))}
                </Select>
              </Field>
              {current && !editing && (
                <PathwayDetails
                  pathway={current}
                  inUse={keyOf(current) === inUse}
                  onEdit={() => setEditing({ mode: 'edit', draft: draftOf(current) })}
                  onCopy={() => setEditing({ mode: 'copy', draft: { ...draftOf(current), id: `${current.id}-copy`.slice(0, 60), name: `Copy of ${current.name}`.slice(0, 120) } })}
                />
              )}
              {editing && (
                <PathwayEditor
                  api={api}
                  editing={editing}
                  onCancel={() => setEditing(null)}
                  onSaved={(p) => {
                    setSaved(p);
                    setEditing(null);
                    setSelected(keyOf(p));
                    retry();
                  }}
                />
              )}
            </>
          );
        })()}
    </>
  );
}

const draftOf = (p: PathwayDefinition): Draft => ({ id: p.id, name: p.name, source: p.source, window: { ...p.window }, stages: p.stages.map((s) => ({ ...s, meeting: { ...s.meeting } })) });

function PathwayDetails({ pathway, inUse, onEdit, onCopy }: { pathway: PathwayDefinition; inUse: boolean; onEdit: () => void; onCopy: () => void }) {
  const shared = useShared();
  return (
    <section aria-labelledby="pathway-heading" className={`${shared.card} ${shared.section}`} data-testid="pathway-details" data-pathway={keyOf(pathway)}>
      <h2 id="pathway-heading" className={shared.subheading}>
        {pathway.name}, version {pathway.version}{' '}
        {inUse && (
          <Badge appearance="tint" color="brand">
            Used for new enrolments
          </Badge>
        )}
      </h2>
      <p className={shared.muted}>
        Source: {pathway.source}. Completion window: {pathway.window.minMonths}–{pathway.window.maxMonths} months.
      </p>
      <DataTable
        label="Stage rules"
        caption={
          <>
            Stage rules of {pathway.name}, version {pathway.version}
          </>
        }
        rows={pathway.stages}
        rowKey={(s) => String(s.stage)}
        columns={[
          {
            header: 'Stage',
            rowHeader: true,
            cell: (s) => (
              <>
                {s.stage}. {s.name}
              </>
            ),
          },
          { header: 'Cycles', cell: (s) => s.cyclesRequired },
          { header: 'New clients', cell: (s) => s.newClientsRequired },
          { header: 'Supervision', cell: (s) => formatMinutes(s.supervisionMinutesRequired) },
          {
            header: 'Ends with',
            cell: (s) => (
              <>
                {meetingKindLabel[s.meeting.kind]} ({formatMinutes(s.meeting.minutes)})
              </>
            ),
          },
          { header: 'Expected', cell: (s) => <>{s.expectedMonths} months</> },
        ]}
      />
      <div className={shared.row} style={{ marginTop: tokens.spacingVerticalM }}>
        <Button onClick={onEdit} data-testid="pathway-edit">
          Edit as a new version
        </Button>
        <Button onClick={onCopy} data-testid="pathway-copy">
          Copy as a new pathway
        </Button>
      </div>
    </section>
  );
}

function PathwayEditor({ api, editing, onCancel, onSaved }: { api: Api; editing: Editing; onCancel: () => void; onSaved: (p: PathwayDefinition) => void }) {
  const styles = useStyles();
  const shared = useShared();
  const [d, setD] = useState<Draft>(editing.draft);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const setStage = (i: number, change: Partial<Draft['stages'][number]>): void => setD({ ...d, stages: d.stages.map((s, k) => (k === i ? { ...s, ...change } : s)) });

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api.savePathway({ ...d, stages: d.stages.map((s, i) => ({ ...s, stage: i + 1 })) }).then(
      (p) => {
        setBusy(false);
        onSaved(p);
      },
      (err: unknown) => {
        setBusy(false);
        setError(toApiError(err));
      },
    );
  };

  return (
    <section aria-labelledby="editor-heading" className={`${shared.card} ${shared.section}`} data-testid="pathway-editor">
      <h2 id="editor-heading" className={shared.subheading}>
        {editing.mode === 'edit' ? `New version of ${editing.draft.name}` : 'New pathway from a copy'}
      </h2>
      <form className={styles.form} onSubmit={submit} noValidate>
        <div className={styles.fields}>
          <Field label="Id" hint={editing.mode === 'edit' ? 'A new version keeps the pathway’s id.' : 'Lower-case letters, digits and hyphens.'}>
            <Input value={d.id} disabled={editing.mode === 'edit'} onChange={(_, v) => setD({ ...d, id: v.value })} data-testid="pathway-id" />
          </Field>
          <Field label="Name" required>
            <Input value={d.name} maxLength={120} onChange={(_, v) => setD({ ...d, name: v.value })} data-testid="pathway-name" />
          </Field>
          <Field label="Source" required>
            <Input value={d.source} maxLength={200} onChange={(_, v) => setD({ ...d, source: v.value })} />
          </Field>
          <WholeField label="Window opens (months)" value={d.window.minMonths} onChange={(n) => setD({ ...d, window: { ...d.window, minMonths: n } })} />
          <WholeField label="Window closes (months)" value={d.window.maxMonths} onChange={(n) => setD({ ...d, window: { ...d.window, maxMonths: n } })} />
        </div>
        <ol className={styles.stages}>
          {d.stages.map((s, i) => (
            <li key={i}>
              <fieldset className={styles.stage}>
                <legend className={styles.legend}>Stage {i + 1}</legend>
                <div className={styles.fields}>
                  <Field label="Name" required>
                    <Input value={s.name} maxLength={80} onChange={(_, v) => setStage(i, { name: v.value })} />
                  </Field>
                  <WholeField label="Cycles" value={s.cyclesRequired} onChange={(n) => setStage(i, { cyclesRequired: n })} testId={`stage-${i + 1}-cycles`} />
                  <WholeField label="New clients" value={s.newClientsRequired} onChange={(n) => setStage(i, { newClientsRequired: n })} />
                  <WholeField label="Supervision (minutes)" value={s.supervisionMinutesRequired} onChange={(n) => setStage(i, { supervisionMinutesRequired: n })} />
                  <Field label="Ends with">
                    <Select value={s.meeting.kind} onChange={(_, v) => setStage(i, { meeting: { ...s.meeting, kind: v.value === 'accreditation' ? 'accreditation' : 'transition' } })}>
                      <option value="transition">{meetingKindLabel.transition}</option>
                      <option value="accreditation">{meetingKindLabel.accreditation}</option>
                    </Select>
                  </Field>
                  <WholeField label="Meeting (minutes)" value={s.meeting.minutes} onChange={(n) => setStage(i, { meeting: { ...s.meeting, minutes: n } })} />
                  <WholeField label="Expected months" value={s.expectedMonths} onChange={(n) => setStage(i, { expectedMonths: n })} />
                </div>
                {d.stages.length > 1 && (
                  <Button appearance="subtle" onClick={() => setD({ ...d, stages: d.stages.filter((_, k) => k !== i) })}>
                    Remove stage {i + 1}
                  </Button>
                )}
              </fieldset>
            </li>
          ))}
        </ol>
        {d.stages.length < 10 && (
          <div>
            <Button
              onClick={() =>
                setD({
                  ...d,
                  stages: [...d.stages, { stage: d.stages.length + 1, name: `Stage ${d.stages.length + 1}`, cyclesRequired: 0, newClientsRequired: 0, supervisionMinutesRequired: 0, meeting: { kind: 'accreditation', minutes: 60 }, expectedMonths: 6 }],
                })
              }
            >
              Add a stage
            </Button>
          </div>
        )}
        {error && <ErrorPanel title="The pathway was not saved" error={error} />}
        <div className={shared.row}>
          <Button type="submit" appearance="primary" disabled={busy} data-testid="pathway-save">
            {editing.mode === 'edit' ? 'Save as a new version' : 'Save the new pathway'}
          </Button>
          <Button onClick={onCancel}>Cancel</Button>
        </div>
      </form>
    </section>
  );
}

function WholeField({ label, value, onChange, testId }: { label: string; value: number; onChange: (n: number) => void; testId?: string }) {
  return (
    <Field label={label}>
      <Input type="number" min={0} step={1} value={Number.isFinite(value) ? String(value) : ''} onChange={(_, v) => onChange(v.value.trim() === '' ? NaN : Number(v.value))} data-testid={testId} />
    </Field>
  );
}

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalM },
  fields: { display: 'grid', gap: tokens.spacingHorizontalM, gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 200px), 1fr))' },
  stages: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalM },
  stage: { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, margin: 0, minWidth: 0 },
  legend: { ...typographyStyles.body1Strong, padding: `0 ${tokens.spacingHorizontalXS}` },
});
