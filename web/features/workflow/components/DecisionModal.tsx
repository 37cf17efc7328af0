import { Form, Input, Modal } from 'antd';
import type { WorkflowDecision } from '../api';

const TITLES: Record<WorkflowDecision, string> = {
  approve: '同意',
  return: '退回修改',
  reject: '不同意',
  resubmit: '重新提交',
  withdraw: '撤回',
};

/** Return and reject must say why (DecideWithReasonBody); the others may add a comment. */
export const needsComment = (decision: WorkflowDecision) => decision === 'return' || decision === 'reject';

const PLACEHOLDERS: Record<WorkflowDecision, string> = {
  approve: '审批意见（选填），如：同意，请按期执行',
  return: '请写明需要修改的内容',
  reject: '请写明不同意的理由',
  resubmit: '修改说明（选填）',
  withdraw: '撤回原因（选填）',
};

/**
 * The comment of a decision, asked for before it is sent. A document type may give the
 * comment another meaning (a resubmitted pairing exception's comment is its new reason):
 * `field` then names it and fills in the current value.
 */
export function DecisionModal({
  decision,
  loading,
  field,
  onSubmit,
  onCancel,
}: {
  decision: WorkflowDecision;
  loading: boolean;
  field?: { label: string; initial?: string; help?: string };
  onSubmit: (comment: string | undefined) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<{ comment?: string }>();
  const required = needsComment(decision);
  return (
    <Modal
      open
      title={TITLES[decision]}
      okText={`确认${TITLES[decision]}`}
      cancelText="取消"
      okButtonProps={{ danger: decision === 'reject', loading, 'data-testid': 'decision-submit' }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        disabled={loading}
        initialValues={{ comment: field?.initial }}
        onFinish={({ comment }) => onSubmit(comment?.trim() || undefined)}
      >
        <Form.Item
          name="comment"
          label={field?.label ?? (required ? '意见' : '意见（选填）')}
          extra={field?.help}
          rules={required ? [{ required: true, whitespace: true, message: '请填写意见' }] : []}
        >
          <Input.TextArea
            data-testid="decision-comment"
            rows={4}
            maxLength={1000}
            showCount
            placeholder={PLACEHOLDERS[decision]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
