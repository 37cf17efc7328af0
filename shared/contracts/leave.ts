import { z } from 'zod';
import { LEAVE_KINDS, LEAVE_TYPES, REQUEST_STATUSES } from '../attendance-vocabulary';
import { IsoDate, PageQuery, reasonText } from './common';
import { WorkflowInstanceDto } from './workflow';

/**
 * Requests of support staff (issue 7 item 4): leave, business trips and compensatory rest
 * (值班补休), which excuse required days (DOMAIN "中级 attendance (P06)"), and 补卡, a missed
 * punch recorded once approved. Both pass through the workflow engine; their attachments are
 * uploads (S23) served only through the request that references them.
 */

/** The most attachments one request may carry. */
export const MAX_ATTACHMENTS = 5;

/** An uploaded file as stored (S23): the API answers an upload with this. */
export const FileDto = z.object({
  id: z.uuid(),
  fileName: z.string(),
  size: z.number().int(),
  mime: z.string(),
});
export type FileDto = z.infer<typeof FileDto>;

export const UploadFileQuery = z.strictObject({
  fileName: z.string().trim().min(1, '请提供文件名').max(200, '文件名不能超过 200 个字'),
});

/** A person and their dispatch, as the request lists show them. */
const RequestPartyFields = {
  staffId: z.uuid(),
  staffName: z.string(),
  dispatchId: z.uuid(),
  home: z.object({ id: z.uuid(), name: z.string() }),
  recipient: z.object({ id: z.uuid(), name: z.string() }),
};

const DecisionFields = {
  status: z.enum(REQUEST_STATUSES),
  attachments: z.array(FileDto),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
};

export const LeaveRequestDto = z.object({
  id: z.uuid(),
  ...RequestPartyFields,
  kind: z.enum(LEAVE_KINDS),
  leaveType: z.enum(LEAVE_TYPES).nullable(),
  startDate: z.string(),
  endDate: z.string(),
  /** calendar days from start to end, both included */
  days: z.number().int(),
  destination: z.string().nullable(),
  reason: z.string(),
  ...DecisionFields,
});
export type LeaveRequestDto = z.infer<typeof LeaveRequestDto>;

const Attachments = z
  .array(z.uuid({ error: '附件标识无效' }))
  .max(MAX_ATTACHMENTS, `附件最多 ${MAX_ATTACHMENTS} 个`)
  .optional();

export const CreateLeaveBody = z
  .strictObject({
    kind: z.enum(LEAVE_KINDS, { error: '请选择请假、出差或值班补休' }),
    /** required iff kind = leave */
    leaveType: z.enum(LEAVE_TYPES, { error: '请选择请假类别' }).optional(),
    startDate: IsoDate,
    endDate: IsoDate,
    /** a trip: where to */
    destination: z.string().trim().max(200, '出差地点不能超过 200 个字').optional(),
    reason: reasonText('事由', 500),
    attachments: Attachments,
  })
  .superRefine((b, ctx) => {
    if (b.kind === 'leave' && !b.leaveType)
      ctx.addIssue({ code: 'custom', path: ['leaveType'], message: '请选择请假类别' });
    if (b.kind !== 'leave' && b.leaveType)
      ctx.addIssue({ code: 'custom', path: ['leaveType'], message: '只有请假需要选择请假类别' });
    if (b.kind === 'trip' && !b.destination)
      ctx.addIssue({ code: 'custom', path: ['destination'], message: '请填写出差地点' });
    if (b.endDate < b.startDate)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期' });
  });
export type CreateLeaveBody = z.infer<typeof CreateLeaveBody>;

/** The request's latest approval passage with its history, as its reader may see it (null: none visible). */
export const RequestApprovalDto = z.object({ instance: WorkflowInstanceDto.nullable() });
export type RequestApprovalDto = z.infer<typeof RequestApprovalDto>;

/** Withdrawing, or resubmitting after a return (the comment says what changed). */
export const WithdrawRequestBody = z.strictObject({
  version: z.number().int().min(1),
  comment: z.string().trim().max(500, '说明不能超过 500 个字').optional(),
});
export type WithdrawRequestBody = z.infer<typeof WithdrawRequestBody>;

const Filters = {
  status: z.enum(REQUEST_STATUSES).optional(),
  staffId: z.uuid().optional(),
  /** requests overlapping from..to */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
};

export const LeaveListQuery = PageQuery.extend({
  kind: z.enum(LEAVE_KINDS).optional(),
  ...Filters,
}).strict();
export type LeaveListQuery = z.infer<typeof LeaveListQuery>;

/** `GET /api/leave-requests/:id/attachments/:fileId` */
export const AttachmentParams = z.object({ id: z.uuid(), fileId: z.uuid() });

// ─── 补卡 ───

export const PunchCorrectionDto = z.object({
  id: z.uuid(),
  ...RequestPartyFields,
  /** the day and time (Asia/Shanghai) the punch should have been */
  date: z.string(),
  time: z.string(),
  reason: z.string(),
  /** the punch written when approved */
  checkinId: z.uuid().nullable(),
  ...DecisionFields,
});
export type PunchCorrectionDto = z.infer<typeof PunchCorrectionDto>;

export const CreateCorrectionBody = z.strictObject({
  date: IsoDate,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm'),
  reason: reasonText('补卡原因', 500),
  attachments: Attachments,
});
export type CreateCorrectionBody = z.infer<typeof CreateCorrectionBody>;

export const CorrectionListQuery = PageQuery.extend(Filters).strict();
export type CorrectionListQuery = z.infer<typeof CorrectionListQuery>;
