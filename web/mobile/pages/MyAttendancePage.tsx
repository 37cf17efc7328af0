import { Empty } from 'antd';

/** 我的考勤: PLACEHOLDER, built in issue 7. */
export default function MyAttendancePage() {
  return <Empty description="我的考勤" />;
}
