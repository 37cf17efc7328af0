import { z } from 'zod';
import { APPROVER_ROLES, DOC_TYPES, WORKFLOW_ACTIONS, WORKFLOW_STATUSES } from '../workflow-vocabulary';
import { IsoDate, PageQuery } from './common';

/**
 * The approval workflow engine's contract. A document type is anything that needs
 * approving; each has a chain of steps (configurable per programme), each step decided by
 * a role holding the document's institution in scope.
 */

export {
  APPROVER_ROLES,
  DOC_TYPE_LABELS,
  DOC_TYPES,
  WORKFLOW_ACTION_LABELS,
  WORKFLOW_ACTIONS,
  WORKFLOW_STATUS_LABELS,
  WORKFLOW_STATUSES,
} from '../workflow-vocabulary';

export const DocType = z.enum(DOC_TYPES);
export type DocType = z.infer<typeof DocType>;
export const WorkflowStatus = z.enum(WORKFLOW_STATUSES);
export type WorkflowStatus = z.infer<typeof WorkflowStatus>;
export const WorkflowAction = z.enum(WORKFLOW_ACTIONS);
export type WorkflowAction = z.infer<typeof WorkflowAction>;
export const ApproverRole = z.enum(APPROVER_ROLES);

export const ChainStep = z.strictObject({
  role: ApproverRole,
  /** what the step is called on screen, e.g. 县级卫生健康行政部门审核 */
  label: z.string().trim().min(1, '请填写环节名称').max(40),
  /** calendar days allowed for the step */
  deadlineDays: z.number().int().min(1, '办理时限至少1天').max(60, '办理时限最多60天'),
  /** only when a TCM institution is involved (e.g. 省中医药管理局会签) */
  tcmOnly: z.boolean().default(false),
});
export type ChainStep = z.infer<typeof ChainStep>;

export const ChainDto = z.object({
  id: z.uuid(),
  docType: DocType,
  /** null: the default chain, for programmes without their own */
  programmeId: z.uuid().nullable(),
  programmeName: z.string().nullable(),
  steps: z.array(ChainStep),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ChainDto = z.infer<typeof ChainDto>;

export const SaveChainBody = z.strictObject({
  docType: DocType,
  programmeId: z.uuid().nullable(),
  steps: z.array(ChainStep).min(1, '至少需要一个审批环节').max(8, '审批环节最多8个'),
  /** the version edited (S29); absent when creating a programme's own chain */
  version: z.number().int().min(1).optional(),
});
export type SaveChainBody = z.input<typeof SaveChainBody>;

export const UserRefDto = z.object({ id: z.uuid(), displayName: z.string() });
export type UserRefDto = z.infer<typeof UserRefDto>;

export const WorkflowActionDto = z.object({
  step: z.number().int(),
  stepLabel: z.string(),
  action: WorkflowAction,
  actor: UserRefDto,
  /** a delegate acted in this user's name */
  onBehalfOf: UserRefDto.nullable(),
  comment: z.string().nullable(),
  at: z.string(),
});
export type WorkflowActionDto = z.infer<typeof WorkflowActionDto>;

export const WorkflowInstanceDto = z.object({
  id: z.uuid(),
  docType: DocType,
  docId: z.uuid(),
  programmeId: z.uuid().nullable(),
  programmeName: z.string().nullable(),
  title: z.string(),
  institution: z.object({ id: z.uuid(), name: z.string() }),
  counterpart: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  tcm: z.boolean(),
  steps: z.array(ChainStep),
  currentStep: z.number().int(),
  status: WorkflowStatus,
  payload: z.record(z.string(), z.unknown()),
  submittedBy: UserRefDto,
  submittedAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  decidedAt: z.string().nullable(),
  /** the web path of the document itself */
  link: z.string().nullable(),
  /** what the signed-in user may do now */
  can: z.object({
    decide: z.boolean(),
    /** the user decides for someone away (delegation), named here */
    onBehalfOf: UserRefDto.nullable(),
    resubmit: z.boolean(),
    withdraw: z.boolean(),
  }),
  history: z.array(WorkflowActionDto),
  version: z.number().int(),
});
export type WorkflowInstanceDto = z.infer<typeof WorkflowInstanceDto>;

export const WorkflowListQuery = PageQuery.extend({
  status: WorkflowStatus.optional(),
  docType: DocType.optional(),
  /** `submitted`: what I submitted; `decided`: what I (or my delegate for me) decided */
  mine: z.enum(['submitted', 'decided']).optional(),
  /** the passages of one document (e.g. a pairing's exception approvals) */
  docId: z.uuid().optional(),
});
export type WorkflowListQuery = z.infer<typeof WorkflowListQuery>;

const comment = (what: string) => z.string().trim().min(1, `请填写${what}`).max(1000);

export const DecideBody = z.strictObject({
  comment: z.string().trim().max(1000).optional(),
  version: z.number().int().min(1),
});
export type DecideBody = z.infer<typeof DecideBody>;
/** return and reject need the reason */
export const DecideWithReasonBody = z.strictObject({
  comment: comment('意见'),
  version: z.number().int().min(1),
});
export type DecideWithReasonBody = z.infer<typeof DecideWithReasonBody>;

export const TodoDto = z.object({
  /** the workflow instance */
  id: z.uuid(),
  /** `approve`: awaiting my decision; `resubmit`: returned to me to fix and resubmit */
  kind: z.enum(['approve', 'resubmit']),
  docType: DocType,
  title: z.string(),
  stepLabel: z.string(),
  submittedBy: UserRefDto,
  submittedAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** awaiting someone who delegated to me */
  onBehalfOf: UserRefDto.nullable(),
  link: z.string(),
});
export type TodoDto = z.infer<typeof TodoDto>;

export const DelegationDto = z.object({
  id: z.uuid(),
  from: UserRefDto,
  to: UserRefDto,
  startsOn: z.string(),
  endsOn: z.string(),
  reason: z.string(),
  revoked: z.boolean(),
  createdAt: z.string(),
});
export type DelegationDto = z.infer<typeof DelegationDto>;

export const CreateDelegationBody = z
  .strictObject({
    toUserId: z.uuid(),
    startsOn: IsoDate,
    endsOn: IsoDate,
    reason: comment('委托事由'),
  })
  .refine((b) => b.endsOn >= b.startsOn, { error: '结束日期不能早于开始日期', path: ['endsOn'] });
export type CreateDelegationBody = z.infer<typeof CreateDelegationBody>;

export const DelegateCandidatesQuery = z.object({ q: z.string().trim().max(50).optional() });
