import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Segmented,
  Select,
  Skeleton,
  TimePicker,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  LEAVE_KIND_LABELS,
  LEAVE_TYPE_LABELS,
  type LeaveKind,
  type LeaveType,
} from '../../../shared/attendance-vocabulary';
import type { LeaveRequestDto, PunchCorrectionDto } from '../../../shared/contracts/leave';
import { errorMessage } from '../../app/api';
import { formatDateTimeMinutes } from '../../app/format';
import {
  LeaveAttachmentList,
  LeaveAttachmentPicker,
} from '../../features/attendance/components/LeaveAttachments';
import { LeaveStatus, leaveKindText, leavePeriod } from '../../features/attendance/components/LeaveStatus';
import { LeaveTimeline } from '../../features/attendance/components/LeaveTimeline';
import {
  type RequestKind,
  useCorrections,
  useCreateCorrection,
  useCreateLeave,
  useLeaveRequests,
  useResubmitRequest,
  useWithdrawRequest,
} from '../../features/attendance/leave-api';

type FormKind = LeaveKind | 'correction';

const KIND_OPTIONS: { value: FormKind; label: string }[] = [
  ...(Object.entries(LEAVE_KIND_LABELS) as [LeaveKind, string][]).map(([value, label]) => ({ value, label })),
  { value: 'correction', label: '补卡' },
];
const TYPE_OPTIONS = (Object.entries(LEAVE_TYPE_LABELS) as [LeaveType, string][]).map(([value, label]) => ({
  value,
  label,
}));

interface Values {
  leaveType?: LeaveType;
  startDate?: Dayjs;
  endDate?: Dayjs;
  destination?: string;
  date?: Dayjs;
  time?: Dayjs;
  reason?: string;
}

