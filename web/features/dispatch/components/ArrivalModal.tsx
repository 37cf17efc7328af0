import { Alert, App, Button, Flex, Form, Modal } from 'antd';
import { useState } from 'react';
import type { DispatchDto } from '../../../../shared/contracts/dispatch';
import { ApiError, errorMessage } from '../../../app/api';
import { todayInShanghai } from '../../../app/format';
import { DateInput } from '../../programmes/components/DateInput';
import { useConfirmArrival } from '../api';
import { CONFLICT_MESSAGE } from '../labels';
import { DispatchSummary } from './DispatchSummary';

type Values = { arrivedOn: string };

/** 确认到岗: the recipient records the day the approved person arrived (approved → 在岗). */
export function ArrivalModal({ dispatch, onClose }: { dispatch: DispatchDto; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const arrive = useConfirmArrival();
  const [error, setError] = useState<string | null>(null);

  const save = async (values: Values) => {
    setError(null);
    try {
      await arrive.mutateAsync({
        id: dispatch.id,
        body: { arrivedOn: values.arrivedOn, version: dispatch.version },
      });
      message.success('已确认到岗');
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
      title="确认到岗"
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            data-testid="dispatch-arrive-submit"
            loading={arrive.isPending}
            onClick={() => form.submit()}
          >
            确认到岗
          </Button>
        </Flex>
      }
    >
      <DispatchSummary dispatch={dispatch} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={arrive.isPending}
        initialValues={{ arrivedOn: todayInShanghai() }}
        onFinish={save}
      >
        <Form.Item name="arrivedOn" label="到岗日期" rules={[{ required: true, message: '请选择到岗日期' }]}>
          <DateInput data-testid="dispatch-arrive-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
