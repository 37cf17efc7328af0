import { Empty } from 'antd';

/** 考勤情况说明: PLACEHOLDER, built in issue 7. */
export default function JustificationsPage() {
  return <Empty description="考勤情况说明" />;
}
