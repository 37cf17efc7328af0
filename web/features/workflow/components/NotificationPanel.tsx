import { Alert, App, Button, Divider, Empty, Flex, Skeleton, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { NotificationDto } from '../../../../shared/contracts/notifications';
import { errorMessage } from '../../../app/api';
import { useMarkAllRead, useMarkRead, useNotifications } from '../notifications-api';
import { NotificationItem } from './NotificationItem';

/** Opening a notification marks it read and goes where it points. */
export function useOpenNotification(onDone?: () => void) {
  const navigate = useNavigate();
  const markRead = useMarkRead();
  return (item: NotificationDto) => {
    if (!item.read) markRead.mutate(item.id);
    onDone?.();
    if (item.link) navigate(item.link);
  };
}

/** The bell's drop-down: the latest notifications, 全部已读, and the way to the full list. */
export default function NotificationPanel({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data, isPending, error } = useNotifications({ page: 1, pageSize: 8 });
  const markAll = useMarkAllRead();
  const open = useOpenNotification(onClose);

  return (
    <div style={{ width: 340 }} data-testid="notification-panel">
      <Flex justify="space-between" align="center">
        <Typography.Text strong>消息通知{data?.unread ? `（${data.unread} 条未读）` : ''}</Typography.Text>
        <Button
          type="link"
          size="small"
          data-testid="notification-read-all"
          disabled={!data?.unread}
          loading={markAll.isPending}
          onClick={() =>
            markAll.mutate(undefined, {
              onSuccess: () => message.success('已全部标为已读'),
              onError: (e) => message.error(errorMessage(e)),
            })
          }
        >
          全部已读
        </Button>
      </Flex>
      <Divider style={{ margin: '8px 0' }} />
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPending && <Skeleton active paragraph={{ rows: 3 }} />}
      {data && !data.items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无消息" />}
      <div style={{ maxHeight: 420, overflowY: 'auto' }}>
        {data?.items.map((item) => (
          <NotificationItem key={item.id} item={item} onOpen={open} />
        ))}
      </div>
      <Divider style={{ margin: '8px 0' }} />
      <Flex justify="center">
        <Button
          type="link"
          size="small"
          data-testid="notification-view-all"
          onClick={() => {
            onClose();
            navigate('/notifications');
          }}
        >
          查看全部
        </Button>
      </Flex>
    </div>
  );
}
