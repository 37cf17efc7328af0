import { Role, type ScopeKind } from './enums';

/*
 * Which accounts may exist (S07, S09), in one place for the server (which decides and
 * explains in Chinese) and the account form (which offers only allowed choices). Zod-free,
 * so the web app can import it without growing its first load.
 */

/** The three separated admins administer the system, not data: they hold no data scope. */
export const ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];
/** Roles that belong to an institution. */
export const INSTITUTION_ROLES: readonly Role[] = [
  'supporting_admin',
  'recipient_admin',
  'support_staff',
  'recipient_staff',
];
/** Who may see everything (DOMAIN.md actors: the province office, the TCM bureau, province inspectors). */
const ALL_SCOPE_ROLES: readonly Role[] = ['province_office', 'tcm_bureau', 'inspector'];
/** Staff see their own records only. */
const SELF_SCOPE_ROLES: readonly Role[] = ['support_staff', 'recipient_staff'];

/** The kinds of scope node an account of this role may hold (none for the admins). */
export function scopeKindsFor(role: Role | undefined): ScopeKind[] {
  if (!role) return ['all', 'region', 'institution', 'self'];
  if (ADMIN_ROLES.includes(role)) return [];
  if (SELF_SCOPE_ROLES.includes(role)) return ['self'];
  return ALL_SCOPE_ROLES.includes(role) ? ['all', 'region', 'institution'] : ['region', 'institution'];
}

export interface AccountShape {
  role: Role;
  institutionId: string | null;
  scope: { kind: ScopeKind }[];
}

/** Least privilege: the role decides which kinds of scope an account may hold. Chinese reasons. */
export function checkAccountShape(a: AccountShape): string[] {
  const label = Role.label(a.role);
  const allowed = scopeKindsFor(a.role);
  if (ADMIN_ROLES.includes(a.role)) return a.scope.length ? [`${label}不持有业务数据范围`] : [];
  const problems: string[] = [];
  if (INSTITUTION_ROLES.includes(a.role) && !a.institutionId) problems.push(`${label}须指定所属机构`);
  if (!a.scope.length) problems.push('请至少指定一项数据范围');
  for (const node of a.scope) {
    if (allowed.includes(node.kind)) continue;
    if (node.kind === 'all') problems.push(`${label}不能拥有"全部"数据范围`);
    else if (node.kind === 'self') problems.push('只有支援人员和受援人员使用"本人"数据范围');
    else problems.push(`${label}的数据范围只能是"本人"`);
  }
  return [...new Set(problems)];
}
