import { Empty } from 'antd';

/** 请假: PLACEHOLDER, built in issue 7. */
export default function MobileLeavePage() {
  return <Empty description="请假" />;
}
