/** A person is their tenant and Entra object id — never a name or an email. */
export interface PersonRef {
  readonly tenantId: string;
  readonly objectId: string;
}

export type PersonId = string;
export const personId = (p: PersonRef): PersonId => `${p.tenantId}:${p.objectId}`;

export interface Person extends PersonRef {
  readonly id: PersonId;
  readonly displayName: string;
}
