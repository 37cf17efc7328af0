import { BellOutlined, CheckSquareOutlined } from '@ant-design/icons';
import { Badge, Button, Popover, Skeleton, Tooltip } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import { useUnreadCount } from '../notifications-api';

// The list itself loads on first opening: the header is on every page's first load.
const NotificationPanel = lazy(() => import('./NotificationPanel'));

/** The header's to-do badge and notification bell, refreshed every minute and on focus. */
export function HeaderNotifications({ compact, enabled }: { compact: boolean; enabled: boolean }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const { data } = useUnreadCount(enabled);
  const todos = data?.todos ?? 0;
  const unread = data?.unread ?? 0;
  if (!enabled) return null;

  return (
    <>
      <Tooltip title={compact ? '待办事项' : undefined}>
        <Badge count={todos} overflowCount={99} data-testid="header-todo-count" data-count={todos}>
          <Button
            type="text"
            icon={<CheckSquareOutlined />}
            data-testid="header-todos"
            aria-label="待办事项"
            onClick={() => navigate('/todos')}
          >
            {compact ? null : '待办'}
          </Button>
        </Badge>
      </Tooltip>
      <Popover
        trigger="click"
        placement="bottomRight"
        open={open}
        onOpenChange={setOpen}
        content={
          <Suspense fallback={<Skeleton active style={{ width: 340 }} />}>
            {open && <NotificationPanel onClose={() => setOpen(false)} />}
          </Suspense>
        }
      >
        <Badge
          count={unread}
          overflowCount={99}
          size="small"
          data-testid="header-unread-count"
          data-count={unread}
        >
          <Button type="text" icon={<BellOutlined />} data-testid="notification-bell" aria-label="消息通知" />
        </Badge>
      </Popover>
    </>
  );
}
