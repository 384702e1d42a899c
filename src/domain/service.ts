import type { PathwayRef } from './pathway';
import type { PersonId } from './people';
import type { VocabularyRef } from './principles';

export type LawfulBasis = 'consent' | 'public_task';

/** A VIG service's own settings: the lawful basis it films under, how long clips are kept, its pathway for new enrolments. */
export interface ServiceSettings {
  readonly id: string;
  readonly name: string;
  readonly lawfulBasis: LawfulBasis;
  /** Clips are deleted this many months after a case's end of involvement (default 2). */
  readonly retentionMonthsAfterEnd: number;
  readonly pathway: PathwayRef;
  /** The principle vocabulary new tags are made with; absent on services saved before vocabularies were editable (the built-in one). */
  readonly vocabulary?: VocabularyRef;
  readonly admins: readonly PersonId[];
}
