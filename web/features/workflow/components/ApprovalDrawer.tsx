import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Skeleton,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { WorkflowActionDto, WorkflowInstanceDto } from '../../../../shared/contracts/workflow';
import { Role } from '../../../../shared/enums';
import { ApiError, errorMessage } from '../../../app/api';
import { formatDateTime, formatDateTimeMinutes } from '../../../app/format';
import { useDecide, useWorkflowInstance, type WorkflowDecision } from '../api';
import { DOC_TYPE_LABELS, STATUS_COLORS, WORKFLOW_ACTION_LABELS, WORKFLOW_STATUS_LABELS } from '../labels';
import { DecisionModal } from './DecisionModal';
import { PayloadSummary } from './PayloadSummary';

/** Another approver (or the submitter) acted first: the version sent is stale (S29). */
export const TAKEN_MESSAGE = '已被他人处理，请刷新';

const DONE: Record<WorkflowDecision, string> = {
  approve: '已同意',
  return: '已退回提交人修改',
  reject: '已作出不同意的决定',
  resubmit: '已重新提交',
  withdraw: '已撤回',
};

const ACTION_COLORS: Record<WorkflowActionDto['action'], string> = {
  submit: 'blue',
  resubmit: 'blue',
  approve: 'green',
  return: 'orange',
  reject: 'red',
  withdraw: 'gray',
};

/** A resubmitted pairing exception takes its comment as the new exception reason (pairing.service.ts). */
function resubmitField(instance: WorkflowInstanceDto) {
  if (instance.docType !== 'pairing_exception') return undefined;
  const reason = instance.payload.reason;
  return {
    label: '例外理由',
    initial: typeof reason === 'string' ? reason : undefined,
    help: '可按审批意见修改例外理由后重新提交',
  };
}

