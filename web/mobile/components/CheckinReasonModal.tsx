import { Alert, Button, Flex, Form, Input, Modal } from 'antd';
import { useState } from 'react';

export const REASON_TITLE = '外勤打卡';

/** The 外勤 reason's limit in `CreateCheckinBody.outsideReason`. */
const MAX_REASON = 200;

/**
 * The server found the punch outside the fence (422 OUTSIDE_NEEDS_REASON): ask why, then the
 * same punch (same id, same time and place) is sent again with the reason.
 */
export function CheckinReasonModal({
  message,
  queued,
  sending,
  error,
  onSubmit,
  onCancel,
  onDiscard,
}: {
  /** the server's explanation (distance to the fence) */
  message: string;
  /** a punch from the offline queue: cancelling keeps it waiting */
  queued: boolean;
  sending: boolean;
  error: string | null;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
  /** give the queued punch up */
  onDiscard?: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  return (
    <Modal
      open
      title={REASON_TITLE}
      onCancel={onCancel}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex vertical gap={8}>
          <Flex gap={8}>
            <Button block size="large" onClick={onCancel} disabled={sending}>
              {queued ? '稍后填写' : '取消打卡'}
            </Button>
            <Button
              block
              size="large"
              type="primary"
              data-testid="checkin-reason-submit"
              loading={sending}
              onClick={() => form.submit()}
            >
              提交外勤打卡
            </Button>
          </Flex>
          {queued && onDiscard && (
            <Button
              block
              danger
              type="link"
              data-testid="checkin-reason-discard"
              disabled={sending}
              onClick={() => (confirmDiscard ? onDiscard() : setConfirmDiscard(true))}
            >
              {confirmDiscard ? '确认放弃该次打卡' : '放弃该次打卡'}
            </Button>
          )}
        </Flex>
      }
    >
      <Alert type="warning" showIcon title={message} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        disabled={sending}
        onFinish={(v) => onSubmit(v.reason.trim())}
        requiredMark={false}
      >
        <Form.Item
          name="reason"
          label="外勤原因"
          rules={[{ required: true, whitespace: true, message: '请填写外勤打卡原因' }]}
          extra="如：下乡义诊、到乡镇卫生院带教、参加县卫生健康局会议等"
        >
          <Input.TextArea
            data-testid="checkin-reason-input"
            rows={3}
            maxLength={MAX_REASON}
            showCount
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
