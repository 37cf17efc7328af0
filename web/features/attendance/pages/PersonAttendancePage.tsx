import { Empty } from 'antd';

/** 个人考勤: PLACEHOLDER, built in issue 7. */
export default function PersonAttendancePage() {
  return <Empty description="个人考勤" />;
}
