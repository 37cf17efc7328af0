import { Role, type ScopeKind } from '../../../shared/enums';

/** The three separated admins (S09) administer the system, not data: they hold no data scope. */
export const ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];
/** Roles that belong to an institution. */
const INSTITUTION_ROLES: readonly Role[] = ['supporting_admin', 'recipient_admin', 'support_staff', 'recipient_staff'];
/** Who may see everything (DOMAIN.md actors: the province office, the TCM bureau, province inspectors). */
const ALL_SCOPE_ROLES: readonly Role[] = ['province_office', 'tcm_bureau', 'inspector'];
/** Staff see their own records only. */
const SELF_SCOPE_ROLES: readonly Role[] = ['support_staff', 'recipient_staff'];

export interface AccountShape {
  role: Role;
  institutionId: string | null;
  scope: { kind: ScopeKind }[];
}

/** Least privilege (S07, S09): the role decides which kinds of scope an account may hold. Chinese reasons. */
export function checkAccountShape(a: AccountShape): string[] {
  const label = Role.label(a.role);
  const problems: string[] = [];
  if (ADMIN_ROLES.includes(a.role)) {
    if (a.scope.length) problems.push(`${label}不持有业务数据范围`);
    return problems;
  }
  if (INSTITUTION_ROLES.includes(a.role) && !a.institutionId) problems.push(`${label}须指定所属机构`);
  if (!a.scope.length) problems.push('请至少指定一项数据范围');
  for (const node of a.scope) {
    if (node.kind === 'all' && !ALL_SCOPE_ROLES.includes(a.role)) problems.push(`${label}不能拥有"全部"数据范围`);
    if (node.kind === 'self' && !SELF_SCOPE_ROLES.includes(a.role)) problems.push(`只有支援人员和受援人员使用"本人"数据范围`);
    if (node.kind !== 'self' && SELF_SCOPE_ROLES.includes(a.role)) problems.push(`${label}的数据范围只能是"本人"`);
  }
  return [...new Set(problems)];
}
