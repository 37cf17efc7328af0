import { AuditOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Drawer, Flex, Skeleton, Tag, Typography } from 'antd';
import type { DispatchDto } from '../../../../shared/contracts/dispatch';
import { errorMessage } from '../../../app/api';
import { formatDateTimeMinutes } from '../../../app/format';
import { DocumentApproval } from '../../workflow/components/DocumentApproval';
import { useDispatch } from '../api';
import {
  DISPATCH_KIND_LABELS,
  DISPATCH_ROLE_LABELS,
  DISPATCH_STATUS_LABELS,
  P05_NOTE,
  PRESENCE_RULE_LABELS,
  STATUS_COLORS,
  TITLE_LABELS,
} from '../labels';
import { JudgementView } from './JudgementView';
import { ManagementPosts } from './ManagementPosts';

const none = <Typography.Text type="secondary">—</Typography.Text>;
const orNone = (v: string | null) => (v === null || v === '' ? none : v);

/** Whether a dispatch has been sent to the province, so has an approval to show. */
export const hasApproval = (d: DispatchDto) => d.status !== 'proposed';

/** The presence rule: fixed by the title held when the dispatch was approved (P06/P07). */
function presence(d: DispatchDto) {
  if (!d.presenceRule || !d.titleAtApproval)
    return <Typography.Text type="secondary">审批通过后按批准时职称确定（P06/P07）</Typography.Text>;
  return (
    <span data-testid="dispatch-presence-rule">
      {PRESENCE_RULE_LABELS[d.presenceRule]}
      <Typography.Text type="secondary">
        （按批准时职称 {TITLE_LABELS[d.titleAtApproval]} 确定）
      </Typography.Text>
    </span>
  );
}

/** A dispatch in full: its fields, the eligibility judgement, P05/P06/P07 notes and its approval. */
export function DispatchDrawer({
  id,
  onClose,
  onOpen,
}: {
  id: string;
  onClose: () => void;
  /** show another dispatch (the replacement) in the drawer */
  onOpen?: (id: string) => void;
}) {
  const { data: d, error, isLoading } = useDispatch(id);

  return (
    <Drawer open size={760} title={d ? `选派详情：${d.staff.name}` : '选派详情'} onClose={onClose}>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isLoading && <Skeleton active />}
      {d && (
        <Flex vertical gap={16}>
          <Descriptions
            data-testid="dispatch-detail"
            bordered
            size="small"
            column={2}
            items={[
              { key: 'name', label: '姓名', children: d.staff.name },
              { key: 'title', label: '职称', children: TITLE_LABELS[d.staff.title] },
              { key: 'home', label: '派出单位', children: d.staff.institution.name },
              {
                key: 'recipient',
                label: '受援单位',
                children: (
                  <span>
                    {d.recipient.name}
                    <Typography.Text type="secondary">（{d.recipient.regionName}）</Typography.Text>
                  </span>
                ),
              },
              { key: 'programme', label: '项目', span: 2, children: d.programmeName },
              { key: 'batch', label: '批次', children: d.batch },
              {
                key: 'status',
                label: '状态',
                children: <Tag color={STATUS_COLORS[d.status]}>{DISPATCH_STATUS_LABELS[d.status]}</Tag>,
              },
              { key: 'kind', label: '派驻方式', children: DISPATCH_KIND_LABELS[d.kind] },
              { key: 'role', label: '岗位', children: DISPATCH_ROLE_LABELS[d.role] },
              {
                key: 'planned',
                label: '计划期限',
                span: 2,
                children: `${d.plannedStart} 至 ${d.plannedEnd}`,
              },
              { key: 'arrived', label: '到岗日期', children: orNone(d.arrivedOn) },
              { key: 'ended', label: '结束日期', children: orNone(d.endedOn) },
              ...(d.endReason
                ? [
                    {
                      key: 'endReason',
                      label: d.status === 'replaced' ? '更换原因' : '提前结束原因',
                      span: 2,
                      children: d.endReason,
                    },
                  ]
                : []),
              ...(d.replacedBy
                ? [
                    {
                      key: 'replacedBy',
                      label: '接替选派',
                      span: 2,
                      children: onOpen ? (
                        <Typography.Link
                          data-testid="dispatch-replacement-open"
                          onClick={() => d.replacedBy && onOpen(d.replacedBy)}
                        >
                          查看接替人员的选派记录
                        </Typography.Link>
                      ) : (
                        '已登记接替人员'
                      ),
                    },
                  ]
                : []),
              ...(d.justification
                ? [{ key: 'justification', label: '偏离理由', span: 2, children: d.justification }]
                : []),
              { key: 'approvedAt', label: '审批通过时间', children: formatDateTimeMinutes(d.approvedAt) },
              {
                key: 'titleAtApproval',
                label: '批准时职称',
                children: d.titleAtApproval ? TITLE_LABELS[d.titleAtApproval] : none,
              },
              {
                key: 'counts',
                label: '计入基层服务',
                span: 2,
                children: (
                  <span data-testid="dispatch-counts-as-service">
                    {d.countsAsService ? '是' : '否'}
                    <Typography.Text type="secondary">（P05：{P05_NOTE}）</Typography.Text>
                  </span>
                ),
              },
              { key: 'presence', label: '驻点要求', span: 2, children: presence(d) },
              { key: 'createdAt', label: '登记时间', children: formatDateTimeMinutes(d.createdAt) },
              { key: 'updatedAt', label: '更新时间', children: formatDateTimeMinutes(d.updatedAt) },
            ]}
          />
          <div>
            <Typography.Title level={5}>资格判定</Typography.Title>
            <JudgementView judgement={d.judgement} />
          </div>
          {d.status !== 'proposed' && d.status !== 'submitted' && <ManagementPosts dispatch={d} />}
          <div>
            <Typography.Title level={5}>审批</Typography.Title>
            {hasApproval(d) ? (
              <DocumentApproval docType="dispatch" docId={d.id}>
                <Tag color="blue" icon={<AuditOutlined />} data-testid="dispatch-approval-open">
                  查看审批流程与记录
                </Tag>
              </DocumentApproval>
            ) : (
              <Typography.Text type="secondary">尚未提交审批</Typography.Text>
            )}
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
