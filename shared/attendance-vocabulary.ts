/**
 * The attendance vocabulary (考勤) with its zh-CN labels, free of Zod so the web's phone
 * pages can use it without the contracts; `contracts/checkin.ts`, `contracts/leave.ts` and
 * `contracts/attendance.ts` build their schemas from these lists.
 */

/** Where a punch came from: our phone page, DingTalk (issue 8), or an approved 补卡. */
export const CHECKIN_SOURCES = ['app', 'dingtalk', 'correction'] as const;
export type CheckinSource = (typeof CHECKIN_SOURCES)[number];
export const CHECKIN_SOURCE_LABELS: Record<CheckinSource, string> = {
  app: '手机打卡',
  dingtalk: '钉钉打卡',
  correction: '补卡',
};

/** Which device API gave the location (each reports its own coordinate system). */
export const LOCATION_PROVIDERS = ['dingtalk', 'wechat', 'browser'] as const;
export type LocationProvider = (typeof LOCATION_PROVIDERS)[number];
export const LOCATION_PROVIDER_LABELS: Record<LocationProvider, string> = {
  dingtalk: '钉钉定位',
  wechat: '微信定位',
  browser: '浏览器定位',
};

/**
 * Risk signals stored on a punch: shown to reviewers, never acted on silently (a punch with
 * a signal still counts; a person may explain it).
 */
export const RISK_SIGNALS = [
  'poor_accuracy',
  'impossible_travel',
  'shared_device',
  'outside_dispatch_period',
] as const;
export type RiskSignal = (typeof RISK_SIGNALS)[number];
export const RISK_SIGNAL_LABELS: Record<RiskSignal, string> = {
  poor_accuracy: '定位精度低于围栏半径',
  impossible_travel: '与上次打卡相比移动速度异常',
  shared_device: '同一设备为多人打卡',
  outside_dispatch_period: '不在派驻期内',
};

/** A person's phone: the first is bound on first use; another needs approval (device_binding). */
export const DEVICE_STATUSES = ['active', 'pending', 'rejected', 'revoked'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];
export const DEVICE_STATUS_LABELS: Record<DeviceStatus, string> = {
  active: '已绑定',
  pending: '待审批',
  rejected: '未获批准',
  revoked: '已解绑',
};

/** Requests that excuse required days (DOMAIN "中级 attendance (P06)"). */
export const LEAVE_KINDS = ['leave', 'trip', 'comp_rest'] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];
export const LEAVE_KIND_LABELS: Record<LeaveKind, string> = {
  leave: '请假',
  trip: '出差',
  comp_rest: '值班补休',
};

/** The kind of leave (请假 only). */
export const LEAVE_TYPES = [
  'personal',
  'sick',
  'annual',
  'marriage',
  'maternity',
  'bereavement',
  'other',
] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];
export const LEAVE_TYPE_LABELS: Record<LeaveType, string> = {
  personal: '事假',
  sick: '病假',
  annual: '年休假',
  marriage: '婚假',
  maternity: '产假/陪产假',
  bereavement: '丧假',
  other: '其他',
};

/** A request's state, following its approval passage. */
export const REQUEST_STATUSES = ['pending', 'returned', 'approved', 'rejected', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  pending: '审批中',
  returned: '已退回修改',
  approved: '已批准',
  rejected: '未批准',
  withdrawn: '已撤回',
};

/**
 * A dispatched person's day. `off_site` is a working day without an on-site punch for a
 * person under P07 (flexible presence: judged by the month, not the day); the same day is
 * `absent` under P06. `pending` is today before the day is over.
 */
export const DAY_STATUSES = [
  'on_site',
  'leave',
  'trip',
  'comp_rest',
  'holiday',
  'rest_day',
  'absent',
  'off_site',
  'pending',
] as const;
export type DayStatus = (typeof DAY_STATUSES)[number];
export const DAY_STATUS_LABELS: Record<DayStatus, string> = {
  on_site: '在岗',
  leave: '请假',
  trip: '出差',
  comp_rest: '值班补休',
  holiday: '节假日',
  rest_day: '休息日',
  absent: '缺勤',
  off_site: '不驻点',
  pending: '待打卡',
};
/** antd tag / calendar colours per status. */
export const DAY_STATUS_COLORS: Record<DayStatus, string> = {
  on_site: 'green',
  leave: 'blue',
  trip: 'cyan',
  comp_rest: 'geekblue',
  holiday: 'purple',
  rest_day: 'default',
  absent: 'red',
  off_site: 'orange',
  pending: 'gold',
};

/** Why a person broke a presence rule (P06 absence, P07 month short of on-site days). */
export const JUSTIFICATION_CAUSES = [
  'work',
  'illness',
  'family',
  'weather_traffic',
  'device',
  'other',
] as const;
export type JustificationCause = (typeof JUSTIFICATION_CAUSES)[number];
export const JUSTIFICATION_CAUSE_LABELS: Record<JustificationCause, string> = {
  work: '工作安排（会议、外派任务等）',
  illness: '突发疾病',
  family: '家庭紧急事务',
  weather_traffic: '天气或交通中断',
  device: '设备或信号故障未能打卡',
  other: '其他',
};

export const JUSTIFICATION_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type JustificationStatus = (typeof JUSTIFICATION_STATUSES)[number];
export const JUSTIFICATION_STATUS_LABELS: Record<JustificationStatus, string> = {
  pending: '待审核',
  accepted: '已认可',
  rejected: '未认可',
};

/** The precise-location notice a person consents to before the first check-in (S17); bump on change. */
export const LOCATION_NOTICE_VERSION = 1;
