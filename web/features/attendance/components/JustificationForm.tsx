import { Alert, App, Button, Drawer, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { JUSTIFICATION_CAUSE_LABELS, JUSTIFICATION_CAUSES } from '../../../../shared/attendance-vocabulary';
import type { JustificationDto } from '../../../../shared/contracts/attendance';
import { errorMessage } from '../../../app/api';
import { useCreateJustification } from '../attendance-api';

/** What the person explains: one absence day (P06) or one short month (P07), as the server judged it. */
export interface JustificationTarget {
  dispatchId: string;
  rule: 'P06' | 'P07';
  fromDate: string;
  toDate: string;
  /** e.g. `2026年8月驻点 4 天，少于应驻点的 5 天` */
  title: string;
}

type Values = { cause: JustificationDto['cause']; text: string };

/** 提交情况说明 from the phone: a cause and the explanation; the reviewer sees both. */
export function JustificationForm({ target, onClose }: { target: JustificationTarget; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateJustification();
  const [error, setError] = useState<string | null>(null);

  const save = async (values: Values) => {
    setError(null);
    try {
      await create.mutateAsync({
        dispatchId: target.dispatchId,
        rule: target.rule,
        fromDate: target.fromDate,
        toDate: target.toDate,
        cause: values.cause,
        text: values.text.trim(),
      });
      message.success('情况说明已提交，等待受援单位审核');
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Drawer
      open
      placement="bottom"
      size={480}
      title="提交情况说明"
      onClose={onClose}
      destroyOnHidden
      data-testid="justification-form"
    >
      <Typography.Paragraph>{target.title}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={save}>
        <Form.Item name="cause" label="原因类别" rules={[{ required: true, message: '请选择原因类别' }]}>
          <Select
            data-testid="justification-cause"
            placeholder="请选择"
            options={JUSTIFICATION_CAUSES.map((c) => ({ value: c, label: JUSTIFICATION_CAUSE_LABELS[c] }))}
          />
        </Form.Item>
        <Form.Item
          name="text"
          label="情况说明"
          rules={[
            { required: true, whitespace: true, message: '请填写情况说明' },
            { max: 1000, message: '情况说明不超过 1000 字' },
          ]}
        >
          <Input.TextArea
            data-testid="justification-text"
            rows={4}
            maxLength={1000}
            showCount
            placeholder="说明未能驻点或打卡的原因、时间，以及期间通过远程会诊、远程教学等方式开展的工作"
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button
          block
          size="large"
          type="primary"
          data-testid="justification-submit"
          loading={create.isPending}
          onClick={() => form.submit()}
        >
          提交
        </Button>
      </Form>
    </Drawer>
  );
}
