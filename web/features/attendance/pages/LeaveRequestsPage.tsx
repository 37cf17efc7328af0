import { Empty } from 'antd';

/** 请假与补卡: PLACEHOLDER, built in issue 7. */
export default function LeaveRequestsPage() {
  return <Empty description="请假与补卡" />;
}
