import { AttuneError } from '../domain/errors';
import { principleReport, type PrincipleReport } from '../domain/principle-report';
import { defaultVocabulary, findVocabulary, nextVocabulary, vocabularyCatalogue, vocabularyProblems, type PrincipleVocabulary, type VocabularyDraft } from '../domain/principles';
import type { ServiceSettings } from '../domain/service';
import { audit, authorise, findEnrolment } from './authorise';
import type { ClipDeps } from './clips/deps';
import type { AppDeps } from './deps';
import type { Actor, Caller } from './people';

/**
 * The principle vocabulary as a service's versioned data (like pathways): the built-in version is always there;
 * an admin saves an edited copy as a new version and publishes it, and from then on new tags are made with it.
 * Tags keep the version they were made with, so every version ever published stays readable.
 */

/** Every version a tag may name: the built-in one and all saved ones. */
export async function listVocabularies(deps: AppDeps): Promise<PrincipleVocabulary[]> {
  return vocabularyCatalogue((await deps.store.vocabularies.list()).map((v) => v.value));
}

const inForceOf = (catalogue: readonly PrincipleVocabulary[], service: ServiceSettings | null): PrincipleVocabulary => (service?.vocabulary ? findVocabulary(catalogue, service.vocabulary) : null) ?? defaultVocabulary;

/**
 * The vocabulary new tags are made with: the given service's, or (before sign-in, for `/api/config`) the
 * service's of this deployment — the first by id when there are several. Before any service publishes one, the built-in one.
 */
export async function vocabularyInForce(deps: AppDeps, input: { serviceId?: string } = {}): Promise<PrincipleVocabulary> {
  const [catalogue, service] = await Promise.all([listVocabularies(deps), serviceOf(deps, input.serviceId)]);
  return inForceOf(catalogue, service);
}

async function serviceOf(deps: AppDeps, serviceId: string | undefined): Promise<ServiceSettings | null> {
  if (serviceId !== undefined) return (await deps.store.services.get({ partition: 'service', id: serviceId }))?.value ?? null;
  const all = (await deps.store.services.list('service')).map((s) => s.value).sort((a, b) => a.id.localeCompare(b.id));
  return all[0] ?? null;
}

/** The vocabulary an enrolment's new tags are made with (its service's); an unknown enrolment gets the deployment's. */
export async function vocabularyForEnrolment(deps: AppDeps, enrolmentId: string): Promise<PrincipleVocabulary> {
  const enrolment = await findEnrolment(deps, enrolmentId);
  return vocabularyInForce(deps, enrolment ? { serviceId: enrolment.serviceId } : {});
}

/**
 * Saves a draft as the next version of its id (a new id starts at 1: a copy) and publishes it: the admin's service
 * makes new tags with it from now on. A principle of the previous version may be renamed or retired, not dropped.
 */
export async function publishVocabulary(deps: AppDeps, input: { actor: Actor; draft: VocabularyDraft }): Promise<PrincipleVocabulary> {
  const services = await deps.store.services.list('service');
  const service = services.find((s) => s.value.admins.includes(input.actor.person.id));
  if (!service) throw new AttuneError('not_found', 'Not found.');
  const saved = (await deps.store.vocabularies.list(input.draft.id)).map((v) => v.value);
  const previous = vocabularyCatalogue(saved).filter((v) => v.id === input.draft.id).pop() ?? null;
  const problems = vocabularyProblems(input.draft, previous);
  if (problems.length) throw new AttuneError('invalid_input', 'The vocabulary needs attention.', problems);
  const vocabulary = nextVocabulary(input.draft, previous);
  // Two admins saving at once: the second create finds the row taken and is a conflict, never an overwrite.
  await deps.store.vocabularies.create(vocabulary);
  await deps.store.services.replace({ ...service.value, vocabulary: { id: vocabulary.id, version: vocabulary.version } }, service.etag);
  await audit(deps, { actor: input.actor, action: 'publish_vocabulary', object: { kind: 'vocabulary', id: `${vocabulary.id}@${vocabulary.version}` }, purpose: 'service configuration' });
  return vocabulary;
}

/** Which principles the trainee's moments show, month by month (the trainee and their supervisor). */
export async function viewPrincipleReport(deps: AppDeps & Pick<ClipDeps, 'clips'>, input: { actor: Caller; enrolmentId: string }): Promise<PrincipleReport> {
  const enrolment = await authorise(deps, { actor: input.actor, enrolmentId: input.enrolmentId, action: 'view_practice' });
  const [catalogue, service, clips] = await Promise.all([listVocabularies(deps), serviceOf(deps, enrolment.serviceId), deps.clips.clips.list(enrolment.id)]);
  const moments = (await Promise.all(clips.map(async (c) => (await deps.clips.moments.list(c.value.id)).map((m) => m.value)))).flat();
  return principleReport({ moments: moments.filter((m) => m.enrolmentId === enrolment.id), inForce: inForceOf(catalogue, service), catalogue });
}
