import type { TableClient } from '@azure/data-tables';
import type { CaseKeys } from '../../ports/case-keys';
import type { KeyWrapper } from '../../ports/key-wrapping';
import { TableCaseKeys } from './table-case-keys';

/** The table of wrapped per-case data keys (and tombstones of shredded ones), created if missing. */
export const caseKeysTable = 'casekeys';

export async function openCaseKeys(options: { clientFor: (table: string) => TableClient; wrapper: KeyWrapper; prefix?: string }): Promise<CaseKeys> {
  return TableCaseKeys.open({ table: options.clientFor(`${options.prefix ?? 'attune'}${caseKeysTable}`), wrapper: options.wrapper });
}