/** The chain as steps: done ones finished, the current one with its deadline, a refusal in red. */
function ChainSteps({ instance }: { instance: WorkflowInstanceDto }) {
  const { steps, currentStep, status } = instance;
  const current = status === 'approved' ? steps.length : currentStep;
  const currentStatus = status === 'rejected' ? 'error' : status === 'pending' ? 'process' : 'wait';
  return (
    <Steps
      data-testid="approval-steps"
      orientation="vertical"
      size="small"
      current={current}
      status={currentStatus}
      items={steps.map((step, index) => ({
        key: `${index}:${step.label}`,
        title: step.label,
        content: (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {Role.label(step.role)} · 办理时限 {step.deadlineDays} 天
            {index === currentStep && status === 'pending' && instance.dueAt && (
              <Typography.Text type={instance.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                {' '}
                · 须于 {formatDateTimeMinutes(instance.dueAt)} 前办理{instance.overdue ? '（已超期）' : ''}
              </Typography.Text>
            )}
            {index === currentStep && status === 'returned' && ' · 已退回提交人修改'}
          </Typography.Text>
        ),
      }))}
    />
  );
}

function History({ history }: { history: WorkflowActionDto[] }) {
  return (
    <Timeline
      data-testid="approval-history"
      // Oldest first, as the document went; the sort is stable for actions in the same instant.
      items={[...history]
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((h, index) => ({
          key: `${index}:${h.at}`,
          color: ACTION_COLORS[h.action],
          content: (
            <div data-testid="approval-history-item">
              <Flex wrap gap={8} align="baseline">
                <Typography.Text strong>{WORKFLOW_ACTION_LABELS[h.action]}</Typography.Text>
                <Typography.Text type="secondary">{h.stepLabel}</Typography.Text>
              </Flex>
              <div>
                办理人：{h.actor.displayName}
                {h.onBehalfOf && (
                  <Tag style={{ marginInlineStart: 8 }}>代 {h.onBehalfOf.displayName} 办理</Tag>
                )}
              </div>
              {h.comment && <div>意见：{h.comment}</div>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(h.at)}
              </Typography.Text>
            </div>
          ),
        }))}
    />
  );
}

/**
 * One document's approval: what it is, the chain and where it stands, the history, and what
 * the signed-in user may do now (decide, or as submitter resubmit / withdraw), as `can` says.
 */
export function ApprovalDrawer({ instanceId, onClose }: { instanceId: string; onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: instance, isPending, error, refetch } = useWorkflowInstance(instanceId);
  const decide = useDecide();
  const [deciding, setDeciding] = useState<WorkflowDecision | null>(null);

  const send = (decision: WorkflowDecision, comment: string | undefined) => {
    if (!instance) return;
    decide.mutate(
      { id: instance.id, decision, comment, version: instance.version },
      {
        onSuccess: () => {
          message.success(DONE[decision]);
          setDeciding(null);
        },
        onError: (e) => {
          if (e instanceof ApiError && e.status === 409) {
            message.warning(TAKEN_MESSAGE);
            setDeciding(null);
            void refetch();
            return;
          }
          message.error(errorMessage(e));
        },
      },
    );
  };

  const can = instance?.can;
  const actions = can && (can.decide || can.resubmit || can.withdraw) && (
    <Flex wrap gap={8} justify="end">
      {can.withdraw && (
        <Button data-testid="approval-withdraw" onClick={() => setDeciding('withdraw')}>
          撤回
        </Button>
      )}
      {can.resubmit && (
        <Button data-testid="approval-resubmit" type="primary" onClick={() => setDeciding('resubmit')}>
          重新提交
        </Button>
      )}
      {can.decide && (
        <>
          <Button data-testid="approval-reject" danger onClick={() => setDeciding('reject')}>
            不同意
          </Button>
          <Button data-testid="approval-return" onClick={() => setDeciding('return')}>
            退回修改
          </Button>
          <Button data-testid="approval-approve" type="primary" onClick={() => setDeciding('approve')}>
            同意
          </Button>
        </>
      )}
    </Flex>
  );

  return (
    <Drawer
      open
      size={640}
      title={instance ? instance.title : '审批详情'}
      onClose={onClose}
      footer={actions || undefined}
      data-testid="approval-drawer"
    >
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPending && <Skeleton active />}
      {instance && (
        <Flex vertical gap={16}>
          {can?.decide && can.onBehalfOf && (
            <Alert
              data-testid="approval-on-behalf"
              type="info"
              showIcon
              title={`您正在代 ${can.onBehalfOf.displayName} 办理此事项`}
            />
          )}
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'status',
                label: '状态',
                children: (
                  <Tag data-testid="approval-status" color={STATUS_COLORS[instance.status]}>
                    {WORKFLOW_STATUS_LABELS[instance.status]}
                  </Tag>
                ),
              },
              { key: 'type', label: '类型', children: DOC_TYPE_LABELS[instance.docType] },
              ...(instance.programmeName
                ? [{ key: 'programme', label: '项目', children: instance.programmeName }]
                : []),
              {
                key: 'institution',
                label: '机构',
                children: instance.counterpart
                  ? `${instance.counterpart.name} → ${instance.institution.name}`
                  : instance.institution.name,
              },
              {
                key: 'submitted',
                label: '提交',
                children: `${instance.submittedBy.displayName} · ${formatDateTime(instance.submittedAt)}`,
              },
              ...(instance.decidedAt
                ? [{ key: 'decided', label: '办结时间', children: formatDateTime(instance.decidedAt) }]
                : []),
              ...(instance.link
                ? [
                    {
                      key: 'link',
                      label: '单据',
                      children: (
                        <Typography.Link
                          data-testid="approval-document-link"
                          onClick={() => {
                            onClose();
                            navigate(instance.link as string);
                          }}
                        >
                          查看单据
                        </Typography.Link>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <PayloadSummary docType={instance.docType} payload={instance.payload} />
          <div>
            <Typography.Title level={5}>审批流程</Typography.Title>
            <ChainSteps instance={instance} />
          </div>
          <div>
            <Typography.Title level={5}>办理记录</Typography.Title>
            <History history={instance.history} />
          </div>
        </Flex>
      )}
      {deciding && (
        <DecisionModal
          decision={deciding}
          loading={decide.isPending}
          field={instance && deciding === 'resubmit' ? resubmitField(instance) : undefined}
          onSubmit={(comment) => send(deciding, comment)}
          onCancel={() => setDeciding(null)}
        />
      )}
    </Drawer>
  );
}
