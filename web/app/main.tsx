import 'dayjs/locale/zh-cn';
import { QueryClientProvider } from '@tanstack/react-query';
import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { onPasswordExpired, onSessionLost } from './api';
import { forgetSession, markPasswordExpired, queryClient } from './query-client';
import { router } from './router';

dayjs.locale('zh-cn');
onSessionLost(forgetSession);
onPasswordExpired(markPasswordExpired);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN}>
      {/* App gives message/modal/notification the locale and theme (App.useApp). */}
      <App style={{ height: '100%' }}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </App>
    </ConfigProvider>
  </StrictMode>,
);
