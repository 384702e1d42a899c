import { AttuneError } from '../domain/errors';
import { pathwayProblems, type PathwayDefinition } from '../domain/pathway';
import type { PrincipleVocabulary } from '../domain/principles';
import type { LawfulBasis, ServiceSettings } from '../domain/service';
import { audit } from './authorise';
import type { AppDeps } from './deps';
import type { Actor } from './people';
import { listVocabularies, vocabularyInForce } from './vocabulary';

export interface ServiceView {
  readonly service: ServiceSettings;
  readonly etag: string;
  readonly pathways: readonly PathwayDefinition[];
  /** The vocabulary the service tags with now. */
  readonly vocabulary: PrincipleVocabulary;
  /** Every version (built-in and saved), by id then version: what a copy or an edit starts from. */
  readonly vocabularies: readonly PrincipleVocabulary[];
}

/** The service an admin administers (the first one listing them as an admin); anyone else gets not_found. */
async function adminService(deps: AppDeps, actor: Actor): Promise<{ value: ServiceSettings; etag: string }> {
  const services = await deps.store.services.list('service');
  const mine = services.find((s) => s.value.admins.includes(actor.person.id));
  if (!mine) throw new AttuneError('not_found', 'Not found.');
  return mine;
}

/** Refuses anyone but a service admin (not_found, as for a missing service): before a route reads their change. */
export async function assertServiceAdmin(deps: AppDeps, actor: Actor): Promise<void> {
  await adminService(deps, actor);
}

export async function viewServiceSettings(deps: AppDeps, actor: Actor): Promise<ServiceView> {
  const service = await adminService(deps, actor);
  const pathways = (await deps.store.pathways.list()).map((p) => p.value).sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
  const [vocabulary, vocabularies] = await Promise.all([vocabularyInForce(deps, { serviceId: service.value.id }), listVocabularies(deps)]);
  return { service: service.value, etag: service.etag, pathways, vocabulary, vocabularies };
}

export interface ServiceSettingsChange {
  readonly lawfulBasis: LawfulBasis;
  readonly retentionMonthsAfterEnd: number;
  readonly pathway: { readonly id: string; readonly version: number };
}

/** Lawful basis, retention and the pathway new enrolments use; a stale ETag is a conflict, never an overwrite. */
/** The change arrives read by the HTTP contract (shape and bounds); this checks the pathway exists and the version is current. */
export async function changeServiceSettings(deps: AppDeps, input: { actor: Actor; change: ServiceSettingsChange; etag: string | null }): Promise<ServiceView> {
  const current = await adminService(deps, input.actor);
  if (!input.etag) throw new AttuneError('invalid_input', 'Send the settings version you edited (If-Match), so a newer change is never overwritten.');
  const change: ServiceSettingsChange = { lawfulBasis: input.change.lawfulBasis, retentionMonthsAfterEnd: input.change.retentionMonthsAfterEnd, pathway: { id: input.change.pathway.id, version: input.change.pathway.version } };
  const pathway = await deps.store.pathways.get({ partition: change.pathway.id, id: String(change.pathway.version).padStart(6, '0') });
  if (!pathway) throw new AttuneError('invalid_input', 'That pathway version does not exist.');
  await deps.store.services.replace({ ...current.value, ...change }, input.etag);
  await audit(deps, { actor: input.actor, action: 'change_service_settings', object: { kind: 'service', id: current.value.id }, purpose: 'service configuration' });
  return viewServiceSettings(deps, input.actor);
}

/**
 * Saves an edited pathway as a new version: the same id gets the next version number (editing), a new id
 * starts at version 1 (copying a preset). Existing enrolments keep the version they started on.
 */
export async function savePathwayVersion(deps: AppDeps, input: { actor: Actor; definition: Omit<PathwayDefinition, 'version'> }): Promise<PathwayDefinition> {
  await adminService(deps, input.actor);
  const d = input.definition;
  const draft: Omit<PathwayDefinition, 'version'> = { id: d.id, name: d.name, source: d.source, window: { minMonths: d.window.minMonths, maxMonths: d.window.maxMonths }, stages: d.stages.map((s) => ({ ...s, meeting: { kind: s.meeting.kind, minutes: s.meeting.minutes } })) };
  const existing = await deps.store.pathways.list(draft.id);
  const version = existing.reduce((max, p) => Math.max(max, p.value.version), 0) + 1;
  const definition: PathwayDefinition = { ...draft, version };
  const problems = pathwayProblems(definition);
  if (problems.length) throw new AttuneError('invalid_input', 'The pathway needs attention.', problems);
  await deps.store.pathways.create(definition);
  await audit(deps, { actor: input.actor, action: 'save_pathway_version', object: { kind: 'pathway', id: `${definition.id}@${version}` }, purpose: 'service configuration' });
  return definition;
}
