/**
 * The dispatch vocabulary (人员选派、管理帮扶、服务年限约定) with its zh-CN labels, free of Zod so
 * the web's first-load bundle can use it; contracts build their schemas from these lists.
 */

/** DOMAIN glossary "dispatch": the kinds of stationing. */
export const DISPATCH_KINDS = ['resident', 'flexible_resident', 'flexible', 'secondment'] as const;
export type DispatchKind = (typeof DISPATCH_KINDS)[number];
export const DISPATCH_KIND_LABELS: Record<DispatchKind, string> = {
  resident: '驻点',
  flexible_resident: '弹性驻点',
  flexible: '柔性',
  secondment: '挂职',
};

/**
 * P28 "长期下派驻点": every kind but the short visiting-expert kind (柔性). A 挂职 cadre is
 * stationed for the whole term, so it counts as long-term.
 */
export const LONG_TERM_KINDS: readonly DispatchKind[] = ['resident', 'flexible_resident', 'secondment'];

export const DISPATCH_ROLES = ['clinical', 'management', 'supervision'] as const;
export type DispatchRole = (typeof DISPATCH_ROLES)[number];
export const DISPATCH_ROLE_LABELS: Record<DispatchRole, string> = {
  clinical: '临床业务',
  management: '管理',
  supervision: '监督执法',
};

/** The issue fixes these codes: proposed › submitted › approved › on duty › completed / ended early / replaced. */
export const DISPATCH_STATUSES = [
  'proposed',
  'submitted',
  'approved',
  'on_duty',
  'completed',
  'ended_early',
  'replaced',
] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];
export const DISPATCH_STATUS_LABELS: Record<DispatchStatus, string> = {
  proposed: '拟选派',
  submitted: '已报审',
  approved: '已审核通过',
  on_duty: '在岗',
  completed: '期满完成',
  ended_early: '提前结束',
  replaced: '已换人',
};

/** A person on one of these holds (or will hold) the place: another dispatch may not overlap it. */
export const ACTIVE_DISPATCH_STATUSES: readonly DispatchStatus[] = [
  'proposed',
  'submitted',
  'approved',
  'on_duty',
];

/** Statuses reached only through approval (P05: the others never count as service). */
export const APPROVED_DISPATCH_STATUSES: readonly DispatchStatus[] = [
  'approved',
  'on_duty',
  'completed',
  'ended_early',
  'replaced',
];

/** P13 management support: posts a support staff member holds at the recipient institution. */
export const MANAGEMENT_POSTS = ['head', 'deputy_head', 'department_head', 'deputy_department_head'] as const;
export type ManagementPost = (typeof MANAGEMENT_POSTS)[number];
export const MANAGEMENT_POST_LABELS: Record<ManagementPost, string> = {
  head: '院长（单位正职）',
  deputy_head: '副院长（单位副职）',
  department_head: '科室主任',
  deputy_department_head: '科室副主任',
};

/** P20: moving a bonded recipient staff member away — both are breaches during the bond. */
export const BOND_MOVEMENTS = ['transfer', 'loan'] as const;
export type BondMovement = (typeof BOND_MOVEMENTS)[number];
export const BOND_MOVEMENT_LABELS: Record<BondMovement, string> = {
  transfer: '调出',
  loan: '借出',
};
