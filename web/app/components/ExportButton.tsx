import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api';
import { downloadFile } from '../download';

type Filters = Record<string, string | number | undefined | null>;

type Props = {
  /** e.g. `/api/institutions/export` */
  path: string;
  /** the list's query state as the table uses it: the export has the same rows, all pages of them */
  filters: Filters;
  /** the name to save under if the server sends none */
  fallbackName: string;
  /** the button's text, where a page offers more than one format (导出 Excel / 导出 CSV) */
  label?: string;
  'data-testid'?: string;
};

/** 导出: the list as .xlsx, with the filters on screen, saved under the server's (Chinese) file name. */
export function ExportButton({ path, filters, fallbackName, label = '导出', 'data-testid': testId }: Props) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const { page: _page, pageSize: _pageSize, ...rest } = filters;

  const run = async () => {
    setBusy(true);
    try {
      await downloadFile(path, rest, fallbackName);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button data-testid={testId} icon={<DownloadOutlined />} loading={busy} onClick={run}>
      {busy ? '正在导出' : label}
    </Button>
  );
}
