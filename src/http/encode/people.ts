import type { Encoded } from '../../contract/http/common';
import type { DemoPerson, Me } from '../../contract/http/people';
import type { Actor, Role } from '../../app/people';

export const encodeMe = (me: Actor): Encoded<typeof Me> => ({ id: me.person.id, displayName: me.person.displayName, roles: me.roles });
export const encodeDemoPerson = (p: { id: string; displayName: string; roles: readonly Role[] }): Encoded<typeof DemoPerson> => ({ id: p.id, displayName: p.displayName, roles: p.roles });
