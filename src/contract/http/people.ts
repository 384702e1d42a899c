import * as z from 'zod';
import { Instant, PersonId, Role } from './common';
import { PrincipleVocabulary } from './service';

/** Who is asking, the tab's start-up configuration and the development sign-in. */
export const TabConfig = z.object({
  devSignIn: z.boolean().describe('True when development sign-in is on (never in production).'),
  clientId: z.string().nullable().describe('The tab SSO app, when configured.'),
  consent: z
    .object({ authorityHost: z.string(), scopes: z.array(z.string()) })
    .nullable()
    .describe("Where the tab's consent page asks the person for the delegated permissions Attune uses on their behalf; null without a tab SSO app."),
  vocabulary: PrincipleVocabulary.describe('The principle vocabulary tags are made with now.'),
  vocabularies: z.array(PrincipleVocabulary).describe('Every version a tag may name, so each tag reads by the version it was made with.'),
  zone: z.string().describe('The service’s time zone (IANA): meetings are shown on its clock.'),
});
export type TabConfig = z.infer<typeof TabConfig>;

export const Me = z.object({ id: PersonId, displayName: z.string(), roles: z.array(Role) });
export type Me = z.infer<typeof Me>;

export const DemoPerson = z.object({ id: PersonId, displayName: z.string(), roles: z.array(Role) });
export type DemoPerson = z.infer<typeof DemoPerson>;
export const DemoPeople = z.object({ people: z.array(DemoPerson) });

export const DevSignIn = z.object(
  { personId: z.string({ error: 'Choose a demo person to sign in as.' }).max(200, { error: 'Choose a demo person to sign in as.' }) },
  { error: 'Choose a demo person to sign in as.' },
);
export type DevSignIn = z.infer<typeof DevSignIn>;

export const DevToken = z.object({ token: z.string(), expiresAt: Instant });
export type DevToken = z.infer<typeof DevToken>;

/** The development issuer's signing keys, where Entra publishes a tenant's. */
export const Jwks = z.object({ keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().optional() })) });
export type Jwks = z.infer<typeof Jwks>;

export const Health = z.object({ status: z.literal('ok') });
/** What `/readyz` checked: each dependency `ok` (a failing one makes the answer 503, naming it in `details`). */
export const Ready = z.object({ status: z.literal('ok'), checks: z.record(z.string(), z.literal('ok')) });
