import { Skeleton, theme } from 'antd';
import { Suspense, useEffect } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { can, useCurrentUser } from '../app/auth';
import { PLATFORM_NAME } from '../app/brand';
import { ForbiddenPage } from '../app/pages/ErrorPages';
import { mobileRoutes } from '../app/routes';

/** Phone-width shell for support staff: a title bar, the page, and a tab bar within thumb reach. */
export function MobileLayout() {
  const me = useCurrentUser();
  const { pathname } = useLocation();
  const { token } = theme.useToken();
  const tabs = mobileRoutes.filter((r) => can(me, r.permission));
  const current = mobileRoutes.find((r) => r.path === pathname);
  useEffect(() => {
    document.title = current ? `${current.title} - ${PLATFORM_NAME}` : PLATFORM_NAME;
  }, [current]);

  if (!can(me, 'mobile.use')) return <ForbiddenPage />;

  const bar = { position: 'sticky', zIndex: 10, background: token.colorBgContainer } as const;
  return (
    <div
      data-testid="mobile-layout"
      style={{
        maxWidth: 480,
        minHeight: '100%',
        margin: '0 auto',
        display: 'flex',
        flexDirection: 'column',
        background: token.colorBgLayout,
        boxShadow: token.boxShadowTertiary,
      }}
    >
      <header
        style={{
          ...bar,
          top: 0,
          height: 48,
          display: 'grid',
          placeItems: 'center',
          fontSize: 17,
          fontWeight: 600,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        {current?.title ?? PLATFORM_NAME}
      </header>
      <main style={{ flex: 1, padding: 12 }}>
        <Suspense fallback={<Skeleton active />}>
          <Outlet />
        </Suspense>
      </main>
      <nav
        style={{
          ...bar,
          bottom: 0,
          display: 'flex',
          borderTop: `1px solid ${token.colorBorderSecondary}`,
          // Keep the tabs above the home indicator on notched phones.
          paddingBottom: 'env(safe-area-inset-bottom)',
        }}
      >
        {tabs.map((tab) => (
          <NavLink
            key={tab.path}
            to={tab.path}
            end
            style={({ isActive }) => ({
              flex: 1,
              height: 56,
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              justifyContent: 'center',
              gap: 2,
              fontSize: 12,
              color: isActive ? token.colorPrimary : token.colorTextSecondary,
            })}
          >
            <span style={{ fontSize: 20 }}>{tab.icon}</span>
            {tab.title}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
