/**
 * The actions the audit trail records (S11), with their zh-CN labels. Codes are
 * dot-separated, so a filter by prefix (`auth.`) finds a family. Actions starting with
 * `pi.` are personal-information processing records, kept 3 years instead of 6 months (S13).
 */
export const AUDIT_ACTIONS = {
  'auth.login': '登录',
  'auth.login.failed': '登录失败',
  'auth.lockout': '账号锁定',
  'auth.logout': '退出登录',
  'auth.mfa.enrol': '绑定动态口令',
  'auth.mfa.failed': '动态口令错误',
  'auth.password.change': '修改密码',
  'user.create': '新建账号',
  'user.update': '修改账号（角色与数据范围）',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.password.reset': '重置密码',
  'user.unlock': '解锁账号',
  'user.mfa.reset': '重置动态口令',
  'org.institution.create': '新建机构',
  'org.institution.update': '修改机构（含科室、地理围栏）',
  'org.flag.add': '添加县域标识',
  'org.flag.withdraw': '撤回县域标识',
  'org.contacts.update': '修改县联系人（定点联系领导、驻点负责人）',
  'programme.create': '新建项目',
  'programme.policy.publish': '发布政策包新版本',
  'pairing.create': '建立结对关系',
  'pairing.update': '变更结对关系',
  'pairing.end': '终止结对关系',
  'workflow.submit': '提交审批',
  'workflow.resubmit': '重新提交审批',
  'workflow.approve': '审批同意',
  'workflow.return': '审批退回修改',
  'workflow.reject': '审批不同意',
  'workflow.withdraw': '撤回审批',
  'workflow.chain.update': '修改审批流程配置',
  'workflow.chain.delete': '删除项目审批流程',
  'workflow.delegation.create': '委托代理审批',
  'workflow.delegation.revoke': '撤销代理审批委托',
  'audit.export': '导出审计日志',
  'audit.verify': '校验审计日志',
  'audit.purge': '清理审计日志',
  'import.commit': '批量导入',
  'export.list': '导出列表',
  'staff.create': '登记人员',
  'staff.update': '修改人员信息',
  'dispatch.create': '拟选派支援人员',
  'dispatch.submit': '选派报审',
  'dispatch.arrive': '确认支援人员到岗',
  'dispatch.end': '支援人员派驻结束',
  'bond.create': '登记服务年限约定',
  'bond.breach': '记录服务年限约定违约',
  'dispatch.post': '登记支援人员兼任管理职务',
  'dispatch.replace': '更换支援人员',
  'pi.reveal': '查看完整个人信息',
  'pi.staff.reveal': '查看人员完整身份证号或手机号',
  'pi.export': '导出个人信息',
  'calendar.day.set': '设置节假日（调休）',
  'calendar.day.clear': '取消节假日（调休）设置',
  'calendar.regional.add': '添加地方性节假日',
  'calendar.regional.delete': '删除地方性节假日',
  'checkin.consent': '同意打卡获取精确位置',
  'checkin.consent.withdraw': '撤回打卡位置授权',
  'checkin.device.request': '申请更换打卡设备',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The label of an action code; an unknown code (e.g. from a newer version) shows as itself. */
export function auditActionLabel(code: string): string {
  return Object.hasOwn(AUDIT_ACTIONS, code) ? AUDIT_ACTIONS[code as AuditAction] : code;
}
