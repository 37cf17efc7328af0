import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { homePathOf, useMe } from '../auth';

function BackHome() {
  const navigate = useNavigate();
  const { data: me } = useMe();
  return (
    <Button type="primary" onClick={() => navigate(me ? homePathOf(me) : '/')}>
      返回首页
    </Button>
  );
}

export function ForbiddenPage() {
  return (
    <Result
      data-testid="page-403"
      status="403"
      title="403"
      subTitle="抱歉，您没有权限访问此页面"
      extra={<BackHome />}
    />
  );
}

export function NotFoundPage() {
  return (
    <Result
      data-testid="page-404"
      status="404"
      title="404"
      subTitle="抱歉，您访问的页面不存在"
      extra={<BackHome />}
    />
  );
}

/** Shown instead of React Router's English default when a page throws or its chunk fails to load. */
export function RouteErrorPage() {
  return (
    <Result
      status="error"
      title="页面加载失败"
      subTitle="系统可能已更新，请刷新页面后重试"
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>
      }
    />
  );
}
