import { Alert, App, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { PairingDto } from '../../../../shared/contracts/pairing';
import { ApiError, errorMessage } from '../../../app/api';
import { todayInShanghai } from '../../../app/format';
import { DateInput } from '../../programmes/components/DateInput';
import { useEndPairing } from '../api';

type Values = { endDate: string; reason: string };

/** End a pairing on a date, with the reason recorded in its history. */
export function EndPairingModal({ pairing, onClose }: { pairing: PairingDto; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const end = useEndPairing();
  const [error, setError] = useState<string | null>(null);
  const today = todayInShanghai();
  const initial = pairing.periodEnd && pairing.periodEnd < today ? pairing.periodEnd : today;

  const save = async (values: Values) => {
    setError(null);
    try {
      await end.mutateAsync({
        id: pairing.id,
        body: { endDate: values.endDate, reason: values.reason.trim(), version: pairing.version },
      });
      message.success('已终止结对关系');
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.warning(e.message);
        onClose();
        return;
      }
      setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title="终止结对关系"
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            danger
            type="primary"
            data-testid="pairing-end-submit"
            loading={end.isPending}
            onClick={() => form.submit()}
          >
            终止
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph>
        {pairing.supporting.name} → {pairing.recipient.name}（{pairing.periodStart} 至{' '}
        {pairing.periodEnd ?? '未定'}）
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ endDate: initial }}
        onFinish={save}
        disabled={end.isPending}
      >
        <Form.Item name="endDate" label="终止日期" rules={[{ required: true, message: '请选择终止日期' }]}>
          <DateInput data-testid="pairing-end-date" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="终止理由"
          rules={[{ required: true, whitespace: true, message: '请填写终止理由' }]}
        >
          <Input.TextArea data-testid="pairing-end-reason" rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
