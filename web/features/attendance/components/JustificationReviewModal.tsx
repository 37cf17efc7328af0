import { Alert, App, Button, Descriptions, Flex, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { JUSTIFICATION_CAUSE_LABELS } from '../../../../shared/attendance-vocabulary';
import type { JustificationDto } from '../../../../shared/contracts/attendance';
import { errorMessage } from '../../../app/api';
import { useReviewJustification } from '../attendance-api';
import { justificationPeriod } from './JustificationTable';

type Values = { decision: 'accepted' | 'rejected'; comment?: string };

/** 审核情况说明: accept or reject, with a comment (needed to reject); an accepted one stays visible with the judgement. */
export function JustificationReviewModal({
  justification: j,
  initialDecision,
  onClose,
}: {
  justification: JustificationDto;
  initialDecision: Values['decision'];
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const review = useReviewJustification();
  const [error, setError] = useState<string | null>(null);
  const decision = Form.useWatch('decision', form) ?? initialDecision;

  const save = async (values: Values) => {
    setError(null);
    try {
      await review.mutateAsync({
        id: j.id,
        decision: values.decision,
        comment: values.comment?.trim() || undefined,
        version: j.version,
      });
      message.success(values.decision === 'accepted' ? '已认可该情况说明' : '已不予认可该情况说明');
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title="审核考勤情况说明"
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            danger={decision === 'rejected'}
            data-testid="justification-review-submit"
            loading={review.isPending}
            onClick={() => form.submit()}
          >
            {decision === 'accepted' ? '认可' : '不予认可'}
          </Button>
        </Flex>
      }
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'staff', label: '人员', children: j.staffName },
          {
            key: 'what',
            label: '事项',
            children: `${j.rule === 'P06' ? 'P06 缺勤' : 'P07 驻点天数不足'}（${justificationPeriod(j)}）`,
          },
          { key: 'cause', label: '原因类别', children: JUSTIFICATION_CAUSE_LABELS[j.cause] },
          { key: 'text', label: '情况说明', children: j.text },
        ]}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ decision: initialDecision }}
        onFinish={save}
      >
        <Form.Item name="decision" label="审核意见" rules={[{ required: true, message: '请选择审核意见' }]}>
          <Radio.Group
            data-testid="justification-review-decision"
            options={[
              { value: 'accepted', label: '认可' },
              { value: 'rejected', label: '不予认可' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label="审核说明"
          rules={[
            {
              required: decision === 'rejected',
              whitespace: true,
              message: '不予认可时请填写理由',
            },
            { max: 500, message: '审核说明不超过 500 字' },
          ]}
        >
          <Input.TextArea data-testid="justification-review-comment" rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
