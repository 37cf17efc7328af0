import { Badge, Flex, Typography } from 'antd';
import type { NotificationDto } from '../../../../shared/contracts/notifications';
import { formatDateTimeMinutes } from '../../../app/format';

/** One notification: unread ones marked with a dot and in bold. */
export function NotificationItem({
  item,
  onOpen,
}: {
  item: NotificationDto;
  onOpen: (item: NotificationDto) => void;
}) {
  return (
    <button
      type="button"
      data-testid="notification-item"
      data-read={item.read}
      onClick={() => onOpen(item)}
      style={{ all: 'unset', display: 'block', width: '100%', cursor: 'pointer', padding: '8px 0' }}
    >
      <Flex gap={8} align="baseline">
        <Badge status={item.read ? 'default' : 'processing'} />
        <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong={!item.read} ellipsis={{ tooltip: item.title }}>
            {item.title}
          </Typography.Text>
          {item.body && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: item.body }}>
              {item.body}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTimeMinutes(item.createdAt)}
          </Typography.Text>
        </Flex>
      </Flex>
    </button>
  );
}
