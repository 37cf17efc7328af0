import { Empty } from 'antd';

/** 打卡: PLACEHOLDER, built in issue 7. */
export default function CheckinPage() {
  return <Empty description="打卡" />;
}
