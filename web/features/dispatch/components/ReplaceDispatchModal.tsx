import { Alert, App, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { DispatchDto } from '../../../../shared/contracts/dispatch';
import { ApiError, errorMessage } from '../../../app/api';
import { DateInput } from '../../programmes/components/DateInput';
import { useReplaceDispatch } from '../api';
import { CONFLICT_MESSAGE } from '../labels';
import { DispatchSummary } from './DispatchSummary';
import { StaffPicker } from './Pickers';

type Values = { staffId: string; endedOn: string; reason: string };

/** The day after `date` (YYYY-MM-DD), for the replacement's first day. */
const dayAfter = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

/**
 * 更换人员: the home side ends the dispatch as 已换人 with the special reason (P06) and proposes
 * the replacement for the rest of the planned period; it is judged and submitted like any proposal.
 */
export function ReplaceDispatchModal({ dispatch, onClose }: { dispatch: DispatchDto; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const replace = useReplaceDispatch();
  const [error, setError] = useState<string | null>(null);
  const endedOn = Form.useWatch('endedOn', form);

  const save = async (values: Values) => {
    setError(null);
    try {
      const { replacement } = await replace.mutateAsync({
        id: dispatch.id,
        body: {
          staffId: values.staffId,
          endedOn: values.endedOn,
          reason: values.reason.trim(),
          version: dispatch.version,
        },
      });
      const deviations = replacement.judgement.violations;
      if (deviations.length)
        modal.warning({
          title: `已更换为${replacement.staff.name}，接替人员有偏离原则上规定的情形`,
          content: `${deviations.map((v) => `${v.rule}：${v.message}`).join('；')}。报审时须填写理由。`,
        });
      else message.success(`已更换为${replacement.staff.name}，接替人员为拟选派状态，请提交审批`);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.warning(e.message || CONFLICT_MESSAGE);
        onClose();
        return;
      }
      setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title="更换支援人员"
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            danger
            data-testid="dispatch-replace-submit"
            loading={replace.isPending}
            onClick={() => form.submit()}
          >
            确定更换
          </Button>
        </Flex>
      }
    >
      <DispatchSummary dispatch={dispatch} />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="无特殊情况或事由不得中途换人。更换后原选派记为“已换人”，接替人员按拟选派登记，须重新校验资格并报审。"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" disabled={replace.isPending} onFinish={save}>
        <Form.Item name="staffId" label="接替人员" rules={[{ required: true, message: '请选择接替人员' }]}>
          <StaffPicker data-testid="dispatch-replace-staff" />
        </Form.Item>
        <Form.Item
          name="endedOn"
          label="原支援人员最后在岗日期"
          rules={[{ required: true, message: '请选择结束日期' }]}
          extra={
            endedOn && endedOn < dispatch.plannedEnd ? (
              <Typography.Text type="secondary">
                接替人员派驻期：{dayAfter(endedOn)} 至 {dispatch.plannedEnd}
              </Typography.Text>
            ) : (
              `须早于计划结束日期 ${dispatch.plannedEnd}`
            )
          }
        >
          <DateInput data-testid="dispatch-replace-date" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="更换原因"
          rules={[{ required: true, whitespace: true, message: '请填写更换人员的原因' }]}
        >
          <Input.TextArea data-testid="dispatch-replace-reason" rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
