import type { Request, Response, Server } from 'restify';
import type { ContractView } from '../../app/contracts/contract-view';
import { declineContract, signContract } from '../../app/contracts/sign-contract';
import { startContract } from '../../app/contracts/start-contract';
import { myContracts } from '../../app/contracts/my-contracts';
import type { AppDeps } from '../../app/deps';
import type { Actor } from '../../app/people';
import type { ContractTerms } from '../../domain/contract';
import { AttuneError } from '../../domain/errors';
import type { Outcome } from '../../domain/submission';

type Route = (fn: (req: Request) => Promise<{ status?: number; body: unknown }>) => (req: Request, res: Response) => Promise<void>;

/**
 * The three-way VIG contract in the tab: the contracts a person is a party to, a trainee sending their first
 * one for signature, and signing or (line manager) declining with a reason. The use cases authorise.
 */
export function mountTabContractRoutes(server: Server, o: { app: AppDeps; route: Route; caller: (req: Request) => Promise<Actor> }): void {
  server.get('/api/me/contracts', o.route(async (req) => {
    const actor = await o.caller(req);
    const { views, canStart } = await myContracts(o.app, { actor });
    return { body: { contracts: views.map(encode), canStart } };
  }));
  server.post('/api/me/contracts', o.route(async (req) => {
    const actor = await o.caller(req);
    const outcome = await startContract(o.app, { actor, terms: termsFrom(req.body) });
    return { status: outcome.kind === 'changed' ? 201 : 200, body: encodeOutcome(outcome) };
  }));
  server.post('/api/enrolments/:enrolmentId/contract/sign', o.route(async (req) => {
    const actor = await o.caller(req);
    return { body: encodeOutcome(await signContract(o.app, { actor, enrolmentId: param(req, 'enrolmentId'), version: versionFrom(req.body) })) };
  }));
  server.post('/api/enrolments/:enrolmentId/contract/decline', o.route(async (req) => {
    const actor = await o.caller(req);
    const b = record(req.body);
    if (typeof b.reason !== 'string' || !b.reason.trim()) throw new AttuneError('invalid_input', 'Please give a reason for declining.', ['reason']);
    if (b.reason.length > 1000) throw new AttuneError('invalid_input', 'Keep the reason to 1000 characters.', ['reason']);
    return { body: encodeOutcome(await declineContract(o.app, { actor, enrolmentId: param(req, 'enrolmentId'), version: versionFrom(req.body), reason: b.reason })) };
  }));
}

const param = (req: Request, name: string): string => {
  const v: unknown = (req.params as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
};
const record = (body: unknown): Record<string, unknown> => (typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {});

/** What the tab shows: the bot's channel ids stay with the bot. */
function encode(v: ContractView): Omit<ContractView, 'channelUserIds'> {
  const { channelUserIds: _ignored, ...rest } = v;
  return rest;
}

function encodeOutcome(outcome: Outcome<ContractView>): unknown {
  return { contract: encode(outcome.value), outcome: outcome.kind, ...(outcome.kind === 'unchanged' ? { why: outcome.why } : {}) };
}

function versionFrom(body: unknown): number {
  const v = record(body).version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 10_000) throw new AttuneError('invalid_input', 'Send the version of the contract you read.', ['version']);
  return v;
}

/** Types only: the use case checks the values and says what needs changing. */
function termsFrom(body: unknown): ContractTerms {
  const t = record(record(body).terms);
  const problems: string[] = [];
  const text = (key: keyof ContractTerms): string => {
    const v = t[key];
    if (typeof v !== 'string' || v.length > 10_000) problems.push(`${key}: text.`);
    return typeof v === 'string' ? v : '';
  };
  const whole = (key: keyof ContractTerms): number => {
    const v = t[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${key}: a whole number.`);
    return typeof v === 'number' ? v : 0;
  };
  const terms: ContractTerms = {
    startsOn: text('startsOn'),
    expectedMonths: whole('expectedMonths'),
    protectedMinutesPerWeek: whole('protectedMinutesPerWeek'),
    caseAccess: text('caseAccess'),
    supervisionArrangements: text('supervisionArrangements'),
    equipmentAndStorage: text('equipmentAndStorage'),
    informationGovernance: text('informationGovernance'),
    avigukRegistration: t.avigukRegistration === true,
    changeOfRole: text('changeOfRole'),
  };
  if (typeof t.avigukRegistration !== 'boolean') problems.push('avigukRegistration: true or false.');
  if (problems.length) throw new AttuneError('invalid_input', 'The contract could not be read.', problems);
  return terms;
}
