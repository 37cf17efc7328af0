import { Alert, App, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { DispatchDto } from '../../../../shared/contracts/dispatch';
import { ApiError, errorMessage } from '../../../app/api';
import { useSubmitDispatch } from '../api';
import { CONFLICT_MESSAGE } from '../labels';
import { DispatchSummary } from './DispatchSummary';
import { JudgementView, needsJustification } from './JudgementView';

type Values = { justification?: string };

/**
 * 提交审批: send a proposed dispatch to the province. A broken "in principle" rule (P04) needs
 * a 偏离理由; the server says so with 422 NEEDS_JUSTIFICATION if the stored judgement changed.
 */
export function SubmitDispatchModal({ dispatch, onClose }: { dispatch: DispatchDto; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const submit = useSubmitDispatch();
  const [error, setError] = useState<string | null>(null);
  // The server may know of a deviation the stored judgement predates: then the reason is asked for too.
  const [askReason, setAskReason] = useState(needsJustification(dispatch.judgement));

  const save = async (values: Values) => {
    setError(null);
    const justification = values.justification?.trim();
    try {
      await submit.mutateAsync({
        id: dispatch.id,
        body: { ...(justification ? { justification } : {}), version: dispatch.version },
      });
      message.success('已提交省对口支援办审批');
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NEEDS_JUSTIFICATION') {
        setAskReason(true);
        setError(e.message);
        return;
      }
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
      width={640}
      title="提交审批"
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            data-testid="dispatch-submit-confirm"
            loading={submit.isPending}
            onClick={() => form.submit()}
          >
            提交审批
          </Button>
        </Flex>
      }
    >
      <DispatchSummary dispatch={dispatch} />
      <Typography.Title level={5}>资格判定</Typography.Title>
      <JudgementView judgement={dispatch.judgement} />
      {error && (
        <Alert
          data-testid="dispatch-submit-error"
          type="error"
          showIcon
          title={error}
          style={{ marginTop: 16 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={submit.isPending}
        onFinish={save}
        style={{ marginTop: 16 }}
      >
        {askReason && (
          <Form.Item
            name="justification"
            label="偏离理由"
            extra="说明为何偏离“原则上”规定，随选派一并报省对口支援办审批"
            rules={[{ required: true, whitespace: true, message: '请填写偏离原则上规定的理由' }]}
          >
            <Input.TextArea
              data-testid="dispatch-justification"
              rows={3}
              maxLength={1000}
              placeholder="如：受援县急需该专业人员，派出单位暂无符合职称要求的人选"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
