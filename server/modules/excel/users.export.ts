import type { z } from 'zod';
import { USER_STATUS_LABELS, type UserDto, type UserListQuery } from '../../../shared/contracts/users';
import { Role } from '../../../shared/enums';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { Column } from '../../platform/xlsx';
import { listUsers } from '../users/users.service';
import { filterList, type ListExport } from './exports';

/** The accounts list's filters, without paging. */
export type UserExportQuery = Omit<z.infer<typeof UserListQuery>, 'page' | 'pageSize'>;

/**
 * S18: accounts are personal information (names, workplaces). Above this many rows an
 * export needs an approved request; until such requests exist it is refused.
 */
export const PI_EXPORT_APPROVAL_ROWS = 1000;

const COLUMNS: Column<UserDto>[] = [
  { header: '用户名', key: 'username', width: 16 },
  { header: '姓名', key: 'displayName', width: 20 },
  { header: '角色', key: 'roleLabel', width: 24 },
  { header: '所属机构', key: 'institutionName', width: 30 },
  { header: '数据范围', key: 'scope', width: 30, value: (u) => u.scope.map((s) => s.name).join('、') },
  { header: '状态', key: 'status', value: (u) => USER_STATUS_LABELS[u.status] },
  { header: '锁定至', key: 'lockedUntil', type: 'datetime' },
  { header: '已绑定动态口令', key: 'mfaEnrolled', type: 'bool' },
  { header: '创建时间', key: 'createdAt', type: 'datetime' },
  { header: '密码修改时间', key: 'passwordChangedAt', type: 'datetime' },
];

/** 账号列表: the accounts matching the list's filters; recorded as personal-information processing (S13). */
export async function userExport(ctx: Ctx, q: UserExportQuery): Promise<ListExport> {
  const { total } = await listUsers(ctx, { ...q, page: 1, pageSize: 1 });
  if (total > PI_EXPORT_APPROVAL_ROWS)
    throw new AppError(
      403,
      'EXPORT_NEEDS_APPROVAL',
      `符合条件的账号有 ${total} 个。一次导出超过 ${PI_EXPORT_APPROVAL_ROWS} 条个人信息须经审批，目前请缩小筛选范围（如按角色）后导出`,
      { total, threshold: PI_EXPORT_APPROVAL_ROWS },
    );
  const { items } = await listUsers(ctx, { ...q, page: 1, pageSize: PI_EXPORT_APPROVAL_ROWS });
  return {
    title: '账号列表',
    rows: items.length,
    filters: filterList([
      ['关键词', q.q],
      ['角色', q.role && Role.label(q.role)],
      ['状态', q.status && USER_STATUS_LABELS[q.status]],
      ['锁定', q.locked && (q.locked === 'true' ? '已锁定' : '未锁定')],
    ]),
    query: q,
    sheets: [{ name: '账号', columns: COLUMNS, rows: items }],
    action: 'pi.export',
  };
}
