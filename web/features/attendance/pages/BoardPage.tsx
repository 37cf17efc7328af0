import { Empty } from 'antd';

/** 今日在岗: PLACEHOLDER, built in issue 7. */
export default function BoardPage() {
  return <Empty description="今日在岗" />;
}
