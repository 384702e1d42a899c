import type { IsoDate } from './dates';
import type { PathwayRef, StageMeetingKind } from './pathway';
import type { PersonId } from './people';
import type { LawfulBasis } from './service';

// A trainee's practice: enrolment, cases and consent, cycles, supervision sessions, stage meetings.

/** Trainee, supervisor and line manager on one pathway version from a start date. */
export interface Enrolment {
  readonly id: string;
  readonly serviceId: string;
  readonly traineeId: PersonId;
  readonly supervisorId: PersonId;
  readonly lineManagerId: PersonId;
  readonly pathway: PathwayRef;
  readonly startedOn: IsoDate;
}

export type ConsentScope = 'filming' | 'supervisor_viewing' | 'peer_intervision' | 'training_use';
export const consentScopes: readonly ConsentScope[] = ['filming', 'supervisor_viewing', 'peer_intervision', 'training_use'];

export interface ConsentDecision {
  readonly granted: boolean;
  readonly recordedAt: string;
}

/**
 * One version of a case's consent: the whole set of scopes as it stood after a change, who recorded it and
 * when, and when it is next to be reviewed with the family. Versions are never edited, only added to.
 */
export interface ConsentVersion {
  readonly version: number;
  readonly recordedAt: string;
  /** Null for the first version of a case recorded before versions named who recorded them. */
  readonly recordedBy: PersonId | null;
  readonly scopes: Readonly<Record<ConsentScope, boolean>>;
  readonly reviewOn: IsoDate | null;
}

/** Who recorded a case's end of involvement, and when (it starts the retention clock). */
export interface InvolvementEnd {
  readonly recordedAt: string;
  readonly recordedBy: PersonId;
}

/** One family or client, known only by a pseudonymous code. */
export interface Case {
  readonly id: string;
  readonly enrolmentId: string;
  readonly code: string;
  readonly lawfulBasis: LawfulBasis;
  /** The consent in force now, scope by scope (the latest version of `consentHistory`). */
  readonly consent: Readonly<Record<ConsentScope, ConsentDecision>>;
  /** The version of `consent` in force; absent on a case whose consent never changed (version 1). */
  readonly consentVersion?: number;
  /** When the family's consent is next to be reviewed with them; absent when none is set. */
  readonly consentReviewOn?: IsoDate;
  /** Every version of the consent, oldest first; absent until the first change (then version 1 is the case's first). */
  readonly consentHistory?: readonly ConsentVersion[];
  readonly openedOn: IsoDate;
  /** The day the service's involvement with the family ended: clips are deleted a retention period after it. */
  readonly endOfInvolvement?: IsoDate;
  /** Set by a service admin (an information-governance decision): nothing of the case is deleted while it is set. */
  readonly legalHold?: boolean;
  readonly endOfInvolvementRecorded?: InvolvementEnd;
}

/** Filming and a shared review of the moments; complete once the shared review has happened. */
export interface Cycle {
  readonly id: string;
  readonly enrolmentId: string;
  readonly caseId: string;
  readonly filmedOn: IsoDate;
  readonly sharedReviewOn?: IsoDate;
}

export type SupervisionMode = 'in_person' | 'teams';

export interface SupervisionSession {
  readonly id: string;
  readonly enrolmentId: string;
  readonly heldOn: IsoDate;
  readonly minutes: number;
  readonly mode: SupervisionMode;
  readonly caseIds: readonly string[];
  readonly clipIds: readonly string[];
}

/** A transition or accreditation meeting with the external supervisor; a stage ends when it is signed off. */
export interface StageMeeting {
  readonly id: string;
  readonly enrolmentId: string;
  readonly stage: number;
  readonly kind: StageMeetingKind;
  readonly heldOn: IsoDate;
  readonly minutes: number;
  /** Set when the external supervisor signed the meeting in Attune themselves (their sign-off ends the stage). */
  readonly externalSupervisorId?: PersonId;
  readonly outcome: 'signed_off' | 'not_yet';
  /**
   * Recorded by the supervisor while an external supervisor is invited to the stage's meeting: the sign-off is
   * the external supervisor's, so this record never ends the stage (its outcome is `not_yet`); it keeps what the
   * supervisor recommended.
   */
  readonly awaitingExternalSignOff?: { readonly recommended: 'signed_off' | 'not_yet' };
}

/** Everything about one enrolment that progress is computed from. */
export interface PracticeRecords {
  readonly cases: readonly Case[];
  readonly cycles: readonly Cycle[];
  readonly supervision: readonly SupervisionSession[];
  readonly meetings: readonly StageMeeting[];
}

export const noRecords: PracticeRecords = { cases: [], cycles: [], supervision: [], meetings: [] };
