import { Empty } from 'antd';

/** 节假日日历: PLACEHOLDER, built in issue 7. */
export default function CalendarPage() {
  return <Empty description="节假日日历" />;
}