/** The form: leave, a trip or compensatory rest for days of one's dispatch, or a 补卡 for a missed punch. */
function RequestForm({ onFiled }: { onFiled(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<FormKind>('leave');
  const [attachments, setAttachments] = useState<string[]>([]);
  const [attachKey, setAttachKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const createLeave = useCreateLeave();
  const createCorrection = useCreateCorrection();
  const pending = createLeave.isPending || createCorrection.isPending;

  const submit = async (v: Values) => {
    setError(null);
    const day = (d?: Dayjs) => d?.format('YYYY-MM-DD') ?? '';
    try {
      if (kind === 'correction') {
        await createCorrection.mutateAsync({
          date: day(v.date),
          time: v.time?.format('HH:mm') ?? '',
          reason: v.reason ?? '',
          attachments,
        });
      } else {
        await createLeave.mutateAsync({
          kind,
          leaveType: kind === 'leave' ? v.leaveType : undefined,
          startDate: day(v.startDate),
          endDate: day(v.endDate ?? v.startDate),
          destination: kind === 'trip' ? v.destination : undefined,
          reason: v.reason ?? '',
          attachments,
        });
      }
      message.success('已提交，等待审批');
      form.resetFields();
      setAttachments([]);
      setAttachKey((k) => k + 1);
      onFiled();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const required = (what: string) => [{ required: true, message: `请${what}` }];
  return (
    <Card size="small">
      <Form form={form} layout="vertical" onFinish={submit} data-testid="leave-form" requiredMark={false}>
        <Form.Item label="申请类别">
          <Radio.Group
            data-testid="leave-kind"
            optionType="button"
            buttonStyle="solid"
            options={KIND_OPTIONS}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setError(null);
            }}
          />
        </Form.Item>
        {kind === 'leave' && (
          <Form.Item name="leaveType" label="请假类别" rules={required('选择请假类别')}>
            <Select data-testid="leave-type" placeholder="请选择" options={TYPE_OPTIONS} />
          </Form.Item>
        )}
        {kind === 'correction' ? (
          <Flex gap={8}>
            <Form.Item name="date" label="漏打卡日期" rules={required('选择日期')} style={{ flex: 1 }}>
              <DatePicker data-testid="correction-date" style={{ width: '100%' }} inputReadOnly={false} />
            </Form.Item>
            <Form.Item name="time" label="应打卡时间" rules={required('选择时间')} style={{ flex: 1 }}>
              <TimePicker data-testid="correction-time" format="HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
        ) : (
          <Flex gap={8}>
            <Form.Item name="startDate" label="开始日期" rules={required('选择开始日期')} style={{ flex: 1 }}>
              <DatePicker data-testid="leave-start" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="endDate" label="结束日期" rules={required('选择结束日期')} style={{ flex: 1 }}>
              <DatePicker data-testid="leave-end" style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
        )}
        {kind === 'trip' && (
          <Form.Item name="destination" label="出差地点" rules={required('填写出差地点')}>
            <Input data-testid="leave-destination" maxLength={200} placeholder="如：成都" />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={kind === 'correction' ? '补卡原因' : '事由'}
          rules={[{ required: true, whitespace: true, message: '请填写事由' }]}
        >
          <Input.TextArea data-testid="leave-reason" rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item label="附件">
          <LeaveAttachmentPicker key={attachKey} onChange={setAttachments} />
        </Form.Item>
        {error && (
          <Alert
            data-testid="leave-form-error"
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 12 }}
          />
        )}
        <Button
          data-testid="leave-submit"
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={pending}
        >
          提交申请
        </Button>
      </Form>
    </Card>
  );
}

type Mine =
  | { kind: 'leave'; at: string; r: LeaveRequestDto }
  | { kind: 'correction'; at: string; r: PunchCorrectionDto };

/** One of the person's requests: what, when, its state; opened, its approval history and actions. */
function RequestCard({ item }: { item: Mine }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const withdraw = useWithdrawRequest();
  const resubmit = useResubmitRequest();
  const { r, kind } = item;
  const act = async (what: 'withdraw' | 'resubmit') => {
    const mutation = what === 'withdraw' ? withdraw : resubmit;
    try {
      await mutation.mutateAsync({
        kind: kind as RequestKind,
        id: r.id,
        body: { version: r.version, comment: comment.trim() || undefined },
      });
      message.success(what === 'withdraw' ? '已撤回' : '已重新提交');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const title = item.kind === 'leave' ? leaveKindText(item.r) : '补卡';
  const when = item.kind === 'leave' ? leavePeriod(item.r) : `${item.r.date} ${item.r.time}`;
  return (
    <Card
      size="small"
      data-testid={`my-request-${r.id}`}
      onClick={() => setOpen((o) => !o)}
      style={{ cursor: 'pointer' }}
    >
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{title}</Typography.Text>
        <LeaveStatus status={r.status} />
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
        {when}
      </Typography.Text>
      {open && (
        // biome-ignore lint/a11y/noStaticElementInteractions: stops the card from folding while acting inside it
        // biome-ignore lint/a11y/useKeyWithClickEvents: as above
        <div onClick={(e) => e.stopPropagation()} style={{ marginTop: 8, cursor: 'default' }}>
          <Typography.Paragraph style={{ marginBottom: 8 }}>事由：{r.reason}</Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            提交于 {formatDateTimeMinutes(r.createdAt)}
          </Typography.Text>
          <div style={{ margin: '8px 0' }}>
            <LeaveAttachmentList kind={kind} requestId={r.id} files={r.attachments} />
          </div>
          <LeaveTimeline kind={kind} id={r.id} />
          {(r.status === 'pending' || r.status === 'returned') && (
            <Flex vertical gap={8}>
              <Input
                placeholder={r.status === 'returned' ? '修改说明（选填）' : '撤回说明（选填）'}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                maxLength={500}
              />
              <Flex gap={8}>
                {r.status === 'returned' && (
                  <Button
                    type="primary"
                    data-testid="request-resubmit"
                    loading={resubmit.isPending}
                    onClick={() => act('resubmit')}
                  >
                    重新提交
                  </Button>
                )}
                <Button
                  danger
                  data-testid="request-withdraw"
                  loading={withdraw.isPending}
                  onClick={() => act('withdraw')}
                >
                  撤回申请
                </Button>
              </Flex>
            </Flex>
          )}
        </div>
      )}
    </Card>
  );
}

/** 请假: file leave, a trip, compensatory rest or a 补卡 with photos, and follow one's requests. */
export default function MobileLeavePage() {
  const [view, setView] = useState<'new' | 'mine'>('new');
  const leaves = useLeaveRequests({ page: 1, pageSize: 50 });
  const corrections = useCorrections({ page: 1, pageSize: 50 });
  const mine: Mine[] = [
    ...(leaves.data?.items ?? []).map((r) => ({ kind: 'leave' as const, at: r.createdAt, r })),
    ...(corrections.data?.items ?? []).map((r) => ({ kind: 'correction' as const, at: r.createdAt, r })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const loadError = leaves.error ?? corrections.error;

  return (
    <Flex vertical gap={12}>
      <Segmented
        block
        data-testid="leave-view"
        value={view}
        onChange={(v) => setView(v as 'new' | 'mine')}
        options={[
          { value: 'new', label: '提交申请' },
          { value: 'mine', label: `我的申请${mine.length ? `（${mine.length}）` : ''}` },
        ]}
      />
      {view === 'new' ? (
        <RequestForm onFiled={() => setView('mine')} />
      ) : loadError ? (
        <Alert type="error" showIcon title={errorMessage(loadError)} />
      ) : leaves.isLoading || corrections.isLoading ? (
        <Skeleton active />
      ) : mine.length ? (
        <Flex vertical gap={8} data-testid="my-requests">
          {mine.map((m) => (
            <RequestCard key={m.r.id} item={m} />
          ))}
        </Flex>
      ) : (
        <Empty description="暂无申请" />
      )}
    </Flex>
  );
}
