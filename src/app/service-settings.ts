import { AttuneError } from '../domain/errors';
import { pathwayProblems, type PathwayDefinition, type StageRule } from '../domain/pathway';
import { defaultVocabulary, type PrincipleVocabulary } from '../domain/principles';
import type { LawfulBasis, ServiceSettings } from '../domain/service';
import { audit } from './authorise';
import type { AppDeps } from './deps';
import type { Actor } from './people';

export interface ServiceView {
  readonly service: ServiceSettings;
  readonly etag: string;
  readonly pathways: readonly PathwayDefinition[];
  readonly vocabulary: PrincipleVocabulary;
}

/** The service an admin administers (the first one listing them as an admin); anyone else gets not_found. */
async function adminService(deps: AppDeps, actor: Actor): Promise<{ value: ServiceSettings; etag: string }> {
  const services = await deps.store.services.list('service');
  const mine = services.find((s) => s.value.admins.includes(actor.person.id));
  if (!mine) throw new AttuneError('not_found', 'Not found.');
  return mine;
}

export async function viewServiceSettings(deps: AppDeps, actor: Actor): Promise<ServiceView> {
  const service = await adminService(deps, actor);
  const pathways = (await deps.store.pathways.list()).map((p) => p.value).sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
  return { service: service.value, etag: service.etag, pathways, vocabulary: defaultVocabulary };
}

export interface ServiceSettingsChange {
  readonly lawfulBasis: LawfulBasis;
  readonly retentionMonthsAfterEnd: number;
  readonly pathway: { readonly id: string; readonly version: number };
}

/** Lawful basis, retention and the pathway new enrolments use; a stale ETag is a conflict, never an overwrite. */
export async function changeServiceSettings(deps: AppDeps, input: { actor: Actor; change: unknown; etag: string | null }): Promise<ServiceView> {
  const current = await adminService(deps, input.actor);
  if (!input.etag) throw new AttuneError('invalid_input', 'Send the settings version you edited (If-Match), so a newer change is never overwritten.');
  const change = parseSettingsChange(input.change);
  const pathway = await deps.store.pathways.get({ partition: change.pathway.id, id: String(change.pathway.version).padStart(6, '0') });
  if (!pathway) throw new AttuneError('invalid_input', 'That pathway version does not exist.');
  await deps.store.services.replace({ ...current.value, ...change }, input.etag);
  await audit(deps, { actor: input.actor, action: 'change_service_settings', object: { kind: 'service', id: current.value.id }, purpose: 'service configuration' });
  return viewServiceSettings(deps, input.actor);
}

function parseSettingsChange(body: unknown): ServiceSettingsChange {
  const problems: string[] = [];
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const lawfulBasis = b.lawfulBasis;
  if (lawfulBasis !== 'consent' && lawfulBasis !== 'public_task') problems.push('Lawful basis must be consent or public_task.');
  const retention = b.retentionMonthsAfterEnd;
  if (typeof retention !== 'number' || !Number.isInteger(retention) || retention < 0 || retention > 360) problems.push('Retention must be a whole number of months from 0 to 360.');
  const p = (typeof b.pathway === 'object' && b.pathway !== null ? b.pathway : {}) as Record<string, unknown>;
  if (typeof p.id !== 'string' || !/^[a-z0-9-]{1,60}$/.test(p.id) || typeof p.version !== 'number' || !Number.isInteger(p.version) || p.version < 1) problems.push('Choose a pathway and version.');
  if (problems.length) throw new AttuneError('invalid_input', 'The settings need attention.', problems);
  return { lawfulBasis: lawfulBasis as LawfulBasis, retentionMonthsAfterEnd: retention as number, pathway: { id: p.id as string, version: p.version as number } };
}

/**
 * Saves an edited pathway as a new version: the same id gets the next version number (editing), a new id
 * starts at version 1 (copying a preset). Existing enrolments keep the version they started on.
 */
export async function savePathwayVersion(deps: AppDeps, input: { actor: Actor; definition: unknown }): Promise<PathwayDefinition> {
  await adminService(deps, input.actor);
  const draft = parsePathway(input.definition);
  const existing = await deps.store.pathways.list(draft.id);
  const version = existing.reduce((max, p) => Math.max(max, p.value.version), 0) + 1;
  const definition: PathwayDefinition = { ...draft, version };
  const problems = pathwayProblems(definition);
  if (problems.length) throw new AttuneError('invalid_input', 'The pathway needs attention.', problems);
  await deps.store.pathways.create(definition);
  await audit(deps, { actor: input.actor, action: 'save_pathway_version', object: { kind: 'pathway', id: `${definition.id}@${version}` }, purpose: 'service configuration' });
  return definition;
}

function parsePathway(body: unknown): Omit<PathwayDefinition, 'version'> {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const text = (v: unknown, name: string, max: number): string => {
    if (typeof v !== 'string' || !v.trim() || v.length > max) {
      problems.push(`${name} is required (at most ${max} characters).`);
      return '';
    }
    return v.trim();
  };
  const id = text(b.id, 'Id', 60);
  if (id && !/^[a-z0-9-]+$/.test(id)) problems.push('Id may hold lower-case letters, digits and hyphens only.');
  const name = text(b.name, 'Name', 120);
  const source = text(b.source, 'Source', 200);
  const w = (typeof b.window === 'object' && b.window !== null ? b.window : {}) as Record<string, unknown>;
  const whole = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 600 ? v : NaN);
  const window = { minMonths: whole(w.minMonths), maxMonths: whole(w.maxMonths) };
  if (Number.isNaN(window.minMonths) || Number.isNaN(window.maxMonths)) problems.push('The window needs whole numbers of months.');
  const stagesIn = Array.isArray(b.stages) ? (b.stages as unknown[]) : [];
  if (stagesIn.length > 10) problems.push('A pathway has at most 10 stages.');
  const stages: StageRule[] = stagesIn.slice(0, 10).map((raw, i) => {
    const s = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const meeting = (typeof s.meeting === 'object' && s.meeting !== null ? s.meeting : {}) as Record<string, unknown>;
    const kind = meeting.kind === 'accreditation' ? 'accreditation' : meeting.kind === 'transition' ? 'transition' : null;
    if (!kind) problems.push(`Stage ${i + 1}: the meeting must be a transition or accreditation meeting.`);
    return {
      stage: whole(s.stage),
      name: text(s.name, `Stage ${i + 1} name`, 80),
      cyclesRequired: whole(s.cyclesRequired),
      newClientsRequired: whole(s.newClientsRequired),
      supervisionMinutesRequired: whole(s.supervisionMinutesRequired),
      meeting: { kind: kind ?? 'transition', minutes: whole(meeting.minutes) },
      expectedMonths: whole(s.expectedMonths),
    };
  });
  if (problems.length) throw new AttuneError('invalid_input', 'The pathway needs attention.', problems);
  return { id, name, source, window, stages };
}
