import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';

/** Make every Zod error message Chinese, on the server and in the browser alike. */
export function applyChineseZodErrors(): void {
  z.config(zhCN());
}
