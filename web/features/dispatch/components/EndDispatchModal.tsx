import { Alert, App, Button, Flex, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import type { DispatchDto, EndDispatchBody } from '../../../../shared/contracts/dispatch';
import { ApiError, errorMessage } from '../../../app/api';
import { todayInShanghai } from '../../../app/format';
import { DateInput } from '../../programmes/components/DateInput';
import { useEndDispatch } from '../api';
import { CONFLICT_MESSAGE } from '../labels';
import { DispatchSummary } from './DispatchSummary';

type Values = { outcome: EndDispatchBody['outcome']; endedOn: string; reason?: string };

/** 结束派驻: 期满 at the planned end, or 提前结束 with a reason (P06). */
export function EndDispatchModal({ dispatch, onClose }: { dispatch: DispatchDto; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const end = useEndDispatch();
  const [error, setError] = useState<string | null>(null);
  const outcome = Form.useWatch('outcome', form);
  const today = todayInShanghai();
  const due = dispatch.plannedEnd <= today;

  const save = async (values: Values) => {
    setError(null);
    const reason = values.reason?.trim();
    try {
      await end.mutateAsync({
        id: dispatch.id,
        body: {
          outcome: values.outcome,
          endedOn: values.endedOn,
          ...(values.outcome === 'ended_early' && reason ? { reason } : {}),
          version: dispatch.version,
        },
      });
      message.success(values.outcome === 'completed' ? '已记录期满完成' : '已记录提前结束');
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
      title="结束派驻"
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            danger={outcome === 'ended_early'}
            data-testid="dispatch-end-submit"
            loading={end.isPending}
            onClick={() => form.submit()}
          >
            确定
          </Button>
        </Flex>
      }
    >
      <DispatchSummary dispatch={dispatch} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={end.isPending}
        initialValues={
          due
            ? { outcome: 'completed', endedOn: dispatch.plannedEnd }
            : { outcome: 'ended_early', endedOn: today }
        }
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.outcome === 'completed') form.setFieldsValue({ endedOn: dispatch.plannedEnd });
          if (changed.outcome === 'ended_early') form.setFieldsValue({ endedOn: today });
        }}
        onFinish={save}
      >
        <Form.Item name="outcome" label="结束方式">
          <Radio.Group
            data-testid="dispatch-end-outcome"
            options={[
              { value: 'completed', label: '期满完成' },
              { value: 'ended_early', label: '提前结束' },
            ]}
          />
        </Form.Item>
        <Form.Item name="endedOn" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
          <DateInput data-testid="dispatch-end-date" />
        </Form.Item>
        {outcome === 'ended_early' && (
          <Form.Item
            name="reason"
            label="提前结束原因"
            rules={[{ required: true, whitespace: true, message: '请填写提前结束的原因' }]}
          >
            <Input.TextArea data-testid="dispatch-end-reason" rows={3} maxLength={1000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
