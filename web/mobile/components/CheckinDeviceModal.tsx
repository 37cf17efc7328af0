import { Alert, App, Button, Descriptions, Flex, Form, Input, Modal } from 'antd';
import { errorMessage } from '../../app/api';
import { useRequestDevice } from '../checkin-api';

export const DEVICE_TITLE = '申请更换打卡设备';

/** The reason's limit in `DeviceRequestBody`. */
const MAX_REASON = 200;

/**
 * 申请更换设备: this phone is not the person's bound one. The sending institution approves the
 * request (device_binding); until then this phone cannot punch.
 */
export function CheckinDeviceModal({
  deviceId,
  label,
  previous,
  onClose,
}: {
  deviceId: string;
  label: string;
  /** what the server says about this phone (not bound, rejected, …) */
  previous: string | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const request = useRequestDevice(deviceId);

  const submit = async ({ reason }: { reason: string }) => {
    try {
      await request.mutateAsync({ label, reason: reason.trim() });
      message.success('更换设备申请已提交，派出单位批准后即可用本机打卡');
      onClose();
    } catch {
      // shown below
    }
  };

  return (
    <Modal
      open
      title={DEVICE_TITLE}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex gap={8}>
          <Button block size="large" onClick={onClose} disabled={request.isPending}>
            取消
          </Button>
          <Button
            block
            size="large"
            type="primary"
            data-testid="checkin-device-submit"
            loading={request.isPending}
            onClick={() => form.submit()}
          >
            提交申请
          </Button>
        </Flex>
      }
    >
      {previous && <Alert type="info" showIcon title={previous} style={{ marginBottom: 16 }} />}
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[{ key: 'device', label: '本机', children: label }]}
      />
      {request.error && (
        <Alert type="error" showIcon title={errorMessage(request.error)} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" disabled={request.isPending} onFinish={submit} requiredMark={false}>
        <Form.Item
          name="reason"
          label="更换原因"
          rules={[{ required: true, whitespace: true, message: '请填写更换设备的原因' }]}
        >
          <Input.TextArea
            data-testid="checkin-device-reason"
            rows={3}
            maxLength={MAX_REASON}
            showCount
            placeholder="如：原手机丢失、更换新手机"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
