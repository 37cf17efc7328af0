import type { Role, ScopeKind } from '../../../shared/enums';

/*
 * Guidance for the account form, mirroring the server's rules (server/modules/users/users.rules.ts,
 * S07, S09). The server decides and explains in Chinese; these only keep the form from offering
 * choices it would refuse.
 */

/** The three separated admins administer the system, not data: no data scope. */
export const ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];
/** Roles that belong to an institution. */
export const INSTITUTION_ROLES: readonly Role[] = [
  'supporting_admin',
  'recipient_admin',
  'support_staff',
  'recipient_staff',
];
const ALL_SCOPE_ROLES: readonly Role[] = ['province_office', 'tcm_bureau', 'inspector'];
const SELF_SCOPE_ROLES: readonly Role[] = ['support_staff', 'recipient_staff'];

/** The kinds of scope node an account of this role may hold (none for the admins). */
export function scopeKindsFor(role: Role | undefined): ScopeKind[] {
  if (!role) return ['all', 'region', 'institution', 'self'];
  if (ADMIN_ROLES.includes(role)) return [];
  if (SELF_SCOPE_ROLES.includes(role)) return ['self'];
  return ALL_SCOPE_ROLES.includes(role) ? ['all', 'region', 'institution'] : ['region', 'institution'];
}
