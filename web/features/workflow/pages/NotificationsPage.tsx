import { Alert, App, Button, Card, Divider, Empty, Flex, Pagination, Segmented, Skeleton } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../app/api';
import { NotificationItem } from '../components/NotificationItem';
import { useOpenNotification } from '../components/NotificationPanel';
import { type NotificationFilter, useMarkAllRead, useNotifications } from '../notifications-api';

type Show = 'all' | 'unread';

/** 消息通知: every notification of the signed-in user, newest first, with the unread ones marked. */
export default function NotificationsPage() {
  const { message } = App.useApp();
  const [filter, setFilter] = useState<NotificationFilter>({ page: 1, pageSize: 20 });
  const { data, isPending, error } = useNotifications(filter);
  const markAll = useMarkAllRead();
  const open = useOpenNotification();

  return (
    <Card
      title="消息通知"
      extra={
        <Button
          data-testid="notifications-read-all"
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
      }
    >
      <Flex style={{ marginBottom: 16 }}>
        <Segmented<Show>
          data-testid="notifications-filter"
          options={[
            { value: 'all', label: '全部' },
            { value: 'unread', label: data ? `未读（${data.unread}）` : '未读' },
          ]}
          value={filter.unread ? 'unread' : 'all'}
          onChange={(show) =>
            setFilter((f) => ({ ...f, page: 1, unread: show === 'unread' ? 'true' : undefined }))
          }
        />
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      {isPending ? (
        <Skeleton active />
      ) : (
        <div data-testid="notifications-list">
          {!data?.items.length && <Empty description={filter.unread ? '没有未读消息' : '暂无消息'} />}
          {data?.items.map((item, index) => (
            <div key={item.id}>
              {index > 0 && <Divider style={{ margin: 0 }} />}
              <NotificationItem item={item} onOpen={open} />
            </div>
          ))}
          <Flex justify="end" style={{ marginTop: 16 }}>
            <Pagination
              current={filter.page}
              pageSize={filter.pageSize}
              total={data?.total ?? 0}
              hideOnSinglePage
              showTotal={(total) => `共 ${total} 条消息`}
              onChange={(page, pageSize) => setFilter((f) => ({ ...f, page, pageSize }))}
            />
          </Flex>
        </div>
      )}
    </Card>
  );
}
