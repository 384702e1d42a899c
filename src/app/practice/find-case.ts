import { normaliseCaseCode } from '../../domain/case-code';
import { AttuneError } from '../../domain/errors';
import type { Case } from '../../domain/practice';
import type { AppDeps } from '../deps';

/** A case of this enrolment, by its id (from a form) or its code (typed). Anything else is not found. */
export type CaseRef = { readonly caseId: string } | { readonly code: string };

export async function findCase(deps: AppDeps, input: { enrolmentId: string; ref: CaseRef; label: string }): Promise<Case> {
  const cases = (await deps.store.cases.list(input.enrolmentId)).map((c) => c.value);
  if ('caseId' in input.ref) {
    const { caseId } = input.ref;
    const found = cases.find((c) => c.id === caseId);
    if (!found) throw new AttuneError('invalid_input', 'Please check the case.', [`${input.label}: choose one of your cases.`]);
    return found;
  }
  const code = normaliseCaseCode(input.ref.code);
  const found = cases.find((c) => c.code === code);
  if (!found) throw new AttuneError('invalid_input', 'Please check the case.', [`${input.label}: you have no case with that code. Record it first with log case.`]);
  return found;
}
