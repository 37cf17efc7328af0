import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { RevealBody, StaffDto } from '../../../../shared/contracts/staff';
import { errorMessage } from '../../../app/api';
import { revealStaffField } from '../api';
import { REVEAL_SECONDS } from '../labels';

const FIELD_LABEL: Record<RevealBody['field'], string> = { idNumber: '身份证号', phone: '手机号' };

/**
 * 查看 a full ID number or phone (S16): the reason first (recorded in the audit trail), then the
 * value for REVEAL_SECONDS or until closed. The value lives in this modal's state only.
 */
export function RevealModal({
  staff,
  field,
  onClose,
}: {
  staff: StaffDto;
  field: RevealBody['field'];
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [value, setValue] = useState<string | null>(null);
  const [left, setLeft] = useState(REVEAL_SECONDS);
  const label = FIELD_LABEL[field];
  // The parent's handler may change identity on every render; the countdown must not restart.
  const close = useRef(onClose);
  close.current = onClose;

  // Count down while the value is shown, then hide it by closing.
  useEffect(() => {
    if (value === null) return;
    if (left <= 0) {
      close.current();
      return;
    }
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [value, left]);

  const reveal = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      const revealed = await revealStaffField(staff.id, { field, reason: reason.trim() });
      setLeft(REVEAL_SECONDS);
      setValue(revealed.value ?? '未登记');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`查看${staff.name}的完整${label}`}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        value === null ? (
          <Flex justify="end" gap={8}>
            <Button onClick={onClose}>取消</Button>
            <Button
              data-testid="staff-reveal-submit"
              type="primary"
              loading={busy}
              onClick={() => form.submit()}
            >
              查看
            </Button>
          </Flex>
        ) : (
          <Button data-testid="staff-reveal-close" onClick={onClose}>
            关闭
          </Button>
        )
      }
    >
      {value === null ? (
        <>
          <Alert
            type="warning"
            showIcon
            title={`该操作将记入审计日志：查看人、时间、查看原因和所查看的${label}。`}
            style={{ marginBottom: 16 }}
          />
          {error && (
            <Alert
              data-testid="staff-reveal-error"
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 16 }}
            />
          )}
          <Form form={form} layout="vertical" disabled={busy} onFinish={reveal}>
            <Form.Item
              name="reason"
              label="查看原因"
              rules={[
                { required: true, whitespace: true, message: '请填写查看原因' },
                { min: 2, message: '请填写查看原因' },
                { max: 200, message: '查看原因最多200个字' },
              ]}
            >
              <Input.TextArea
                data-testid="staff-reveal-reason"
                rows={2}
                maxLength={200}
                placeholder="如：办理派驻备案需核对身份信息"
              />
            </Form.Item>
          </Form>
        </>
      ) : (
        <Flex vertical gap={8}>
          <Typography.Text
            data-testid="staff-reveal-value"
            copyable={value !== '未登记'}
            style={{ fontSize: 20, fontFamily: 'monospace' }}
          >
            {value}
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="staff-reveal-countdown">
            {left} 秒后自动隐藏
          </Typography.Text>
        </Flex>
      )}
    </Modal>
  );
}
