import * as z from 'zod';
import { PersonId } from './common';
import { StageMeetingKind } from './progress';

/** A service's settings, its pathways and the principle vocabulary: what a service admin sees and changes. */
export const LawfulBasis = z.enum(['consent', 'public_task'], { error: 'Lawful basis must be consent or public_task.' });
export type LawfulBasis = z.infer<typeof LawfulBasis>;

export const PathwayRef = z.object({ id: z.string(), version: z.number() });

export const ServiceSettings = z.object({
  id: z.string(),
  name: z.string(),
  lawfulBasis: LawfulBasis,
  retentionMonthsAfterEnd: z.number().describe('Clips are deleted this many months after a case ends.'),
  pathway: PathwayRef,
  vocabulary: PathwayRef.describe('The principle vocabulary (id and version) new tags are made with.'),
  admins: z.array(PersonId),
});
export type ServiceSettings = z.infer<typeof ServiceSettings>;

/** A principle's stable key; a service's vocabulary may add principles beyond the six published headings. */
export const PrincipleKey = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, { error: 'A principle key holds lower-case letters, digits and underscores.' });
export type PrincipleKey = z.infer<typeof PrincipleKey>;

export const PrincipleVocabulary = z.object({
  id: z.string(),
  version: z.number(),
  principles: z.array(z.object({ key: PrincipleKey, label: z.string(), elements: z.array(z.string()), retired: z.boolean().optional().describe('Kept so old tags read; not offered for new tags.') })),
});
export type PrincipleVocabulary = z.infer<typeof PrincipleVocabulary>;

export const StageRule = z.object({
  stage: z.number(),
  name: z.string(),
  cyclesRequired: z.number(),
  newClientsRequired: z.number(),
  supervisionMinutesRequired: z.number(),
  meeting: z.object({ kind: StageMeetingKind, minutes: z.number() }),
  expectedMonths: z.number(),
});
export type StageRule = z.infer<typeof StageRule>;

export const PathwayDefinition = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  source: z.string(),
  stages: z.array(StageRule),
  window: z.object({ minMonths: z.number(), maxMonths: z.number() }).describe('The accreditation window, in months from the start.'),
});
export type PathwayDefinition = z.infer<typeof PathwayDefinition>;

export const ServiceView = z.object({
  service: ServiceSettings,
  etag: z.string().describe('Send it back as If-Match with a change.'),
  pathways: z.array(PathwayDefinition),
  vocabulary: PrincipleVocabulary.describe('The vocabulary the service tags with now.'),
  vocabularies: z.array(PrincipleVocabulary).describe('Every version, built-in and saved, by id then version.'),
});
export type ServiceView = z.infer<typeof ServiceView>;

export const ServiceSettingsChange = z.object({
  lawfulBasis: LawfulBasis,
  retentionMonthsAfterEnd: z
    .number({ error: 'Retention must be a whole number of months from 0 to 360.' })
    .int({ error: 'Retention must be a whole number of months from 0 to 360.' })
    .min(0, { error: 'Retention must be a whole number of months from 0 to 360.' })
    .max(360, { error: 'Retention must be a whole number of months from 0 to 360.' }),
  pathway: z.object(
    {
      id: z.string({ error: 'Choose a pathway and version.' }).regex(/^[a-z0-9-]{1,60}$/, { error: 'Choose a pathway and version.' }),
      version: z.number({ error: 'Choose a pathway and version.' }).int({ error: 'Choose a pathway and version.' }).min(1, { error: 'Choose a pathway and version.' }),
    },
    { error: 'Choose a pathway and version.' },
  ),
});
export type ServiceSettingsChange = z.infer<typeof ServiceSettingsChange>;

/** A whole number, for the pathway's counts: 0 or more is the pathway's own rule (it says which stage is wrong). */
const count = (what: string) => z.number({ error: `${what} must be a whole number of 0 or more.` }).int({ error: `${what} must be a whole number of 0 or more.` }).max(600, { error: `${what} can be at most 600.` });
const text = (name: string, max: number) =>
  z
    .string({ error: `${name} is required (at most ${max} characters).` })
    .trim()
    .min(1, { error: `${name} is required (at most ${max} characters).` })
    .max(max, { error: `${name} is required (at most ${max} characters).` });

/** An edited pathway, saved as a new version (the server numbers it; a version sent is ignored). */
export const PathwayDraft = z.object({
  id: text('Id', 60).regex(/^[a-z0-9-]+$/, { error: 'Id may hold lower-case letters, digits and hyphens only.' }),
  name: text('Name', 120),
  source: text('Source', 200),
  window: z.object(
    { minMonths: count('The window').min(0, { error: 'The window needs whole numbers of months.' }), maxMonths: count('The window').min(0, { error: 'The window needs whole numbers of months.' }) },
    { error: 'The window needs whole numbers of months.' },
  ),
  stages: z
    .array(
      z.object(
        {
          stage: count('The stage number'),
          name: text('The stage name', 80),
          cyclesRequired: count('Cycles'),
          newClientsRequired: count('New clients'),
          supervisionMinutesRequired: count('Supervision minutes'),
          meeting: z.object(
            { kind: z.enum(['transition', 'accreditation'], { error: 'The meeting must be a transition or accreditation meeting.' }), minutes: count('Meeting minutes') },
            { error: 'The meeting must be a transition or accreditation meeting.' },
          ),
          expectedMonths: count('Expected months'),
        },
        { error: 'Each stage needs its name, counts and meeting.' },
      ),
      { error: 'Give the pathway its stages.' },
    )
    .max(10, { error: 'A pathway has at most 10 stages.' }),
});
export type PathwayDraft = z.infer<typeof PathwayDraft>;
export const SavedPathway = z.object({ pathway: PathwayDefinition });

/** An edited vocabulary, saved as its next version and published (the server numbers it). */
export const VocabularyDraft = z.object({
  id: text('Id', 60).regex(/^[a-z0-9-]+$/, { error: 'Id may hold lower-case letters, digits and hyphens only.' }),
  principles: z
    .array(
      z.object(
        {
          key: PrincipleKey,
          label: text('Each principle’s name', 80),
          elements: z.array(text('Each element', 200), { error: 'Give each principle its elements (a list, possibly empty).' }).max(12, { error: 'A principle has at most 12 elements.' }),
          retired: z.boolean({ error: 'Retired is true or false.' }).optional(),
        },
        { error: 'Each principle needs a key, a name and its elements.' },
      ),
      { error: 'Give the vocabulary its principles.' },
    )
    .min(1, { error: 'Give the vocabulary its principles.' })
    .max(20, { error: 'A vocabulary has at most 20 principles.' }),
});
export type VocabularyDraft = z.infer<typeof VocabularyDraft>;
export const PublishedVocabulary = z.object({ vocabulary: PrincipleVocabulary });

/** Which principles a trainee's moments show, month by month; counts are in `principles` order. */
export const PrincipleReport = z.object({
  principles: z.array(z.object({ key: PrincipleKey, label: z.string(), retired: z.boolean() })),
  months: z.array(z.object({ month: z.string().describe('YYYY-MM (UTC)'), moments: z.number(), counts: z.array(z.number()) })),
  totals: z.array(z.number()),
  moments: z.number(),
});
export type PrincipleReport = z.infer<typeof PrincipleReport>;
