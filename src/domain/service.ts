import type { PathwayRef } from './pathway';
import type { PersonId } from './people';
import type { VocabularyRef } from './principles';

export type LawfulBasis = 'consent' | 'public_task';

/** A VIG service's own settings: the lawful basis it films under, how long clips are kept, its pathway for new enrolments. */
export interface ServiceSettings extends ServiceGovernanceSettings {
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

/** The default months after end of involvement that clips, stills, moments and comments are kept (a published VIG consent form's promise). */
export const defaultVideoRetentionMonths = 2;

/**
 * The default months after end of involvement that a case's pseudonymised training records (the case code and
 * consent, its cycles, the free text of supervision records that discussed it) and outcome scores are kept:
 * six years, a common social-care schedule. A service sets its own (`recordRetentionMonthsAfterEnd`).
 */
export const defaultRecordRetentionMonths = 72;

/**
 * Settings added after the first release, read through these so a service stored before them gets the default.
 * (Kept apart from `ServiceSettings` so that other changes to it merge cleanly.)
 */
export interface ServiceGovernanceSettings {
  /** Months after end of involvement that pseudonymised training records and outcome scores are kept (default 72). */
  readonly recordRetentionMonthsAfterEnd?: number;
}

/** How long a service keeps video (clips, stills, moments, comments) and pseudonymised records after end of involvement. */
export function retentionSchedule(settings: Pick<ServiceSettings, 'retentionMonthsAfterEnd'> & ServiceGovernanceSettings): { readonly videoMonths: number; readonly recordMonths: number } {
  const videoMonths = settings.retentionMonthsAfterEnd ?? defaultVideoRetentionMonths;
  return { videoMonths, recordMonths: Math.max(videoMonths, settings.recordRetentionMonthsAfterEnd ?? defaultRecordRetentionMonths) };
}

/** What each lawful basis is, in the words of UK GDPR, for the data map and DPIA. */
export const lawfulBasisWording: Readonly<Record<LawfulBasis, string>> = {
  consent: 'Consent: UK GDPR Art 6(1)(a), with explicit consent under Art 9(2)(a) for special-category data',
  public_task: 'Public task: UK GDPR Art 6(1)(e), with Art 9(2)(h) or (g) and DPA 2018 Sch 1 for special-category data',
};
