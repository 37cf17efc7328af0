import { Alert, Button, Flex, Modal, Typography } from 'antd';

export const CONSENT_TITLE = '打卡位置信息告知';

/**
 * The precise-location notice (S17, PIPL Art. 28–30), shown before the first location is
 * read. Nothing is located until the person agrees; 暂不同意 leaves the page without punching.
 */
export function CheckinConsentModal({
  notice,
  saving,
  error,
  onAccept,
  onDecline,
}: {
  notice: string;
  saving: boolean;
  error: string | null;
  onAccept: () => void;
  onDecline: () => void;
}) {
  return (
    <Modal
      open
      title={CONSENT_TITLE}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Flex gap={8}>
          <Button
            block
            size="large"
            data-testid="checkin-consent-decline"
            onClick={onDecline}
            disabled={saving}
          >
            暂不同意
          </Button>
          <Button
            block
            size="large"
            type="primary"
            data-testid="checkin-consent-accept"
            loading={saving}
            onClick={onAccept}
          >
            同意并继续
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph
        data-testid="checkin-consent-notice"
        style={{ whiteSpace: 'pre-wrap', maxHeight: '50vh', overflowY: 'auto', marginBottom: 0 }}
      >
        {notice}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
